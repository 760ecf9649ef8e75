using AngleSharp.Html.Dom;
using CdsLearn.Certificates;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Certificates;

/// <summary>The site where "Công dân số" needs two skills, public services and online safety (six quizzes).</summary>
public sealed class TwoSkillProvinceFactory : QuizRuleFactory
{
    public const string PublicServices = "dich-vu-cong";
    public const string Safety = "an-toan-mang";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Certificates:DigitalCitizenSkills:0", PublicServices);
        builder.UseSetting("Certificates:DigitalCitizenSkills:1", Safety);
    }
}

/// <summary>A revoked certificate counts for nothing: not toward "Công dân số", not for coverage; revoking a skill
/// revokes the "Công dân số" that rested on it, and passing the skill's quizzes again earns both anew.</summary>
public class RevocationTests(TwoSkillProvinceFactory factory) : IClassFixture<TwoSkillProvinceFactory>
{
    private const string Services = TwoSkillProvinceFactory.PublicServices;
    private const string Safety = TwoSkillProvinceFactory.Safety;

    [Fact]
    public async Task ARevokedSkillCertificateDoesNotCountTowardCongDanSo()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var learner = await Learner.RegisterAsync(factory, "Lò Văn Nam");
        var services = Issued(await PassSkillAsync(learner, Services))[Services];
        using var province = await world.SignInAsync(factory, HouseholdWorld.Province);
        await RevokeAsync(province, services, "Người khác làm bài hộ");

        var last = await PassSkillAsync(learner, Safety);

