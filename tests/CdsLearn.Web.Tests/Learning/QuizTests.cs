using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CdsLearn.Data;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Learning;

public class QuizTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    private const string ModuleId = "an-toan-mang-nhan-biet-lua-dao";

    [Fact]
    public async Task TheQuizPageCarriesNoAnswerKey()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var page = await learner.Site.GetAsync($"/kiem-tra/{ModuleId}");
        var quiz = learner.Course.FindModule(ModuleId)!.Quiz;
        var html = page.DocumentElement.OuterHtml;

        Assert.Equal(quiz.Draw, page.QuerySelectorAll("fieldset.question").Length);
        foreach (var question in quiz.Questions)
        {
            Assert.DoesNotContain(question.Explanation, page.Body!.TextContent, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("correct", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("(đáp án đúng)", html, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll(".explanation, .verdict, li.correct"));
        // The draw token is protected, not readable JSON of the draw.
        var token = page.QuerySelector<IHtmlInputElement>("input[name=Token]")!.Value;
        Assert.DoesNotContain("OptionOrder", token, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachAttemptDrawsAndShufflesItsOwnQuestions()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var draws = new HashSet<string>();
        for (var i = 0; i < 6; i++)
        {
            var page = await learner.Site.GetAsync($"/kiem-tra/{ModuleId}");
            draws.Add(string.Join(",", page.QuerySelectorAll("form.quiz input[name^=q]").Select(input => input.GetAttribute("name") + "=" + input.GetAttribute("value"))));
        }
        Assert.True(draws.Count > 1, "six attempts all drew the same questions in the same order");
    }

    [Fact]
    public async Task AResultShowsTheRightAnswersAndExplanationsAfterSubmitting()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var result = await learner.TakeQuizAsync(ModuleId, right: false);
        Assert.Contains("chưa đạt", result.QuerySelector(".score")!.TextContent, StringComparison.Ordinal);
        var questions = result.QuerySelectorAll("fieldset.question");
        Assert.Equal(5, questions.Length);
        Assert.All(questions, q =>
        {
            Assert.NotNull(q.QuerySelector("li.correct"));
            Assert.NotEmpty(q.QuerySelector(".explanation")!.TextContent.Trim());
            Assert.Contains("wrong", q.ClassName, StringComparison.Ordinal);
        });
        Assert.NotNull(result.QuerySelector($"a[href='/kiem-tra/{ModuleId}']"));
    }

    [Fact]
    public async Task ARepeatedSubmitIsStoredOnce()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var page = await learner.Site.GetAsync($"/kiem-tra/{ModuleId}");
        var answers = learner.Answers(page, ModuleId);

        var first = await learner.Site.PostFormAsync(page, "form.quiz", answers);
        var second = await learner.Site.PostFormAsync(page, "form.quiz", answers);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await AttemptsOfAsync(learner.UserName));
    }

    [Fact]
    public async Task SimultaneousSubmitsOfOneAttemptAreStoredOnce()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var page = await learner.Site.GetAsync($"/kiem-tra/{ModuleId}");
        var answers = learner.Answers(page, ModuleId);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => learner.Site.PostFormAsync(page, "form.quiz", answers)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.Location).Distinct());
        Assert.Equal(1, await AttemptsOfAsync(learner.UserName));
    }

    [Fact]
    public async Task ManyLearnersSubmittingAtOnceAreAllStored()
    {
        var learners = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Learner.RegisterAsync(factory)));
        try
        {
            var pages = await Task.WhenAll(learners.Select(l => l.Site.GetAsync($"/kiem-tra/{ModuleId}")));
            var responses = await Task.WhenAll(learners.Select((l, i) => l.Site.PostFormAsync(pages[i], "form.quiz", l.Answers(pages[i], ModuleId))));
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
            foreach (var learner in learners)
            {
                Assert.Equal(1, await AttemptsOfAsync(learner.UserName));
            }
        }
        finally
        {
            foreach (var learner in learners)
            {
                learner.Dispose();
            }
        }
    }

    [Fact]
    public async Task AnUnansweredQuestionIsPointedOutAndNothingIsStored()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var page = await learner.Site.GetAsync($"/kiem-tra/{ModuleId}");
        var answers = learner.Answers(page, ModuleId);
        var firstName = answers[0].Key;
        answers.RemoveAll(a => a.Key == firstName);

        var again = await learner.Site.SubmitAsync(page, "form.quiz", answers);

        Assert.Contains("Bạn chưa trả lời câu 1.", again.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        // The same draw comes back with the given answers kept.
        Assert.Equal(page.QuerySelector<IHtmlInputElement>("input[name=AttemptId]")!.Value, again.QuerySelector<IHtmlInputElement>("input[name=AttemptId]")!.Value);
        Assert.NotEmpty(again.QuerySelectorAll("form.quiz input:checked"));
        Assert.Equal(0, await AttemptsOfAsync(learner.UserName));
    }

    [Fact]
    public async Task AnAlteredDrawTokenIsRejectedAndNothingIsStored()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var page = await learner.Site.GetAsync($"/kiem-tra/{ModuleId}");
        var answers = learner.Answers(page, ModuleId);
        var token = page.QuerySelector<IHtmlInputElement>("input[name=Token]")!.Value;
        answers.Add(new("Token", token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA")));

        var again = await learner.Site.SubmitAsync(page, "form.quiz", answers);

        Assert.Contains("quá hạn hoặc không hợp lệ", again.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await AttemptsOfAsync(learner.UserName));
    }

    [Fact]
    public async Task ADrawTokenCannotBeReusedByAnotherLearner()
    {
        using var owner = await Learner.RegisterAsync(factory);
        using var other = await Learner.RegisterAsync(factory);
        var ownerPage = await owner.Site.GetAsync($"/kiem-tra/{ModuleId}");
        var otherPage = await other.Site.GetAsync($"/kiem-tra/{ModuleId}");
        var answers = owner.Answers(ownerPage, ModuleId);
        answers.Add(new("Token", ownerPage.QuerySelector<IHtmlInputElement>("input[name=Token]")!.Value));

        var result = await other.Site.SubmitAsync(otherPage, "form.quiz", answers);

        Assert.NotNull(result.QuerySelector(".errors li"));
        Assert.Equal(0, await AttemptsOfAsync(other.UserName));
    }

    [Fact]
    public async Task ADrawGradedOnceCannotBeSentAgainAsANewAttempt()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var page = await learner.Site.GetAsync($"/kiem-tra/{ModuleId}");
        var failed = await learner.Site.SubmitAsync(page, "form.quiz", learner.Answers(page, ModuleId, right: false));
        Assert.Contains("chưa đạt", failed.QuerySelector(".score")!.TextContent, StringComparison.Ordinal);

        // The attack: read the right options off the result page and send the same draw again under a new attempt id.
        var answers = RightAnswersShownOn(failed, page);
        answers.Add(new("AttemptId", Guid.NewGuid().ToString()));
        var response = await learner.Site.PostFormAsync(page, "form.quiz", answers);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var again = await SiteClient.ParseAsync(response);
        Assert.Contains("Bài này đã được chấm", again.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        // A fresh draw to start again with.
        Assert.NotEqual(page.QuerySelector<IHtmlInputElement>("input[name=Token]")!.Value, again.QuerySelector<IHtmlInputElement>("input[name=Token]")!.Value);
        Assert.Empty(again.QuerySelectorAll("form.quiz input:checked"));
        Assert.Equal(1, await AttemptsOfAsync(learner.UserName));
        Assert.Equal(0, await PassesOfAsync(learner.UserName));
    }

    [Fact]
    public async Task AFailedQuizCanBeRetriedAndEveryAttemptIsKept()
    {
        using var learner = await Learner.RegisterAsync(factory);
        await learner.TakeQuizAsync(ModuleId, right: false);
        var passed = await learner.TakeQuizAsync(ModuleId);
        Assert.Contains("đạt", passed.QuerySelector(".score")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, await AttemptsOfAsync(learner.UserName));
    }

    [Fact]
    public async Task AnotherLearnersResultIsNotFound()
    {
        using var owner = await Learner.RegisterAsync(factory);
        using var other = await Learner.RegisterAsync(factory);
        await owner.TakeQuizAsync(ModuleId);
        var resultUrl = owner.Site.LastResponse!.RequestMessage!.RequestUri!.PathAndQuery;
        Assert.StartsWith("/kiem-tra/ket-qua/", resultUrl, StringComparison.Ordinal);

        await other.Site.GetAsync(resultUrl);

        Assert.Equal(HttpStatusCode.NotFound, other.Site.LastResponse!.StatusCode);
    }

    [Fact]
    public async Task TakingAQuizNeedsSigningIn()
    {
        using var visitor = new SiteClient(factory);
        var response = await visitor.Http.GetAsync($"/kiem-tra/{ModuleId}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/tai-khoan/dang-nhap", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewAttemptsGoToTheEndOfTheAttemptIndexes()
    {
        using var learner = await Learner.RegisterAsync(factory);
        for (var i = 0; i < 4; i++)
        {
            await learner.TakeQuizAsync(ModuleId, right: i % 2 == 1);
        }

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ct = TestContext.Current.CancellationToken;
        var userId = await db.Users.Where(u => u.UserName == learner.UserName).Select(u => u.Id).SingleAsync(ct);
        var mine = db.QuizAttempts.Where(a => a.UserId == userId);
        var bySubmission = await mine.OrderBy(a => a.SubmittedAt).Select(a => a.Id).ToListAsync(ct);
        // The order the database keeps the keys in (its index order), not .NET's ordering of Guids.
        var byKey = await mine.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct);
        var byDraw = await mine.OrderBy(a => a.DrawId).Select(a => a.Id).ToListAsync(ct);

        Assert.Equal(4, bySubmission.Count);
        Assert.Equal(bySubmission, byKey);
        Assert.Equal(bySubmission, byDraw);
    }

    /// <summary>The options the result page marks right, as answers to the quiz page's form (the two show the
    /// questions in the same order).</summary>
    private static List<KeyValuePair<string, string>> RightAnswersShownOn(IHtmlDocument result, IHtmlDocument quizPage)
    {
        var graded = result.QuerySelectorAll("fieldset.question");
        var asked = quizPage.QuerySelectorAll("form.quiz fieldset.question");
        Assert.Equal(asked.Length, graded.Length);
        var answers = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < asked.Length; i++)
        {
            var right = graded[i].QuerySelectorAll("li.correct").Select(li => li.QuerySelectorAll("span")[1].TextContent).ToHashSet();
            answers.AddRange(asked[i].QuerySelectorAll<IHtmlInputElement>("input")
                .Where(input => right.Contains(input.ParentElement!.QuerySelector("span")!.TextContent))
                .Select(input => new KeyValuePair<string, string>(input.Name!, input.Value)));
        }
        return answers;
    }

    private async Task<int> PassesOfAsync(string userName)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.QuizAttempts.CountAsync(a => a.Passed && db.Users.Any(u => u.Id == a.UserId && u.UserName == userName), TestContext.Current.CancellationToken);
    }

    private async Task<int> AttemptsOfAsync(string userName)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.QuizAttempts.CountAsync(a => db.Users.Any(u => u.Id == a.UserId && u.UserName == userName), TestContext.Current.CancellationToken);
    }
}
