using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Households;

public class CoverageTests(QuizRuleFactory factory) : IClassFixture<QuizRuleFactory>
{
    [Fact]
    public async Task AHouseholdIsCoveredOnceAMemberHoldsDigitalCitizenAndADigitalFamilyWhenEveryAdultDoes()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var learner = await Learner.RegisterAsync(factory, "Lò Thị Học");
        await HouseholdWorld.LinkLearnerAsync(factory, world.InA1, learner.UserName, new MemberInput("Lò Thị Học", 2000, null));
        using var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);

        var before = await team.GetAsync("/ho-gia-dinh?loc=chua-phu");
        Assert.NotNull(before.QuerySelector($".household-list a[href='/ho-gia-dinh/{world.InA1.Id}']"));

        foreach (var module in learner.Course.Skills.SelectMany(s => s.Modules))
        {
            await learner.TakeQuizAsync(module.Id);
        }

        var notCovered = await team.GetAsync("/ho-gia-dinh?loc=chua-phu");
        Assert.Null(notCovered.QuerySelector($".household-list a[href='/ho-gia-dinh/{world.InA1.Id}']"));
        var covered = await team.GetAsync("/ho-gia-dinh?loc=da-phu");
        var item = covered.QuerySelector($".household-list a[href='/ho-gia-dinh/{world.InA1.Id}']")!.ParentElement!;
        Assert.Contains("Đã có Công dân số", item.TextContent, StringComparison.Ordinal);
        var row = covered.QuerySelectorAll(".coverage tbody tr").Single(r => r.TextContent.Contains("Bản A1", StringComparison.Ordinal));
        Assert.Contains("1 (100 %)", row.TextContent, StringComparison.Ordinal);

        // The head (born 1970) has no certificate: not yet a digital family. Once the only other adult is a child, it is.
        Assert.DoesNotContain("Gia đình số", item.TextContent, StringComparison.Ordinal);
        await SetHeadBirthYearAsync(world.InA1, DateTime.UtcNow.Year - 10);
        var after = await team.GetAsync($"/ho-gia-dinh/{world.InA1.Id}");
        Assert.Contains("Gia đình số", after.QuerySelector("main .badge")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACommuneShowsCoveredRegisteredAndOfficialHouseholds()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var province = await world.SignInAsync(factory, HouseholdWorld.Province);
        var page = await province.GetAsync($"/ho-gia-dinh?xa={world.A1.CommuneId}");
        Assert.Contains("0 hộ đã phủ / 2 hộ đã đăng ký / 100 hộ theo số liệu chính thức", page.QuerySelector(".focus")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, page.QuerySelectorAll(".household-list li").Length);

        var village = await province.GetAsync($"/ho-gia-dinh?thon={world.A2.Id}");
        Assert.Contains("0 hộ đã phủ / 1 hộ đã đăng ký", village.QuerySelector(".focus")!.TextContent, StringComparison.Ordinal);

        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);
        var response = await officer.Http.GetAsync($"/ho-gia-dinh?xa={world.B1.CommuneId}", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ARevokedCertificateNoLongerCovers()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var learner = await Learner.RegisterAsync(factory, "Cầm Văn Thu");
        await HouseholdWorld.LinkLearnerAsync(factory, world.InA2, learner.UserName, new MemberInput("Cầm Văn Thu", 1999, null));
        foreach (var module in learner.Course.Skills.SelectMany(s => s.Modules))
        {
            await learner.TakeQuizAsync(module.Id);
        }
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var one = db.Households.Where(h => h.Id == world.InA2.Id);
        Assert.True(await one.WhereCovered(db).AnyAsync(TestContext.Current.CancellationToken));

        var certificate = await db.Certificates.SingleAsync(c => c.SkillId == CdsLearn.Certificates.Certificate.DigitalCitizen && db.Users.Any(u => u.Id == c.UserId && u.UserName == learner.UserName), TestContext.Current.CancellationToken);
        certificate.RevokedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        Assert.False(await one.WhereCovered(db).AnyAsync(TestContext.Current.CancellationToken));
    }

    private async Task SetHeadBirthYearAsync(Household household, int year)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var head = await db.HouseholdMembers.Where(m => m.HouseholdId == household.Id && m.UserId == null).SingleAsync(TestContext.Current.CancellationToken);
        head.BirthYear = year;
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
