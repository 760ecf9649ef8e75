using Microsoft.Extensions.DependencyInjection;
using CdsLearn.Households;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;

namespace CdsLearn.Web.Tests.Certificates;

/// <summary>Every coverage figure says what it counts and links to the rule, stated from the configuration; household
/// and member pages show each member's way toward "Công dân số" (issue 18, item 10).</summary>
public class CoverageExplainedTests(QuizRuleFactory factory) : IClassFixture<QuizRuleFactory>
{
    [Fact]
    public async Task EveryCoverageFigureSaysWhatItCountsAndLinksToTheRule()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var province = await world.SignInAsync(factory, HouseholdWorld.Province);

        foreach (var url in new[] { "/so-lieu", "/so-lieu/xa", $"/so-lieu/xa/{world.A1.CommuneId}", "/ho-gia-dinh", $"/ho-gia-dinh/{world.InA1.Id}" })
        {
            var note = (await province.GetAsync(url)).QuerySelector(".coverage-note");
            Assert.True(note is not null, $"no coverage note on {url}");
            Assert.Contains("Công dân số (đủ 5 kỹ năng)", note.TextContent, StringComparison.Ordinal);
            Assert.Contains("chứng chỉ từng kỹ năng riêng lẻ chưa được tính", note.TextContent, StringComparison.Ordinal);
            Assert.NotNull(note.QuerySelector("a[href='/cach-tinh-do-phu']"));
        }
    }

    [Fact]
    public async Task TheRulePageStatesTheConfiguredRule()
    {
        using var visitor = new SiteClient(factory);

        var page = await visitor.GetAsync("/cach-tinh-do-phu");

        Assert.Equal(5, page.QuerySelectorAll(".rule-skills li").Length);
        Assert.Contains("Tự bảo vệ mình trên không gian mạng (An toàn trên mạng)", page.QuerySelector(".rule-skills")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["đạt bài kiểm tra của mọi phần trong kỹ năng;"], page.QuerySelectorAll(".checklist li").Select(li => li.TextContent.Trim()));
        var firstSkill = factory.Services.GetRequiredService<CdsLearn.Content.CourseCatalog>().Current.Skills[0];
        Assert.Equal($"{firstSkill.Modules.Count} bài kiểm tra", page.QuerySelector(".rule-skills li .meta")!.TextContent.Trim());
    }

    [Fact]
    public async Task HouseholdAndMemberPagesShowEachMembersWayTowardCongDanSo()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var learner = await Learner.RegisterAsync(factory, "Hà Văn Tám");
        var memberId = await HouseholdWorld.LinkLearnerAsync(factory, world.InA1, learner.UserName, new MemberInput("Hà Văn Tám", 1990, null));
        using var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        var quizzes = learner.Course.Skills.Sum(s => s.Modules.Count);
        Assert.Equal($"Hướng tới Công dân số: 0/5 kỹ năng · 0/{quizzes} bài kiểm tra",
            (await team.GetAsync($"/ho-gia-dinh/{world.InA1.Id}")).QuerySelector(".toward")!.TextContent.Trim());

        var skill = learner.Course.FindSkill("thanh-toan")!;
        foreach (var module in skill.Modules)
        {
            await learner.TakeQuizAsync(module.Id);
        }
        await learner.TakeQuizAsync(learner.Course.FindSkill("mua-sam")!.Modules[0].Id);

        var household = await team.GetAsync($"/ho-gia-dinh/{world.InA1.Id}");
        Assert.Equal($"Hướng tới Công dân số: 1/5 kỹ năng · {skill.Modules.Count + 1}/{quizzes} bài kiểm tra", household.QuerySelector(".toward")!.TextContent.Trim());
        var member = await team.GetAsync($"/ho-gia-dinh/{world.InA1.Id}/nguoi/{memberId}");
        Assert.Equal($"Hướng tới Công dân số: 1/5 kỹ năng · {skill.Modules.Count + 1}/{quizzes} bài kiểm tra", member.QuerySelector(".toward")!.TextContent.Trim());
    }
}

/// <summary>A province whose "Công dân số" needs one skill: the note and the rule page say that skill.</summary>
public class CoverageRuleOfAProvinceTests(SafetyOnlyProvinceFactory factory) : IClassFixture<SafetyOnlyProvinceFactory>
{
    [Fact]
    public async Task TheNoteAndTheRulePageNameTheSkillsTheProvinceChose()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var province = await world.SignInAsync(factory, HouseholdWorld.Province);

        var note = (await province.GetAsync("/so-lieu")).QuerySelector(".coverage-note")!.TextContent;
        Assert.Contains("Công dân số (kỹ năng An toàn trên mạng)", note, StringComparison.Ordinal);
        Assert.DoesNotContain("riêng lẻ", note, StringComparison.Ordinal);

        var rule = await province.GetAsync("/cach-tinh-do-phu");
        Assert.Equal("/ky-nang/an-toan-mang", rule.QuerySelector(".rule-skills li a")!.GetAttribute("href"));
        Assert.Single(rule.QuerySelectorAll(".rule-skills li"));
    }
}

/// <summary>Under the default rule the page says all three things a skill certificate rests on.</summary>
public class DefaultCoverageRuleTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    [Fact]
    public async Task TheRulePageSaysASkillCertificateRestsOnQuizzesPracticeAndTheTeam()
    {
        using var visitor = new SiteClient(factory);

        var page = await visitor.GetAsync("/cach-tinh-do-phu");

        Assert.Equal(3, page.QuerySelectorAll(".checklist li").Length);
        Assert.Contains("Tổ xác nhận", page.QuerySelector(".checklist")!.TextContent, StringComparison.Ordinal);
        var skill = factory.Services.GetRequiredService<CdsLearn.Content.CourseCatalog>().Current.Skills[0];
        var tasks = skill.Modules.Sum(m => m.PracticeTasks.Count);
        Assert.Equal($"{skill.Modules.Count} bài kiểm tra, {tasks} bài làm thử chấm điểm, {skill.ObservedTasks.Count} việc tự làm cho Tổ xem",
            page.QuerySelector(".rule-skills li .meta")!.TextContent.Trim());
    }
}
