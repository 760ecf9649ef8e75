using System.CommandLine;
using System.Globalization;
using System.IO.Compression;
using CdsLearn.Cli;
using CdsLearn.Figures;
using CdsLearn.Tests.Content;
using CdsLearn.Tests.Figures;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace CdsLearn.Tests.Cli;

/// <summary>`cdslearn report quarter`: a commune's quarterly report written to a file from the command line.</summary>
public sealed class ReportCommandsTests : LibraryWorldTest
{
    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand { ReportCommands.Create(output, error) };
        var exit = await root.Parse(["report", "quarter", "--data", World.Folder, "--content", RepositoryContent.Folder, .. args]).InvokeAsync(cancellationToken: Ct);
        return (exit, output.ToString(), error.ToString());
    }

    private Quarter Current()
    {
        using var scope = World.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<Dashboard>().CurrentQuarter;
    }

    [Fact]
    public async Task TheReportOfACommuneNamedWithoutDiacriticsIsWrittenAsAWorkbookWithTheDifficultiesAsText()
    {
        var quarter = Current();
        using (var scope = World.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<QuarterlyReports>().SaveDifficultiesAsync(World.CommuneA, quarter, "=1+1 thiếu máy", "skhcn", Ct);
        }
        var file = Path.Combine(World.Folder, "bao-cao", "quy.xlsx");
        var name = CdsLearn.Households.SearchText.Fold(World.CommuneAName);

        var run = await RunAsync("--commune", name, "--quarter", $"{quarter.Year}-Q{quarter.Number}", "--out", file);

        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains($"Báo cáo {quarter.Label} {World.CommuneADisplayName}", run.Output, StringComparison.Ordinal);
        var rows = MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var covered = rows.Single(r => (string?)r["Nội dung"] == "8. Hộ có ít nhất một người có kỹ năng số");
        Assert.Equal(("1", "1"), (Convert.ToString(covered["Trong quý"], CultureInfo.InvariantCulture), Convert.ToString(covered["Cộng dồn đến hết quý"], CultureInfo.InvariantCulture)));
        Assert.Equal("Khó khăn, vướng mắc, đề xuất: =1+1 thiếu máy", rows[^1]["Nội dung"]);
        // Written as a string, never as a formula Excel would run.
        using var zip = ZipFile.OpenRead(file);
        var sheet = await new StreamReader(zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)).Open()).ReadToEndAsync(Ct);
        Assert.DoesNotContain("<x:f>", sheet, StringComparison.Ordinal);
        Assert.DoesNotContain("<f>", sheet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ByIdTheCurrentQuarterIsWrittenAsCsv()
    {
        using (var scope = World.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<QuarterlyReports>().SaveDifficultiesAsync(World.CommuneA, Current(), "=1+1", "skhcn", Ct);
        }
        var file = Path.Combine(World.Folder, "quy.csv");

        var run = await RunAsync("--commune", World.CommuneA.ToString(CultureInfo.InvariantCulture), "--out", file);

        Assert.True(run.Exit == 0, run.Error);
        var lines = await File.ReadAllLinesAsync(file, Ct);
        Assert.Equal("Nội dung,Trong quý,Cộng dồn đến hết quý", lines[0].TrimStart('\uFEFF'));
        Assert.Equal("\"Khó khăn, vướng mắc, đề xuất: =1+1\"", lines[^1]);
    }

    [Theory]
    [InlineData("Không Có Xã Này", null, "x.xlsx", "Không có xã/phường")]
    [InlineData("999999", null, "x.xlsx", "Không có xã/phường mã 999999")]
    [InlineData(null, "2026-Q5", "x.xlsx", "không phải là một quý")]
    [InlineData(null, "2199-Q1", "x.xlsx", "chưa đến")]
    [InlineData(null, null, "x.pdf", "đuôi .xlsx hoặc .csv")]
    public async Task BadInputSaysWhyInVietnameseAndWritesNothing(string? commune, string? quarter, string fileName, string expected)
    {
        var file = Path.Combine(World.Folder, "sai", fileName);
        string[] args = ["--commune", commune ?? World.CommuneAName, "--out", file, .. quarter is null ? Array.Empty<string>() : ["--quarter", quarter]];

        var run = await RunAsync(args);

        Assert.Equal(1, run.Exit);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }
}
