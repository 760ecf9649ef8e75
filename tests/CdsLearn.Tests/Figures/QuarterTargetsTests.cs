using CdsLearn.Certificates;
using CdsLearn.Data;
using CdsLearn.Figures;
using CdsLearn.Households;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Tests.Figures;

/// <summary>Who may set a quarter's targets, and what a target may say, straight from the library.</summary>
public sealed class QuarterTargetsTests : LibraryWorldTest
{
    [Fact]
    public async Task TheProvinceSetsItsOwnAndAnyCommunesAndAnOfficerOnlyTheirCommunes()
    {
        using var scope = World.Services.CreateScope();
        var targets = scope.ServiceProvider.GetRequiredService<QuarterTargets>();
        var quarter = scope.ServiceProvider.GetRequiredService<Dashboard>().CurrentQuarter;

        Assert.True((await targets.SetAsync(Scope.Province, quarter, null, Certificate.DigitalCitizen, 40, "skhcn", Ct)).Succeeded);
        Assert.True((await targets.SetAsync(Scope.Province, quarter, World.CommuneB, Certificate.DigitalCitizen, 30, "skhcn", Ct)).Succeeded);
        Assert.True((await targets.SetAsync(World.OfficerOfA, quarter, World.CommuneA, Certificate.DigitalCitizen, 50, "officer", Ct)).Succeeded);
        Assert.Same(TargetChange.NotAllowed, await targets.SetAsync(World.OfficerOfA, quarter, null, Certificate.DigitalCitizen, 90, "officer", Ct));
        Assert.Same(TargetChange.NotAllowed, await targets.SetAsync(World.OfficerOfA, quarter, World.CommuneB, Certificate.DigitalCitizen, 90, "officer", Ct));
        Assert.Same(TargetChange.NotAllowed, await targets.SetAsync(Scope.Province, quarter, 999_999, Certificate.DigitalCitizen, 90, "skhcn", Ct));

        // Setting again changes the target, never adds a second one.
        Assert.True((await targets.SetAsync(World.OfficerOfA, quarter, World.CommuneA, Certificate.DigitalCitizen, 55, "officer", Ct)).Succeeded);
        var seenByOfficer = await targets.ForAsync(World.OfficerOfA, quarter, Ct);
        Assert.Equal([(null, 40), (World.CommuneA, 55)], seenByOfficer.Targets.Select(t => (t.CommuneId, t.Percent)));
        Assert.Equal("Toàn tỉnh", seenByOfficer.PlaceOf(null));
        Assert.Equal(3, (await targets.ForAsync(Scope.Province, quarter, Ct)).Targets.Count);

        var ofB = (await targets.ForAsync(Scope.Province, quarter, Ct)).Targets.Single(t => t.CommuneId == World.CommuneB);
        Assert.Same(TargetChange.NotAllowed, await targets.RemoveAsync(World.OfficerOfA, ofB.Id, Ct));
        Assert.True((await targets.RemoveAsync(Scope.Province, ofB.Id, Ct)).Succeeded);
        Assert.Equal(2, (await targets.ForAsync(Scope.Province, quarter, Ct)).Targets.Count);
    }

    [Fact]
    public async Task AnUnknownSkillABadPercentOrAPastQuarterIsRefusedWithTheReasonAndNothingChanges()
    {
        using var scope = World.Services.CreateScope();
        var targets = scope.ServiceProvider.GetRequiredService<QuarterTargets>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var quarter = scope.ServiceProvider.GetRequiredService<Dashboard>().CurrentQuarter;

        var unknown = await targets.SetAsync(Scope.Province, quarter, null, "khong-co", 40, "skhcn", Ct);
        var percent = await targets.SetAsync(Scope.Province, quarter, null, Certificate.DigitalCitizen, 0, "skhcn", Ct);
        var past = await targets.SetAsync(Scope.Province, quarter.Previous, null, Certificate.DigitalCitizen, 40, "skhcn", Ct);

        Assert.Equal([("SkillId", "Kỹ năng không có trong khoá học.")], unknown.Errors);
        Assert.Equal("Percent", Assert.Single(percent.Errors).Field);
        Assert.Equal([("", QuarterTargets.PastQuarter)], past.Errors);
        Assert.Equal(0, await db.QuarterTargets.CountAsync(Ct));

        // A target of a past quarter stays as it was.
        db.QuarterTargets.Add(new QuarterTarget { Quarter = quarter.Previous.Key, SkillId = Certificate.DigitalCitizen, Percent = 20, SetByUserId = "skhcn" });
        await db.SaveChangesAsync(Ct);
        var old = await db.QuarterTargets.SingleAsync(Ct);
        Assert.Equal([("", QuarterTargets.PastQuarter)], (await targets.RemoveAsync(Scope.Province, old.Id, Ct)).Errors);
        Assert.Equal(1, await db.QuarterTargets.CountAsync(Ct));
    }
}
