using System.Text;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Imports;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Households;

/// <summary>Household files cut, flipped and spliced at random: the import never crashes, and a refused file adds
/// nothing at all. Seeds are fixed so a failure can be replayed.</summary>
public class ImportFuzzTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    public static TheoryData<int> Seeds => new(Enumerable.Range(1, 15));

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task AMangledHouseholdFileIsRefusedOrImportedWholeNeverHalf(int seed)
    {
        var ct = TestContext.Current.CancellationToken;
        var world = await HouseholdWorld.CreateAsync(factory);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var communeName = await db.Communes.Where(c => c.Id == world.A1.CommuneId).Select(c => c.Name).SingleAsync(ct);
        var csv = "commune,village,household_code,head_name,member_name,birth_year,phone\n"
            + string.Concat(Enumerable.Range(1, 5).Select(i => $"{communeName},Bản A1,FZ-{seed}-{i},Chủ hộ {i},Người {i},19{60 + i},09123456{i:00}\n"));
        var random = new Random(seed);
        var bytes = Encoding.UTF8.GetBytes(csv);
        for (var i = 0; i < 1 + random.Next(8); i++)
        {
            bytes[random.Next(bytes.Length)] = (byte)",\"\n\r-x9é\0"[random.Next(9)];
        }
        var before = await db.Households.CountAsync(ct);

        using var csvBytes = new MemoryStream(bytes);
        var report = await scope.ServiceProvider.GetRequiredService<HouseholdImporter>().ImportAsync(csvBytes, Scope.Province, null, ct);

        var after = await db.Households.CountAsync(ct);
        if (report.Succeeded)
        {
            Assert.True(after > before);
        }
        else
        {
            Assert.Equal(before, after);
            Assert.All(report.Problems, p => Assert.True(p.Line >= 1 && p.Message.Length > 0));
        }
    }
}
