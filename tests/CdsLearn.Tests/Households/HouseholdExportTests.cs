using CdsLearn.Households;
using CdsLearn.Tests.Figures;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Tests.Households;

/// <summary>The household export of a scope, straight from the library.</summary>
public sealed class HouseholdExportTests : LibraryWorldTest
{
    [Fact]
    public async Task AnOfficerExportsTheirCommunesHouseholdsWithCoverageAndNoOthers()
    {
        using var scope = World.Services.CreateScope();
        var export = scope.ServiceProvider.GetRequiredService<HouseholdExport>();

        var mine = await export.TableAsync(World.OfficerOfA, Ct);
        var all = await export.TableAsync(Scope.Province, Ct);

        Assert.Equal(
            [["A-001", "Lò Văn Ba", 2, 1, "có"], ["A-002", "=HYPERLINK(\"http://x\")", 1, 0, "chưa"]],
            mine.Rows.Select(r => r.Skip(2).ToArray()).ToArray());
        Assert.All(mine.Rows, r => Assert.Equal(World.CommuneAName, r[0]));
        Assert.Equal(3, all.Rows.Count);
        Assert.Empty((await export.TableAsync(Scope.Nothing, Ct)).Rows);
    }
}
