using CdsLearn.Figures;
using CdsLearn.Households;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Figures;

/// <summary>The province's commune figures are kept between views; a change reads again only the communes it touched,
/// and the numbers are never older than the change.</summary>
public class ProvinceFigureCacheTests(SafetyOnlyProvinceFactory factory) : IClassFixture<SafetyOnlyProvinceFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AChangeReadsAgainOnlyTheCommuneItTouchedAndShowsAtOnce()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        var first = await CommunesAsync();
        Assert.Same(first, await CommunesAsync());
        var b = first.Single(c => c.Id == world.B1.CommuneId);
        var a = first.Single(c => c.Id == world.A1.CommuneId);
        Quarter quarter;
        using (var scope = factory.Services.CreateScope())
        {
            quarter = scope.ServiceProvider.GetRequiredService<CdsLearn.Figures.Dashboard>().CurrentQuarter;
        }

        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<HouseholdEditor>().CreateAsync(Scope.Province, new HouseholdInput(world.B1.Id, "B1-CACHE", "Hộ mới của xã B"), 1990, null, Ct);
        }

        var after = await CommunesAsync();
        Assert.Equal(b.Households(quarter) + 1, after.Single(c => c.Id == b.Id).Households(quarter));
        // Commune A was not touched: its figures are the ones read before, not read again.
        Assert.Same(a.Series, after.Single(c => c.Id == a.Id).Series);
        Assert.NotSame(b.Series, after.Single(c => c.Id == b.Id).Series);
        Assert.Equal(first.Select(c => c.Id), after.Select(c => c.Id));
    }

    [Fact]
    public async Task ManyCommunesChangedAtOnceAreReadAgainWhole()
    {
        await HouseholdWorld.CreateAsync(factory);
        var first = await CommunesAsync();
        var cache = factory.Services.GetRequiredService<ProvinceFigureCache>();
        cache.OnCommitted(new FigureChange(Enumerable.Range(1_000_000, ProvinceFigureCache.MaxChangedCommunes + 1).ToHashSet(), new HashSet<int>(), []));

        var after = await CommunesAsync();
        Assert.All(after, c => Assert.NotSame(first.Single(f => f.Id == c.Id).Series, c.Series));
    }

    private async Task<IReadOnlyList<PlaceFigures>> CommunesAsync()
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CdsLearn.Figures.Dashboard>().CommunesAsync(Scope.Province, Ct);
    }
}
