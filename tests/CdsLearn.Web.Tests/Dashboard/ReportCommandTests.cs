extern alias cli;

using System.Globalization;
using cli::CdsLearn.Cli;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace CdsLearn.Web.Tests.Dashboard;

/// <summary>The quarterly report the site downloads and the one `cdslearn report quarter` writes hold the same cells.</summary>
public class ReportCommandTests(SafetyOnlyProvinceFactory factory) : IClassFixture<SafetyOnlyProvinceFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheSitesDownloadAndTheCommandLinesFileHoldTheSameCells()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        var communeId = world.A1.CommuneId;
        var folder = Directory.CreateTempSubdirectory("cdslearn-report-").FullName;
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);
        var report = await officer.GetAsync($"/so-lieu/xa/{communeId}/bao-cao");
        await officer.SubmitAsync(report, "form[action*='bao-cao']", SiteClient.Fields(("Difficulties", "=1+1 thiếu máy; - sóng yếu")));
        using var province = await world.SignInAsync(factory, HouseholdWorld.Province);

        foreach (var format in new[] { "xlsx", "csv" })
        {
            var download = await province.Http.GetAsync($"/so-lieu/xa/{communeId}/bao-cao?handler=Export&dinh-dang={format}", Ct);
            download.EnsureSuccessStatusCode();
            var site = await download.Content.ReadAsByteArrayAsync(Ct);
            var file = Path.Combine(folder, "bao-cao." + format);
            var output = new StringWriter();
            var error = new StringWriter();
            using (var scope = factory.Services.CreateScope())
            {
                var exit = await ReportCommands.WriteQuarterAsync(scope.ServiceProvider,
                    new QuarterReportOptions(communeId.ToString(CultureInfo.InvariantCulture), null, file), output, error, Ct);
                Assert.True(exit == 0, error.ToString());
            }
            var cli = await File.ReadAllBytesAsync(file, Ct);

            if (format == "csv")
            {
                Assert.Equal(site, cli);
                continue;
            }
            var siteCells = Cells(site);
            Assert.Equal(siteCells, Cells(cli));
            Assert.Contains(siteCells, row => row.Contains("8. Hộ có ít nhất một người có kỹ năng số"));
            Assert.Equal("Khó khăn, vướng mắc, đề xuất: =1+1 thiếu máy; - sóng yếu", siteCells[^1][0]);
        }
    }

    private static List<string?[]> Cells(byte[] workbook)
    {
        using var stream = new MemoryStream(workbook);
        return stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>()
            .Select(row => row.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)).ToArray())
            .ToList();
    }
}