        Assert.Equal([Safety], Issued(last).Keys);
        var mine = await learner.Site.GetAsync("/chung-chi");
        Assert.DoesNotContain("Công dân số", mine.QuerySelectorAll(".certificate-list a").Select(a => a.TextContent));
        Assert.Equal(0, await CertificatesAsync(learner.UserName, Certificate.DigitalCitizen));
    }

    [Fact]
    public async Task RevokingASkillRevokesTheCongDanSoThatRestedOnItAndTheCoverageFigureDrops()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var learner = await Learner.RegisterAsync(factory, "Cầm Thị Hoa");
        await HouseholdWorld.LinkLearnerAsync(factory, world.InA1, learner.UserName, new MemberInput("Cầm Thị Hoa", 1995, null));
        var services = Issued(await PassSkillAsync(learner, Services))[Services];
        var citizen = Issued(await PassSkillAsync(learner, Safety))[Certificate.DigitalCitizen];
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);
        var before = await officer.GetAsync("/so-lieu");
        Assert.Equal("1", Now(before, "Hộ có người có kỹ năng số"));
        Assert.Equal("1", Now(before, "Chứng chỉ Công dân số"));

        using var province = await world.SignInAsync(factory, HouseholdWorld.Province);
        await RevokeAsync(province, services, "Người khác làm bài hộ");

        using var stranger = new SiteClient(factory);
        var verified = await stranger.GetAsync($"/verify?ma={citizen}");
        Assert.Contains("đã bị thu hồi", verified.QuerySelector(".verification")!.TextContent, StringComparison.Ordinal);
        var shown = await learner.Site.GetAsync($"/chung-chi/{citizen}");
        var reason = shown.QuerySelectorAll("p").Single(p => p.TextContent.StartsWith("Lý do thu hồi", StringComparison.Ordinal)).TextContent;
        Assert.Contains("Chứng chỉ kỹ năng “Dịch vụ công trực tuyến”", reason, StringComparison.Ordinal);
        Assert.Contains(services, reason, StringComparison.Ordinal);
        Assert.Contains("đã bị thu hồi", reason, StringComparison.Ordinal);

        var after = await officer.GetAsync("/so-lieu");
        Assert.Equal("0", Now(after, "Hộ có người có kỹ năng số"));
        Assert.Equal("0", Now(after, "Chứng chỉ Công dân số"));
        var uncovered = await officer.GetAsync($"/ho-gia-dinh?thon={world.A1.Id}&loc=chua-phu");
        Assert.NotNull(uncovered.QuerySelector($".household-list a[href='/ho-gia-dinh/{world.InA1.Id}']"));
        // Nor does the learner's own page claim the skill any more.
        var skill = await learner.Site.GetAsync($"/ky-nang/{Services}");
        Assert.DoesNotContain("Bạn đã có chứng chỉ kỹ năng này", skill.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PassingARevokedSkillAgainEarnsItAndCongDanSoAnew()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var learner = await Learner.RegisterAsync(factory, "Quàng Văn Sơn");
        await HouseholdWorld.LinkLearnerAsync(factory, world.InA2, learner.UserName, new MemberInput("Quàng Văn Sơn", 1990, null));
        var services = Issued(await PassSkillAsync(learner, Services))[Services];
        var citizen = Issued(await PassSkillAsync(learner, Safety))[Certificate.DigitalCitizen];
        using var province = await world.SignInAsync(factory, HouseholdWorld.Province);
        await RevokeAsync(province, services, "Người khác làm bài hộ");

        // The passes the revoked certificate was issued for count no more: a quiz of the skill, or of another one,
        // passed once more does not bring it back.
        var modules = learner.Course.FindSkill(Services)!.Modules;
        Assert.Empty(Issued(await learner.TakeQuizAsync(learner.Course.FindSkill(Safety)!.Modules[0].Id)));
        Assert.Empty(Issued(await learner.TakeQuizAsync(modules[0].Id)));
        Assert.Equal(0, await ValidCertificatesAsync(learner.UserName, Services));

        var last = Issued(await PassSkillAsync(learner, Services));

        Assert.Equal(new HashSet<string> { Services, Certificate.DigitalCitizen }, last.Keys.ToHashSet());
        Assert.NotEqual(services, last[Services]);
        Assert.NotEqual(citizen, last[Certificate.DigitalCitizen]);
        using var stranger = new SiteClient(factory);
        var verified = await stranger.GetAsync($"/verify?ma={last[Certificate.DigitalCitizen]}");
        Assert.Contains("Chứng chỉ thật", verified.QuerySelector(".verification")!.TextContent, StringComparison.Ordinal);
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);
        Assert.Equal("1", Now(await officer.GetAsync("/so-lieu"), "Hộ có người có kỹ năng số"));
        Assert.Equal(2, await CertificatesAsync(learner.UserName, Certificate.DigitalCitizen));
    }

    [Fact]
    public async Task ARevokedCongDanSoIsNotIssuedAgainByRetakingAQuiz()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var learner = await Learner.RegisterAsync(factory, "Hà Văn Tiến");
        await PassSkillAsync(learner, Services);
        var citizen = Issued(await PassSkillAsync(learner, Safety))[Certificate.DigitalCitizen];
        using var province = await world.SignInAsync(factory, HouseholdWorld.Province);
        await RevokeAsync(province, citizen, "Cấp nhầm người");

        Assert.Empty(Issued(await learner.TakeQuizAsync(learner.Course.FindSkill(Safety)!.Modules[^1].Id)));
        Assert.Equal(0, await ValidCertificatesAsync(learner.UserName, Certificate.DigitalCitizen));
        // The skills it rested on stay valid.
        Assert.Equal(1, await ValidCertificatesAsync(learner.UserName, Services));
        Assert.Equal(1, await ValidCertificatesAsync(learner.UserName, Safety));
    }

    [Fact]
    public async Task TheHomePageCountsTheWayTowardCongDanSoAsTheHouseholdPagesDo()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var learner = await Learner.RegisterAsync(factory, "Lường Thị Mai");
        await HouseholdWorld.LinkLearnerAsync(factory, world.InA2, learner.UserName, new MemberInput("Lường Thị Mai", 1988, null));
        var services = Issued(await PassSkillAsync(learner, Services))[Services];
        using var province = await world.SignInAsync(factory, HouseholdWorld.Province);
        await RevokeAsync(province, services, "Người khác làm bài hộ");
        await learner.TakeQuizAsync(learner.Course.FindSkill(Safety)!.Modules[0].Id);

        // The home page works the way out from the progress it read for its skill cards; the household pages read it
        // afresh for many members at once. The revoked skill and the passes it rested on count in neither.
        using var scope = factory.Services.CreateScope();
        var progress = scope.ServiceProvider.GetRequiredService<CdsLearn.Learning.ProgressService>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = await db.Users.Where(u => u.UserName == learner.UserName).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
        var fromHome = progress.TowardDigitalCitizen(await progress.GetAsync(userId, TestContext.Current.CancellationToken));
        var quizzes = learner.Course.FindSkill(Services)!.Modules.Count + learner.Course.FindSkill(Safety)!.Modules.Count;
        Assert.Equal(new CdsLearn.Learning.DigitalCitizenProgress(0, 2, 1, quizzes, false), fromHome);
        Assert.Equal(await progress.TowardDigitalCitizenAsync(userId, TestContext.Current.CancellationToken), fromHome);
        var line = (await learner.Site.GetAsync("/")).QuerySelector(".household-goal")!.TextContent;
        Assert.Contains("bạn còn 2 kỹ năng nữa để nhận chứng chỉ Công dân số", line, StringComparison.Ordinal);
        // Progress read for one skill alone (a result page's) cannot answer for the whole course.
        Assert.Throws<ArgumentException>(() => progress.TowardDigitalCitizen(CdsLearn.Learning.LearnerProgress.None with { OnlySkill = Safety }));
    }

    /// <summary>Passes every quiz of the skill; returns the last result page.</summary>
    private static async Task<IHtmlDocument> PassSkillAsync(Learner learner, string skillId)
    {
        IHtmlDocument result = null!;
        foreach (var module in learner.Course.FindSkill(skillId)!.Modules)
        {
            result = await learner.TakeQuizAsync(module.Id);
        }
        return result;
    }

    /// <summary>The certificates a result page announces, by skill id (or "Công dân số"): their codes.</summary>
    private Dictionary<string, string> Issued(IHtmlDocument result)
    {
        var course = factory.Services.GetRequiredService<CdsLearn.Content.CourseCatalog>().Current;
        var skillOf = course.Skills.ToDictionary(s => s.Title, s => s.Id);
        skillOf["Công dân số"] = Certificate.DigitalCitizen;
        return result.QuerySelectorAll(".badge.ok a[href^='/chung-chi/']")
            .ToDictionary(a => skillOf[a.TextContent], a => a.GetAttribute("href")!["/chung-chi/".Length..]);
    }

    private static async Task RevokeAsync(SiteClient staff, string code, string reason)
    {
        var page = await staff.GetAsync($"/chung-chi/{code}/thu-hoi");
        var shown = await staff.SubmitAsync(page, "form.stack", SiteClient.Fields(("Input.Reason", reason)));
        Assert.Contains("đã bị thu hồi", shown.QuerySelector(".certificate")!.TextContent, StringComparison.Ordinal);
    }

    private Task<int> CertificatesAsync(string userName, string skillId) => CountAsync(userName, skillId, validOnly: false);

    private Task<int> ValidCertificatesAsync(string userName, string skillId) => CountAsync(userName, skillId, validOnly: true);

    private async Task<int> CountAsync(string userName, string skillId, bool validOnly)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Certificates.CountAsync(c => c.SkillId == skillId && (!validOnly || c.RevokedAt == null)
            && db.Users.Any(u => u.Id == c.UserId && u.UserName == userName), TestContext.Current.CancellationToken);
    }

    private static string Now(IHtmlDocument page, string label) =>
        page.QuerySelectorAll("table.figures tr").Single(r => r.QuerySelector("th")?.TextContent == label).QuerySelectorAll("td")[1].TextContent;
}
