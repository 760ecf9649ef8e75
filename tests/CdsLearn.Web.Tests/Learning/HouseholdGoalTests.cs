using CdsLearn.Households;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;

namespace CdsLearn.Web.Tests.Learning;

/// <summary>The home page gives a household member one line toward the household's goal (issue 18, item 9): covered,
/// as the coverage rule says, or how many skills the learner still needs for "Công dân số".</summary>
public class HouseholdGoalTests(QuizRuleFactory factory) : IClassFixture<QuizRuleFactory>
{
    [Fact]
    public async Task AHouseholdMemberSeesHowManySkillsAreLeftForCongDanSo()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var learner = await Learner.RegisterAsync(factory, "Lò Thị Năm");
        await HouseholdWorld.LinkLearnerAsync(factory, world.InA1, learner.UserName, new MemberInput("Lò Thị Năm", 1985, null));

        var before = (await learner.Site.GetAsync("/")).QuerySelector(".household-goal")!;
        Assert.Contains("bạn còn 5 kỹ năng nữa để nhận chứng chỉ Công dân số", before.TextContent, StringComparison.Ordinal);
        Assert.NotNull(before.QuerySelector("a[href='/cach-tinh-do-phu']"));

        foreach (var module in learner.Course.FindSkill("dich-vu-cong")!.Modules)
        {
            await learner.TakeQuizAsync(module.Id);
        }

        var after = (await learner.Site.GetAsync("/")).QuerySelector(".household-goal")!;
        Assert.Contains("bạn còn 4 kỹ năng nữa để nhận chứng chỉ Công dân số", after.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALearnerOutsideAnyHouseholdSeesNoGoalLine()
    {
        using var learner = await Learner.RegisterAsync(factory);

        Assert.Null((await learner.Site.GetAsync("/")).QuerySelector(".household-goal"));
    }
}

/// <summary>With a province that needs only the online-safety skill for "Công dân số", one skill covers the household.</summary>
public class CoveredHouseholdGoalTests(SafetyOnlyProvinceFactory factory) : IClassFixture<SafetyOnlyProvinceFactory>
{
    [Fact]
    public async Task AMemberOfACoveredHouseholdSeesThatItIsCovered()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var learner = await Learner.RegisterAsync(factory, "Cầm Văn Sáu");
        using var other = await Learner.RegisterAsync(factory, "Cầm Thị Bảy");
        await HouseholdWorld.LinkLearnerAsync(factory, world.InA2, learner.UserName, new MemberInput("Cầm Văn Sáu", 1975, null));
        await HouseholdWorld.LinkLearnerAsync(factory, world.InA2, other.UserName, new MemberInput("Cầm Thị Bảy", 2000, null));
        Assert.Contains("bạn còn 1 kỹ năng nữa", (await other.Site.GetAsync("/")).QuerySelector(".household-goal")!.TextContent, StringComparison.Ordinal);

        foreach (var module in learner.Course.FindSkill("an-toan-mang")!.Modules)
        {
            await learner.TakeQuizAsync(module.Id);
        }

        // The other member, who has learned nothing yet, sees it too: the goal is the household's.
        var line = (await other.Site.GetAsync("/")).QuerySelector(".household-goal")!;
        Assert.Equal("Hộ của bạn: đã có người có kỹ năng số.", line.TextContent.Replace("Cách tính", "", StringComparison.Ordinal).Trim());
    }
}
