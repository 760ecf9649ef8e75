using System.Globalization;
using System.Net;
using CdsLearn.Data;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Households;

/// <summary>"Học cùng tổ": a person without a phone learns on the team member's phone.</summary>
public class AssistedLearningTests(QuizRuleFactory factory) : IClassFixture<QuizRuleFactory>
{
    private const string ModuleId = "an-toan-mang-mat-khau-otp";

    [Fact]
    public async Task AttemptsInAnAssistedSessionAreThePersonsAndRecordWhoHelped()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        var head = world.InA1.Members[0];

        var home = await StartAsync(team, world.InA1.Id, head.Id);
        Assert.Contains("Lò Văn Một", home.QuerySelector(".assist-banner")!.TextContent, StringComparison.Ordinal);
        // The header serves the person being helped: none of the team member's own links, one "Kết thúc".
        Assert.Empty(home.QuerySelectorAll("header a[href='/so-lieu'], header a[href='/tai-khoan/doi-mat-khau'], header a[href='/ho-gia-dinh']"));
        Assert.Null(home.QuerySelector("header form[action='/tai-khoan/dang-xuat']"));
        Assert.Single(home.QuerySelectorAll("header button"), b => b.TextContent.Trim() == "Kết thúc");

        var quiz = await team.GetAsync($"/kiem-tra/{ModuleId}");
        var result = await team.SubmitAsync(quiz, "form.quiz", new Learner(factory).Answers(quiz, ModuleId));
        Assert.Contains("đạt", result.QuerySelector(".score")!.TextContent, StringComparison.Ordinal);

        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var headUserId = await db.HouseholdMembers.Where(m => m.Id == head.Id).Select(m => m.UserId).SingleAsync(TestContext.Current.CancellationToken);
            var teamUserId = await db.Users.Where(u => u.UserName == world.UserNames[HouseholdWorld.TeamMemberOfA1]).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
            var attempt = await db.QuizAttempts.SingleAsync(a => a.UserId == headUserId, TestContext.Current.CancellationToken);
            Assert.Equal(teamUserId, attempt.AssistedByUserId);
            Assert.False(await db.QuizAttempts.AnyAsync(a => a.UserId == teamUserId, TestContext.Current.CancellationToken));
        }

        // Ending the session leaves the team member signed in as themselves.
        var ended = await team.SubmitAsync(home, ".assist-banner form", []);
        Assert.Null(ended.QuerySelector(".assist-banner"));
        Assert.NotNull(ended.QuerySelector("header a[href='/ho-gia-dinh']"));
    }

    [Fact]
    public async Task ACertificateEarnedWithHelpIsThePersonsAndCanBeOpenedDuringTheSession()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        await StartAsync(team, world.InA1.Id, world.InA1.Members[0].Id);
        var answers = new Learner(factory);
        AngleSharp.Html.Dom.IHtmlDocument result = null!;
        foreach (var module in answers.Course.FindSkill("dich-vu-cong")!.Modules)
        {
            var quiz = await team.GetAsync($"/kiem-tra/{module.Id}");
            result = await team.SubmitAsync(quiz, "form.quiz", answers.Answers(quiz, module.Id));
        }

        var certificate = await team.GetAsync(result.QuerySelector("a[href^='/chung-chi/']")!.GetAttribute("href")!);

        Assert.Equal(HttpStatusCode.OK, team.LastResponse!.StatusCode);
        Assert.Equal("Lò Văn Một", certificate.QuerySelector(".certificate .holder")!.TextContent);
    }

    [Fact]
    public async Task AnotherUserCannotReplayTheAssistCookie()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        var cookie = await AssistCookieAsync(team, world.InA1.Id, world.InA1.Members[0].Id);

        // The commune officer has the household in scope, but the session is the team member's alone.
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        var response = await officer.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var page = await SiteClient.ParseAsync(response);
        Assert.Null(page.QuerySelector(".assist-banner"));
    }

    [Fact]
    public async Task NobodyStartsASessionForAHouseholdOutsideTheirScope()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var other = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfB1);
        var form = await other.GetAsync("/tai-khoan/doi-mat-khau");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await other.Http.PostAsync($"/ho-gia-dinh/{world.InA1.Id}?handler=Assist&memberId={world.InA1.Members[0].Id}",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("cdslearn-hoc-cung=", StringComparison.Ordinal)));
    }

    internal static async Task<AngleSharp.Html.Dom.IHtmlDocument> StartAsync(SiteClient team, int householdId, int memberId)
    {
        var page = await team.GetAsync($"/ho-gia-dinh/{householdId}");
        return await team.SubmitAsync(page, $"form[action*='handler=Assist'][action*='memberId={memberId.ToString(CultureInfo.InvariantCulture)}']", []);
    }

    /// <summary>Starts a session and returns its cookie as a header value.</summary>
    private static async Task<string> AssistCookieAsync(SiteClient team, int householdId, int memberId)
    {
        var page = await team.GetAsync($"/ho-gia-dinh/{householdId}");
        var response = await team.PostFormAsync(page, $"form[action*='handler=Assist'][action*='memberId={memberId.ToString(CultureInfo.InvariantCulture)}']", []);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cdslearn-hoc-cung=", StringComparison.Ordinal)).Split(';')[0];
    }
}
