using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Content;

/// <summary>The starter section ("Bắt đầu với điện thoại") on the site: first on the home page, its pages work like a
/// skill's, and it counts toward nothing (a fixture starter, see <see cref="StarterCourseFactory"/>).</summary>
public class StarterSectionTests(StarterCourseFactory factory) : IClassFixture<StarterCourseFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Course Course => factory.Services.GetRequiredService<CourseCatalog>().Current;

    [Fact]
    public void TheCourseStillHasFiveSkillsAndTheStarterApart()
    {
        _ = factory.CreateClient();

        Assert.Equal(5, Course.Skills.Count);
        Assert.Equal(StarterCourseFactory.StarterId, Course.Starter?.Id);
        Assert.DoesNotContain(Course.Skills, s => s.Id == StarterCourseFactory.StarterId);
        using var scope = factory.Services.CreateScope();
        var issuer = scope.ServiceProvider.GetRequiredService<CertificateIssuer>();
        Assert.Equal(5, issuer.RequiredSkills.Count);
        var coverage = Coverage.RuleOf(issuer, Course);
        Assert.True(coverage.NeedsEverySkill);
        Assert.DoesNotContain(coverage.RequiredSkills, s => s.IsStarter);
    }

    [Fact]
    public async Task TheHomePageShowsTheStarterFirstAsAnInvitation()
    {
        using var site = new SiteClient(factory);

        var home = await site.GetAsync("/");

        var cards = home.QuerySelectorAll(".cards .skill-card").ToList();
        Assert.Equal(6, cards.Count);
        Assert.Contains("starter", cards[0].ClassList);
        Assert.Contains("Mới dùng điện thoại? Bắt đầu ở đây", cards[0].TextContent, StringComparison.Ordinal);
        Assert.Equal($"/ky-nang/{StarterCourseFactory.StarterId}", cards[0].QuerySelector("h2 a")!.GetAttribute("href"));
        Assert.DoesNotContain("0.", cards[0].QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/ky-nang/{Course.Skills[0].Id}", cards[1].QuerySelector("h2 a")!.GetAttribute("href"));
        Assert.All(cards.Skip(1), c => Assert.DoesNotContain("starter", c.ClassList));
    }

    [Fact]
    public async Task PassingTheStartersQuizIssuesNothingAndSendsTheLearnerToSkillOne()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var lesson = await learner.Site.GetAsync($"/bai-hoc/{StarterCourseFactory.LessonId}");
        await learner.Site.SubmitAsync(lesson, "form.mark-read", []);

        var result = await learner.TakeQuizAsync(StarterCourseFactory.ModuleId);

        Assert.Contains("đạt", result.QuerySelector(".score")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Chúc mừng", result.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("chứng chỉ", result.QuerySelector(".next-step")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Null(result.QuerySelector(".earning-next"));
        Assert.Equal($"/ky-nang/{Course.Skills[0].Id}", result.QuerySelector(".next-step a.button.primary")!.GetAttribute("href"));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = await db.Users.Where(u => u.UserName == learner.UserName).Select(u => u.Id).SingleAsync(Ct);
        Assert.False(await db.Certificates.AnyAsync(c => c.UserId == userId, Ct));
        Assert.True(await db.QuizAttempts.AnyAsync(a => a.UserId == userId && a.ModuleId == StarterCourseFactory.ModuleId && a.Passed, Ct));
    }

    [Fact]
    public async Task TheStartersSkillPageRecordsProgressWithoutACertificateChecklist()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var lesson = await learner.Site.GetAsync($"/bai-hoc/{StarterCourseFactory.LessonId}");
        await learner.Site.SubmitAsync(lesson, "form.mark-read", []);

        var page = await learner.Site.GetAsync($"/ky-nang/{StarterCourseFactory.StarterId}");

        Assert.Equal(System.Net.HttpStatusCode.OK, learner.Site.LastResponse!.StatusCode);
        Assert.Null(page.QuerySelector("#can-lam"));
        Assert.DoesNotContain("chứng chỉ", page.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("đã đọc", page.QuerySelector("ol.lessons")!.TextContent, StringComparison.Ordinal);
        // "Lưu cả kỹ năng" saves it like any skill: its page and its lesson.
        var offline = page.QuerySelector(".save-offline")!.GetAttribute("data-pages")!.Split(' ');
        Assert.Contains($"/ky-nang/{StarterCourseFactory.StarterId}", offline);
        Assert.Contains($"/bai-hoc/{StarterCourseFactory.LessonId}", offline);
        // Its lesson sends bà con to "Kênh của xã": that page is saved too.
        Assert.Contains("/kenh-cua-xa", offline);
        Assert.Contains($"/kiem-tra/{StarterCourseFactory.ModuleId}", page.QuerySelector($"#{StarterCourseFactory.ModuleId}")!.InnerHtml, StringComparison.Ordinal);
    }
}
