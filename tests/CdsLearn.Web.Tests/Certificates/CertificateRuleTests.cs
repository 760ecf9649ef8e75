using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Certificates;

/// <summary>
/// What a skill certificate rests on: by default the skill's quizzes, its assessed practice tasks and the real tasks
/// the team saw the person do; the province may choose fewer. The certificate and /verify say what it rests on, inside
/// the signed fields; certificates from before the rule say they rest on quizzes only.
/// </summary>
public class CertificateRuleTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    private const string SkillId = "dich-vu-cong";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Skill Skill => factory.Services.GetRequiredService<CourseCatalog>().Current.FindSkill(SkillId)!;

    [Fact]
    public async Task UnderTheDefaultRuleACertificateNeedsQuizzesPracticeAndTheTeamAndSaysSo()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var learner = await Learner.RegisterAsync(factory, "Lò Thị Xuân");
        var memberId = await HouseholdWorld.LinkLearnerAsync(factory, world.InA1, learner.UserName, new MemberInput("Lò Thị Xuân", 1990, null));

        IHtmlDocument result = null!;
        foreach (var module in Skill.Modules)
        {
            result = await learner.TakeQuizAsync(module.Id);
        }
        var tasks = Skill.Modules.SelectMany(m => m.PracticeTasks).ToList();
        Assert.Contains($"bạn còn cần: {tasks.Count} bài làm thử chấm điểm, {Skill.ObservedTasks.Count} việc tự làm cho Tổ xem",
            result.QuerySelector(".earning-next")!.TextContent, StringComparison.Ordinal);
        var skillPage = await learner.Site.GetAsync($"/ky-nang/{SkillId}");
        Assert.Null(skillPage.QuerySelector("a[href^='/chung-chi/']"));
        var checklist = skillPage.QuerySelector(".earning .checklist")!;
        Assert.Contains($"Đạt bài kiểm tra: {Skill.Modules.Count}/{Skill.Modules.Count} phần", checklist.TextContent, StringComparison.Ordinal);
        Assert.Contains($"Làm đúng bài làm thử chấm điểm: 0/{tasks.Count} bài", checklist.TextContent, StringComparison.Ordinal);
        Assert.All(Skill.ObservedTasks, t => Assert.Contains(t.Title, checklist.TextContent, StringComparison.Ordinal));

        HttpResponseMessage passed = null!;
        foreach (var task in tasks)
        {
            passed = await PracticeAnswers.PassAsync(learner.Site, task);
            Assert.Equal(HttpStatusCode.Redirect, passed.StatusCode);
        }
        var practiceResult = await learner.Site.GetAsync(passed.Headers.Location!.ToString());
        Assert.Contains($"bạn còn cần: {Skill.ObservedTasks.Count} việc tự làm cho Tổ xem", practiceResult.QuerySelector(".earning-next")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(await CertificatesOfAsync(learner.UserName));
        var mine = await learner.Site.GetAsync("/chung-chi");
        Assert.Contains($"còn {Skill.ObservedTasks.Count} việc tự làm cho Tổ xem",
            mine.QuerySelector($".skill-progress a[href='/ky-nang/{SkillId}']")!.ParentElement!.TextContent, StringComparison.Ordinal);

        using var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        var member = await team.GetAsync($"/ho-gia-dinh/{world.InA1.Id}/nguoi/{memberId}");
        await team.SubmitAsync(member, "form[action*='handler=Observe']", SiteClient.Fields(("Observe.TaskIds", Skill.ObservedTasks[0].Id)));
        Assert.Empty(await CertificatesOfAsync(learner.UserName));
        member = await team.GetAsync($"/ho-gia-dinh/{world.InA1.Id}/nguoi/{memberId}");
        await team.SubmitAsync(member, "form[action*='handler=Observe']", SiteClient.Fields(("Observe.TaskIds", Skill.ObservedTasks[1].Id)));

        var certificate = Assert.Single(await CertificatesOfAsync(learner.UserName));
        Assert.Equal((int)Evidence.All, certificate.RestsOn);
        Assert.Equal("Tổ A1", certificate.ObservedBy);
        var today = certificate.IssuedOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        string[] expected =
        [
            "Đạt bài kiểm tra của mọi học phần",
            "Làm đúng các bài làm thử chấm điểm trên màn hình mô phỏng",
            $"Đã tự làm trên máy: Tổ A1 xác nhận ngày {today}",
        ];

        var link = await AssertShownAndVerifiedAsync(learner, certificate.Code, expected);
        using var visitor = new SiteClient(factory);
        var typed = await visitor.GetAsync($"/verify?ma={certificate.Code}");
        Assert.Equal(expected, Lines(typed, ".verification .basis li"));

        // The basis is in the signed fields: a link that claims another one (here: the v1 link without it) is refused.
        var verifier = factory.Services.CreateScope().ServiceProvider.GetRequiredService<CertificateVerifier>();
        var claims = verifier.ClaimsOf(certificate) with { Basis = null };
        var forged = await visitor.GetAsync($"/verify/{certificate.Code}?d={claims.ToPayload()}&s={link[(link.IndexOf("&s=", StringComparison.Ordinal) + 3)..]}");
        Assert.Contains("Không tìm thấy chứng chỉ", forged.QuerySelector(".verification")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACertificateFromBeforeTheRuleStaysValidAndSaysItRestsOnQuizzesOnly()
    {
        using var learner = await Learner.RegisterAsync(factory, "Cầm Văn Cũ");
        string code;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var userId = await db.Users.Where(u => u.UserName == learner.UserName).Select(u => u.Id).SingleAsync(Ct);
            code = CertificateCode.New();
            db.Certificates.Add(new Certificate
            {
                Code = code, UserId = userId, HolderName = "Cầm Văn Cũ", SkillId = SkillId, Province = "Sơn La",
                IssuedAt = new DateTime(2026, 6, 1, 3, 0, 0, DateTimeKind.Utc),
            });
            await db.SaveChangesAsync(Ct);
        }
        string[] expected = ["Chỉ dựa trên bài kiểm tra (cấp trước khi có bài làm thử và Tổ xác nhận)"];

        var link = await AssertShownAndVerifiedAsync(learner, code, expected);
        // The link printed before the change (v1: no basis field) is still the one it signs.
        var claims = CertificateClaims.FromPayload(code, System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + link).Query)["d"]);
        Assert.Null(claims!.Basis);
    }

    /// <summary>The certificate page shows what it rests on, and so does /verify opened by a stranger from its QR
    /// link, which is returned.</summary>
    private async Task<string> AssertShownAndVerifiedAsync(Learner holder, string code, string[] expected)
    {
        var shown = await holder.Site.GetAsync($"/chung-chi/{code}");
        Assert.Equal(expected, Lines(shown, ".certificate .basis li"));
        var link = shown.QuerySelector<IHtmlAnchorElement>("a[href^='/verify/']")!.GetAttribute("href")!;
        using var visitor = new SiteClient(factory);
        var verified = await visitor.GetAsync(link);
        Assert.Contains("Chứng chỉ thật", verified.QuerySelector(".verification")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(expected, Lines(verified, ".verification .basis li"));
        return link;
    }

    private Task<List<Certificate>> CertificatesOfAsync(string userName) => CertificatesOfAsync(factory, userName);

    internal static async Task<List<Certificate>> CertificatesOfAsync(CdsLearnFactory site, string userName)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Certificates.AsNoTracking().Where(c => db.Users.Any(u => u.Id == c.UserId && u.UserName == userName)).ToListAsync(Ct);
    }

    internal static List<string> Lines(IHtmlDocument page, string selector) =>
        page.QuerySelectorAll(selector).Select(e => e.TextContent.Trim()).ToList();
}
