using CdsLearn.Figures;
using CdsLearn.Households;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Tests.Figures;

/// <summary>The quarterly report as the site and the command line build it, straight from the library.</summary>
public sealed class QuarterlyReportsTests : LibraryWorldTest
{
    private static (object? Within, object? Total) Line(QuarterlyReport report, string label)
    {
        var row = report.Table.Rows.Single(r => (string?)r[0] == label);
        return (row[1], row[2]);
    }

    [Fact]
    public async Task TheReportCountsTheCommunesHouseholdsAndCoverageForTheQuarter()
    {
        using var scope = World.Services.CreateScope();
        var reports = scope.ServiceProvider.GetRequiredService<QuarterlyReports>();
        var quarter = scope.ServiceProvider.GetRequiredService<Dashboard>().CurrentQuarter;

        var report = (await reports.FindAsync(Scope.Province, World.CommuneA, quarter, Ct))!;

        Assert.Equal($"Báo cáo {quarter.Label} {World.CommuneADisplayName}", report.Table.Title);
        Assert.Equal((2, 2), Line(report, "4. Hộ đã đăng ký trên nền tảng"));
        Assert.Equal((1, 1), Line(report, "8. Hộ có ít nhất một người có kỹ năng số"));
        Assert.Equal((1, 1), Line(report, "5. Người dân được tiếp cận (có tài khoản học)"));
        // The quarter before: nothing had happened yet.
        var before = (await reports.FindAsync(Scope.Province, World.CommuneA, quarter.Previous, Ct))!;
        Assert.Equal((0, 0), Line(before, "4. Hộ đã đăng ký trên nền tảng"));
    }

    [Fact]
    public async Task OnlyACommuneTheScopeSeesWholeHasAReportAndOnlyItsManagersWriteIt()
    {
        using var scope = World.Services.CreateScope();
        var reports = scope.ServiceProvider.GetRequiredService<QuarterlyReports>();
        var quarter = scope.ServiceProvider.GetRequiredService<Dashboard>().CurrentQuarter;

        Assert.NotNull(await reports.FindAsync(World.OfficerOfA, World.CommuneA, quarter, Ct));
        Assert.Null(await reports.FindAsync(World.OfficerOfA, World.CommuneB, quarter, Ct));
        Assert.Null(await reports.FindAsync(Scope.Nothing, World.CommuneA, quarter, Ct));
        Assert.True(QuarterlyReports.MayWrite(World.OfficerOfA, World.CommuneA));
        Assert.False(QuarterlyReports.MayWrite(World.OfficerOfA, World.CommuneB));
        var teamWide = new Scope(false, new HashSet<int> { World.CommuneA }, new HashSet<int>());
        Assert.False(QuarterlyReports.MayWrite(teamWide, World.CommuneA));
    }

    [Fact]
    public async Task TheDifficultiesWrittenForAQuarterAreItsNoteInTheExport()
    {
        using var scope = World.Services.CreateScope();
        var reports = scope.ServiceProvider.GetRequiredService<QuarterlyReports>();
        var quarter = scope.ServiceProvider.GetRequiredService<Dashboard>().CurrentQuarter;
        Assert.Equal(["Khó khăn, vướng mắc, đề xuất: (không có)"], (await reports.FindAsync(Scope.Province, World.CommuneA, quarter, Ct))!.ForExport().Notes);

        await reports.SaveDifficultiesAsync(World.CommuneA, quarter, "  Sóng yếu ở bản vùng cao.  ", "someone", Ct);

        var report = (await reports.FindAsync(Scope.Province, World.CommuneA, quarter, Ct))!;
        Assert.Equal("Sóng yếu ở bản vùng cao.", report.Difficulties);
        Assert.Equal(["Khó khăn, vướng mắc, đề xuất: Sóng yếu ở bản vùng cao."], report.ForExport().Notes);
        Assert.Empty(report.Table.Notes);
        Assert.Null((await reports.FindAsync(Scope.Province, World.CommuneA, quarter.Previous, Ct))!.Difficulties);
    }
}
