using System.Text.Json;
using CdsLearn.Learning;
using Microsoft.AspNetCore.DataProtection;

namespace CdsLearn.Tests.Learning;

public class QuizDrawProtectorTests
{
    private readonly QuizDrawProtector protector = new(new EphemeralDataProtectionProvider());

    private static readonly QuizDraw Draw = new(Guid.NewGuid(), SampleQuiz.ModuleId, "hoc-vien-1",
    [
        new DrawnQuestion(4, [2, 0, 3, 1]),
        new DrawnQuestion(9, [1, 0]),
    ]);

    [Fact]
    public void ATokenGivesBackItsDraw()
    {
        var token = protector.Protect(Draw);

        var draw = protector.Unprotect(token, SampleQuiz.ModuleId, "hoc-vien-1");

        Assert.NotNull(draw);
        Assert.Equal(Draw.ModuleId, draw.ModuleId);
        Assert.Equal(Draw.UserId, draw.UserId);
        Assert.Equal([4, 9], draw.Questions.Select(q => q.Number));
        Assert.Equal([2, 0, 3, 1], draw.Questions[0].OptionOrder);
        Assert.Equal([1, 0], draw.Questions[1].OptionOrder);
    }

    [Fact]
    public void TheTokenDoesNotShowTheDraw()
    {
        var token = protector.Protect(Draw);

        Assert.DoesNotContain(SampleQuiz.ModuleId, token, StringComparison.Ordinal);
        Assert.DoesNotContain("OptionOrder", token, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsATokenForAnotherModule()
    {
        var token = protector.Protect(Draw);

        Assert.Null(protector.Unprotect(token, "an-toan-mang-nhan-biet-lua-dao", "hoc-vien-1"));
    }

    [Fact]
    public void RejectsATokenForAnotherLearner()
    {
        var token = protector.Protect(Draw);

        Assert.Null(protector.Unprotect(token, SampleQuiz.ModuleId, "hoc-vien-2"));
    }

    [Fact]
    public void RejectsATamperedToken()
    {
        var token = protector.Protect(Draw);
        var middle = token.Length / 2;
        var tampered = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];

        Assert.Null(protector.Unprotect(tampered, SampleQuiz.ModuleId, "hoc-vien-1"));
    }

    [Fact]
    public void RejectsATokenFromAnotherServerKey()
    {
        var token = new QuizDrawProtector(new EphemeralDataProtectionProvider()).Protect(Draw);

        Assert.Null(protector.Unprotect(token, SampleQuiz.ModuleId, "hoc-vien-1"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("khong-phai-token")]
    [InlineData("!!!***")]
    [InlineData("CfDJ8")]
    public void RejectsGarbageWithoutThrowing(string? token)
    {
        Assert.Null(protector.Unprotect(token, SampleQuiz.ModuleId, "hoc-vien-1"));
    }

    [Fact]
    public void RejectsAnExpiredToken()
    {
        var provider = new EphemeralDataProtectionProvider();
        var expired = SamePurpose(provider).Protect(JsonSerializer.Serialize(Draw), DateTimeOffset.UtcNow.AddMinutes(-1));

        Assert.Null(new QuizDrawProtector(provider).Unprotect(expired, SampleQuiz.ModuleId, "hoc-vien-1"));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{\"ModuleId\": 5}")]
    [InlineData("không phải JSON")]
    public void RejectsAGenuineTokenThatHoldsNoDraw(string content)
    {
        var provider = new EphemeralDataProtectionProvider();
        var token = SamePurpose(provider).Protect(content, TimeSpan.FromHours(1));

        Assert.Null(new QuizDrawProtector(provider).Unprotect(token, SampleQuiz.ModuleId, "hoc-vien-1"));
    }

    [Fact]
    public void RejectsAGenuineTokenFromBeforeDrawsHadIds()
    {
        // Such a draw could not be held to one attempt: the learner is given a new one.
        var provider = new EphemeralDataProtectionProvider();
        var old = JsonSerializer.Serialize(new { Draw.ModuleId, Draw.UserId, Draw.Questions });
        var token = SamePurpose(provider).Protect(old, TimeSpan.FromHours(1));

        Assert.Null(new QuizDrawProtector(provider).Unprotect(token, SampleQuiz.ModuleId, "hoc-vien-1"));
    }

    [Fact]
    public void EachDrawHasItsOwnId()
    {
        var quiz = SampleQuiz.Pool(questions: 10, draw: 5);

        var ids = Enumerable.Range(0, 100).Select(_ => QuizDraw.Create(quiz, "hoc-vien-1").Id).ToHashSet();

        Assert.Equal(100, ids.Count);
        Assert.DoesNotContain(Guid.Empty, ids);
    }

    [Fact]
    public void RejectsAPayloadProtectedForAnotherPurpose()
    {
        var provider = new EphemeralDataProtectionProvider();
        var other = provider.CreateProtector("CdsLearn.Something.Else").ToTimeLimitedDataProtector()
            .Protect(JsonSerializer.Serialize(Draw), TimeSpan.FromHours(1));

        Assert.Null(new QuizDrawProtector(provider).Unprotect(other, SampleQuiz.ModuleId, "hoc-vien-1"));
    }

    /// <summary>A protector with the purpose QuizDrawProtector uses, to make tokens it would accept as genuine.</summary>
    private static ITimeLimitedDataProtector SamePurpose(IDataProtectionProvider provider) =>
        provider.CreateProtector("CdsLearn.Learning.QuizDraw.v1").ToTimeLimitedDataProtector();
}
