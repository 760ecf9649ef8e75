using System.Net;
using CdsLearn.Certificates;
using CdsLearn.Data;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Learning;

/// <summary>The whole path of a citizen: register, read, pass every quiz of a skill, get the certificate, verify it.</summary>
public class LearningFlowTests(QuizRuleFactory factory) : IClassFixture<QuizRuleFactory>
{
    [Fact]
    public async Task ALearnerWhoPassesEveryQuizOfASkillGetsACertificateThatVerifies()
    {
        using var learner = await Learner.RegisterAsync(factory, "Nguyễn Văn An");
        var skill = learner.Course.FindSkill("an-toan-mang")!;

        // Read the first lesson and go on to the next one.
        var firstLesson = skill.Modules[0].Lessons[0];
        var lessonPage = await learner.Site.GetAsync($"/bai-hoc/{firstLesson.Id}");
        Assert.Contains(firstLesson.Title, lessonPage.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var next = await learner.Site.SubmitAsync(lessonPage, "form.mark-read", []);
        Assert.Equal($"/bai-hoc/{skill.Modules[0].Lessons[1].Id}", new Uri(next.Url).AbsolutePath);
        var skillPage = await learner.Site.GetAsync($"/ky-nang/{skill.Id}");
        Assert.Contains("đã đọc", skillPage.QuerySelector($"a[href='/bai-hoc/{firstLesson.Id}']")!.ParentElement!.TextContent, StringComparison.Ordinal);

        // Pass every module quiz; the last one issues the certificate.
        AngleSharp.Html.Dom.IHtmlDocument result = null!;
        foreach (var module in skill.Modules)
        {
            result = await learner.TakeQuizAsync(module.Id);
            Assert.Contains("đạt", result.QuerySelector(".score")!.TextContent, StringComparison.Ordinal);
        }
        var certificateLink = result.QuerySelector("a[href^='/chung-chi/']")!;
        Assert.Equal(skill.Title, certificateLink.TextContent);

        // The certificate page shows the holder, the skill, the code and a QR code.
        var certificatePage = await learner.Site.GetAsync(certificateLink.GetAttribute("href")!);
        var card = certificatePage.QuerySelector(".certificate")!;
        Assert.Contains("Nguyễn Văn An", card.TextContent, StringComparison.Ordinal);
        Assert.Contains(skill.Title, card.TextContent, StringComparison.Ordinal);
        Assert.NotNull(card.QuerySelector(".qr svg"));
        var code = card.QuerySelector(".code strong")!.TextContent;
        Assert.Matches("^[2-9A-Z]{4}-[2-9A-Z]{4}$", code);

        // Anyone can follow the QR link: genuine, with the name masked.
        var verifyLink = certificatePage.QuerySelector("a[href^='/verify/']")!.GetAttribute("href")!;
        using var stranger = new SiteClient(factory);
        var verification = await stranger.GetAsync(verifyLink);
        var status = verification.QuerySelector(".verification")!;
        Assert.Contains("Chứng chỉ thật", status.TextContent, StringComparison.Ordinal);
        Assert.Contains("Nguyễn V. A.", status.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Nguyễn Văn An", verification.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(skill.Title, status.TextContent, StringComparison.Ordinal);

        // The home page shows the skill complete.
        var home = await learner.Site.GetAsync("/");
        var card4 = home.QuerySelectorAll(".skill-card").Single(c => c.TextContent.Contains(skill.Title, StringComparison.Ordinal));
        Assert.NotNull(card4.QuerySelector($"a[href='/chung-chi/{code}']"));
    }

    [Fact]
    public async Task PassingAllFiveSkillsEarnsTheDigitalCitizenCertificate()
    {
        using var learner = await Learner.RegisterAsync(factory, "Lò Thị Hoa");
        foreach (var module in learner.Course.Skills.SelectMany(s => s.Modules))
        {
            await learner.TakeQuizAsync(module.Id);
        }
        var mine = await learner.Site.GetAsync("/chung-chi");
        var titles = mine.QuerySelectorAll(".certificate-list a").Select(a => a.TextContent).ToList();
        Assert.Equal(learner.Course.Skills.Count + 1, titles.Count);
        Assert.Contains("Công dân số", titles);

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await db.Users.SingleAsync(u => u.UserName == learner.UserName, TestContext.Current.CancellationToken);
        Assert.Equal(1, await db.Certificates.CountAsync(c => c.UserId == user.Id && c.SkillId == Certificate.DigitalCitizen, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task LessonsAreReadableWithoutSigningIn()
    {
        using var visitor = new SiteClient(factory);
        var home = await visitor.GetAsync("/");
        Assert.Equal(5, home.QuerySelectorAll(".skill-card:not(.starter)").Length);
        Assert.Empty(home.QuerySelectorAll(".skill-card progress"));

        var skillHref = home.QuerySelector(".skill-card h2 a")!.GetAttribute("href")!;
        var skillPage = await visitor.GetAsync(skillHref);
        var lessonHref = skillPage.QuerySelector(".lessons a")!.GetAttribute("href")!;
        var lesson = await visitor.GetAsync(lessonHref);
        Assert.Equal(HttpStatusCode.OK, visitor.LastResponse!.StatusCode);
        Assert.NotNull(lesson.QuerySelector(".prose p"));
        Assert.Null(lesson.QuerySelector("form.mark-read"));
        var nextHref = lesson.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var nextLesson = await visitor.GetAsync(nextHref);
        Assert.Equal(lessonHref, nextLesson.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task AReaderCanWalkTheWholeCourseLessonByLesson()
    {
        using var visitor = new SiteClient(factory);
        var course = factory.Services.GetRequiredService<CdsLearn.Content.CourseCatalog>().Current;
        var visited = new List<string>();
        foreach (var skill in course.Skills)
        {
            var skillPage = await visitor.GetAsync($"/ky-nang/{skill.Id}");
            var href = skillPage.QuerySelector(".lessons a")!.GetAttribute("href");
            while (href is not null)
            {
                var lesson = await visitor.GetAsync(href);
                Assert.Equal(HttpStatusCode.OK, visitor.LastResponse!.StatusCode);
                Assert.NotEmpty(lesson.QuerySelector(".prose")!.TextContent.Trim());
                visited.Add(new Uri(lesson.Url).AbsolutePath);
                href = lesson.QuerySelector("a[rel=next]")?.GetAttribute("href");
            }
        }
        Assert.Equal(course.Skills.SelectMany(course.LessonsOf).Select(l => $"/bai-hoc/{l.Id}"), visited);
    }

    [Fact]
    public async Task AnUnknownLessonIsNotFound()
    {
        using var visitor = new SiteClient(factory);
        var page = await visitor.GetAsync("/bai-hoc/khong-co-bai-nay");
        Assert.Equal(HttpStatusCode.NotFound, visitor.LastResponse!.StatusCode);
        Assert.Contains("Không tìm thấy trang", page.Body!.TextContent, StringComparison.Ordinal);
    }
}
