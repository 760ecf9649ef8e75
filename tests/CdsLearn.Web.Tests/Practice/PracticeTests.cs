using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Learning;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Practice;

public class PracticeTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    private const string TaskId = "lam-thu-vneid-vi-giay-to";

    private PracticeTask Task => factory.Services.GetRequiredService<CourseCatalog>().Current.FindPracticeTask(TaskId)!;

    [Fact]
    public async Task TheAssessedPageCarriesNoKey()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var first = await learner.Site.GetAsync($"/lam-thu/{TaskId}/cham-diem");
        var second = await learner.Site.GetAsync($"/lam-thu/{TaskId}/cham-diem");
        var html = first.DocumentElement.OuterHtml;

        // Every target has an id of this sitting only: a second sitting names them all differently.
        var firstIds = TargetIds(first);
        var secondIds = TargetIds(second);
        Assert.Equal(Task.Screens.Sum(s => s.Targets.Count()), firstIds.Count);
        Assert.Empty(firstIds.Intersect(secondIds));
        var elementIds = Task.Screens.SelectMany(s => s.Targets).Select(e => e.Id!).ToHashSet();
        Assert.DoesNotContain(firstIds, id => elementIds.Any(e => id.Contains(e, StringComparison.Ordinal)));
        // No hint, no target, no value, no verdict on the page; the token is not readable.
        foreach (var step in Task.Steps)
        {
            Assert.DoesNotContain(step.Hint, html, StringComparison.Ordinal);
        }
        Assert.Empty(first.QuerySelectorAll("[data-target], [data-value], .step-hint"));
        Assert.DoesNotContain("correct", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Gợi ý", html, StringComparison.Ordinal);
        var token = first.QuerySelector<IHtmlInputElement>("input[name=Token]")!.Value;
        Assert.DoesNotContain("vi-giay-to", token, StringComparison.Ordinal);
        // Each target is a real button or a labelled field.
        Assert.All(first.QuerySelectorAll<IHtmlInputElement>("input[data-el]"), input =>
            Assert.NotNull(first.QuerySelector($"label[for='{input.Id}']")));
        Assert.All(first.QuerySelectorAll("[data-el]"), e => Assert.True(e is IHtmlButtonElement or IHtmlInputElement));
    }

    [Fact]
    public async Task APassIsRecordedAndAResendIsStoredOnce()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var page = await learner.Site.GetAsync($"/lam-thu/{TaskId}/cham-diem");
        var actions = Actions(page, right: true);

        var first = await learner.Site.PostFormAsync(page, "form.practice-form", actions);
        var second = await learner.Site.PostFormAsync(page, "form.practice-form", actions);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        var attempts = await AttemptsOfAsync(learner.UserName);
        var attempt = Assert.Single(attempts);
        Assert.True(attempt.Passed);
        Assert.Equal((Task.Steps.Count, Task.Steps.Count), (attempt.StepsRight, attempt.StepsTotal));
        Assert.True(await HasPassedAsync(attempt.UserId, TaskId));
        var result = await learner.Site.GetAsync(first.Headers.Location!.ToString());
        Assert.Contains("đạt", result.QuerySelector(".score")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("chưa đạt", result.QuerySelector(".score")!.TextContent, StringComparison.Ordinal);
        var skill = await learner.Site.GetAsync($"/ky-nang/{Task.SkillId}");
        Assert.Contains("đã đạt bài chấm điểm", skill.QuerySelector($"a[href='/lam-thu/{TaskId}']")!.ParentElement!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReplayedTokenIsRefused()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var page = await learner.Site.GetAsync($"/lam-thu/{TaskId}/cham-diem");
        var wrong = Actions(page, right: false);
        var first = await learner.Site.PostFormAsync(page, "form.practice-form", wrong);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        // The same page sent again as a new attempt, now with the right actions: the token has graded its attempt.
        var replay = await learner.Site.PostFormAsync(page, "form.practice-form",
            Actions(page, right: true).Append(new("AttemptId", Guid.NewGuid().ToString())));

        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        var attempt = Assert.Single(await AttemptsOfAsync(learner.UserName));
        Assert.False(attempt.Passed);
        Assert.False(await HasPassedAsync(attempt.UserId, TaskId));
    }

    [Fact]
    public async Task AForgedActionListIsRefused()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var page = await learner.Site.GetAsync($"/lam-thu/{TaskId}/cham-diem");
        var other = await learner.Site.GetAsync($"/lam-thu/{TaskId}/cham-diem");
        var right = Actions(page, right: true);
        var fromOtherPage = Actions(other, right: true);
        var firstScreen = page.QuerySelector($".screen[data-screen='{Task.Steps[0].ScreenId}']")!;
        var otherScreenId = page.QuerySelectorAll(".screen").First(s => s.GetAttribute("data-screen") != Task.Steps[0].ScreenId)
            .QuerySelector("[data-el]")!.GetAttribute("data-el")!;

        IEnumerable<KeyValuePair<string, string>>[] forgeries =
        [
            right.Take(right.Count - 2), // one step missing
            right.Concat(right.TakeLast(2)), // one step too many
            Replace(right, 0, "t000000000000"), // an id the draw never gave
            Replace(right, 0, fromOtherPage[0].Value), // an id of another sitting
            Replace(right, 0, otherScreenId), // an element not on the step's screen
        ];
        Assert.NotNull(firstScreen);
        foreach (var forged in forgeries)
        {
            var response = await learner.Site.PostFormAsync(page, "form.practice-form", forged);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        var tampered = await learner.Site.PostFormAsync(page, "form.practice-form", right.Append(new("Token", "x" + page.QuerySelector<IHtmlInputElement>("input[name=Token]")!.Value)));
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Empty(await AttemptsOfAsync(learner.UserName));
    }

    [Fact]
    public async Task AnotherLearnersTokenIsRefused()
    {
        using var owner = await Learner.RegisterAsync(factory);
        using var other = await Learner.RegisterAsync(factory, "Lò Văn Bình");
        var page = await owner.Site.GetAsync($"/lam-thu/{TaskId}/cham-diem");
        var mine = await other.Site.GetAsync($"/lam-thu/{TaskId}/cham-diem");

        var response = await other.Site.PostFormAsync(mine, "form.practice-form",
            Actions(page, right: true).Append(new("Token", page.QuerySelector<IHtmlInputElement>("input[name=Token]")!.Value)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await AttemptsOfAsync(other.UserName));
    }

    [Fact]
    public async Task TypedValuesAreComparedLeniently()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var page = await learner.Site.GetAsync($"/lam-thu/{TaskId}/cham-diem");
        var actions = Actions(page, right: true);
        var field = Task.Steps.Select((s, i) => (s, i)).First(x => x.s.Value is not null).i;
        actions[2 * field + 1] = new("Value", "  246 813 ");

        var response = await learner.Site.PostFormAsync(page, "form.practice-form", actions);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(Assert.Single(await AttemptsOfAsync(learner.UserName)).Passed);
    }

    [Fact]
    public async Task ThePracticePageIsOpenToVisitorsAndHoldsTheHints()
    {
        using var visitor = new SiteClient(factory);
        var page = await visitor.GetAsync($"/lam-thu/{TaskId}");

        Assert.Equal(HttpStatusCode.OK, visitor.LastResponse!.StatusCode);
        Assert.Equal(Task.Steps.Count, page.QuerySelectorAll(".step[data-target]").Length);
        Assert.Equal(Task.Steps.Select(s => "Chưa đúng. Gợi ý: " + s.Hint), page.QuerySelectorAll(".step-hint").Select(h => h.TextContent.Trim()));
        Assert.NotNull(page.QuerySelector("script[src^='/js/practice.js']"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        // Without JavaScript every screen and step stays readable; only the hints wait for a wrong tap.
        Assert.Empty(page.QuerySelectorAll(".screen[hidden], .step[hidden]"));
        Assert.Equal(Task.Screens.Count, page.QuerySelectorAll(".screen[aria-describedby]").Length);

        var assessed = await visitor.Http.GetAsync($"/lam-thu/{TaskId}/cham-diem", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, assessed.StatusCode);
        Assert.Contains("/tai-khoan/dang-nhap", assessed.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSkillPageLinksEachTaskAndSavesItForOffline()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var course = factory.Services.GetRequiredService<CourseCatalog>().Current;
        foreach (var skill in course.Skills.Where(s => s.Modules.Any(m => m.PracticeTasks.Count > 0)))
        {
            var page = await learner.Site.GetAsync($"/ky-nang/{skill.Id}");
            var pages = page.QuerySelector(".save-offline")!.GetAttribute("data-pages")!.Split(' ');
            foreach (var task in skill.Modules.SelectMany(m => m.PracticeTasks))
            {
                Assert.Contains("Làm thử", page.QuerySelector($"#{task.ModuleId} a[href='/lam-thu/{task.Id}']")!.TextContent, StringComparison.Ordinal);
                Assert.Contains($"/lam-thu/{task.Id}", pages);
                Assert.Contains($"/lam-thu/{task.Id}/cham-diem", pages);
            }
        }
    }

    private List<KeyValuePair<string, string>> Actions(IHtmlDocument page, bool right) => PracticeAnswers.For(Task, page, right);

    private static List<KeyValuePair<string, string>> Replace(List<KeyValuePair<string, string>> actions, int step, string target)
    {
        var copy = actions.ToList();
        copy[2 * step] = new("Target", target);
        return copy;
    }

    private static HashSet<string> TargetIds(IHtmlDocument page) =>
        page.QuerySelectorAll("[data-el]").Select(e => e.GetAttribute("data-el")!).ToHashSet();

    private async Task<List<PracticeAttempt>> AttemptsOfAsync(string userName)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
        return await db.PracticeAttempts.Where(a => a.UserId == userId).ToListAsync(TestContext.Current.CancellationToken);
    }

    private async Task<bool> HasPassedAsync(string userId, string taskId)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PracticeService>().HasPassedAsync(userId, taskId, TestContext.Current.CancellationToken);
    }
}
