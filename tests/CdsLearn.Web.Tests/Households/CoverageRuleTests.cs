using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Households;

/// <summary>A province that counts a household covered once a member holds just the online-safety skill.</summary>
public sealed class SafetyOnlyProvinceFactory : QuizRuleFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Certificates:DigitalCitizenSkills:0", "an-toan-mang");
    }
}

public class CoverageRuleTests(SafetyOnlyProvinceFactory factory) : IClassFixture<SafetyOnlyProvinceFactory>
{
    [Fact]
    public async Task TheSkillsCoverageNeedsAreTheProvincesChoice()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var learner = await Learner.RegisterAsync(factory, "Giàng A Dơ");
        await HouseholdWorld.LinkLearnerAsync(factory, world.InB1, learner.UserName, new MemberInput("Giàng A Dơ", 2001, null));

        foreach (var module in learner.Course.FindSkill("an-toan-mang")!.Modules)
        {
            await learner.TakeQuizAsync(module.Id);
        }

        var mine = await learner.Site.GetAsync("/chung-chi");
        Assert.Contains("Công dân số", mine.QuerySelectorAll(".certificate-list a").Select(a => a.TextContent));
        using var check = factory.Services.CreateScope();
        var store = check.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.True(await store.Households.Where(h => h.Id == world.InB1.Id).WhereCovered(store).AnyAsync(TestContext.Current.CancellationToken));
    }
}
