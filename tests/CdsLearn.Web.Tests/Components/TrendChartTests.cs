using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Bunit;
using CdsLearn.Web.Components;

namespace CdsLearn.Web.Tests.Components;

public partial class TrendChartTests : BunitContext
{
    private static readonly string[] ThreeQuarters = ["Q1/2026", "Q2/2026", "Q3/2026"];

    private IRenderedComponent<TrendChart> Chart(
        IReadOnlyList<string> labels, IReadOnlyList<TrendSeries> series, bool percent = true, double? target = null, string title = "Tỷ lệ hộ có Công dân số") =>
        Render<TrendChart>(p => p
            .Add(c => c.Labels, labels)
            .Add(c => c.Series, series)
            .Add(c => c.Title, title)
            .Add(c => c.Percent, percent)
            .Add(c => c.Target, target));

    private static double Number(string? text) => double.Parse(text!, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static List<(double X, double Y)> Points(IElement polyline) =>
        polyline.GetAttribute("points")!.Split(' ')
            .Select(pair => pair.Split(','))
            .Select(xy => (Number(xy[0]), Number(xy[1])))
            .ToList();

    /// <summary>The plot area as the gridlines span it: y of the top tick, y of the 0 tick, and the x extent.</summary>
    private static (double Left, double Right, double Top, double Bottom) Plot(IRenderedComponent<TrendChart> chart)
    {
        var lines = chart.FindAll(".grid line");
        var ys = lines.Select(l => Number(l.GetAttribute("y1"))).ToList();
        return (Number(lines[0].GetAttribute("x1")), Number(lines[0].GetAttribute("x2")), ys.Min(), ys.Max());
    }

    /// <summary>The label of the highest tick (smallest y), i.e. the top of the y axis.</summary>
    private static string TopTickLabel(IRenderedComponent<TrendChart> chart) =>
        chart.FindAll(".grid g").MinBy(g => Number(g.QuerySelector("line")!.GetAttribute("y1")))!.QuerySelector("text")!.TextContent;

    [Fact]
    public void PlacesPercentagesInProportionToThePlotArea()
    {
        var chart = Chart(ThreeQuarters, [new TrendSeries("Công dân số", [0, 50, 100])]);

        var (left, right, top, bottom) = Plot(chart);
        Assert.True(bottom - top > 100, "the plot area should be most of the chart's height");
        var points = Points(chart.Find("svg.trend-chart .series polyline"));
        Assert.Equal(3, points.Count);
        Assert.Equal(left, points[0].X, 0.1);
        Assert.Equal(bottom, points[0].Y, 0.1);
        Assert.Equal((left + right) / 2, points[1].X, 0.1);
        Assert.Equal((top + bottom) / 2, points[1].Y, 0.1);
        Assert.Equal(right, points[2].X, 0.1);
        Assert.Equal(top, points[2].Y, 0.1);
        Assert.Equal("100 %", TopTickLabel(chart));
        var ticksBottomUp = chart.FindAll(".grid g").OrderByDescending(g => Number(g.QuerySelector("line")!.GetAttribute("y1")));
        Assert.Equal(["0 %", "25 %", "50 %", "75 %", "100 %"], ticksBottomUp.Select(g => g.QuerySelector("text")!.TextContent));
    }

    [Fact]
    public void PlacesCountsInProportionToTheRoundMaximum()
    {
        // 1234 rounds the axis up to 2.000, so 1000 sits at mid-height and 1234 a little above it.
        var chart = Chart(["Q1/2026", "Q2/2026"], [new TrendSeries("Chứng chỉ", [1000, 1234])], percent: false);

        var (_, _, top, bottom) = Plot(chart);
        var points = Points(chart.Find("svg.trend-chart .series polyline"));
        Assert.Equal((top + bottom) / 2, points[0].Y, 0.1);
        Assert.Equal(bottom - 1234.0 / 2000 * (bottom - top), points[1].Y, 0.1);
        Assert.Equal("2.000", TopTickLabel(chart));
    }

    [Theory]
    [InlineData(3, 5, "5")]
    [InlineData(7, 10, "10")]
    [InlineData(1234, 2000, "2.000")]
    [InlineData(2000, 2000, "2.000")]
    [InlineData(4321, 5000, "5.000")]
    [InlineData(6001, 10000, "10.000")]
    [InlineData(12345, 20000, "20.000")]
    [InlineData(50001, 100000, "100.000")]
    public void CountsRiseToARoundMaximumOf1Or2Or5TimesAPowerOfTen(double largest, double niceMax, string topLabel)
    {
        Assert.Equal(niceMax, TrendChart.NiceMax(largest));

        var chart = Chart(["Q1/2026", "Q2/2026"], [new TrendSeries("Chứng chỉ", [largest / 2, largest])], percent: false);

        Assert.Equal(topLabel, TopTickLabel(chart));
        Assert.InRange(chart.FindAll(".grid line").Count, 3, 6);
    }

    [Fact]
    public void AxisTicksAreWholeNumbers()
    {
        foreach (var max in new double[] { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 20000 })
        {
            var ticks = TrendChart.TickValues(max);
            Assert.Equal(0, ticks[0]);
            Assert.Equal(max, ticks[^1]);
            Assert.All(ticks, t => Assert.Equal(Math.Round(t), t));
        }
    }

    [Fact]
    public void AGapInTheDataBreaksTheLine()
    {
        string[] labels = ["Q1/2025", "Q2/2025", "Q3/2025", "Q4/2025", "Q1/2026"];
        var chart = Chart(labels, [new TrendSeries("Thanh toán trực tuyến", [10, 20, null, 40, 50])]);

        var polylines = chart.FindAll("svg.trend-chart .series polyline");
        Assert.Equal(2, polylines.Count);
        var before = Points(polylines[0]);
        var after = Points(polylines[1]);
        Assert.Equal(2, before.Count);
        Assert.Equal(2, after.Count);
        // Nothing is drawn across the third quarter.
        var (left, right, _, _) = Plot(chart);
        var thirdX = left + 2 * (right - left) / 4;
        Assert.True(before[^1].X < thirdX && after[0].X > thirdX);
        Assert.Equal(4, chart.FindAll("svg.trend-chart .series .marker > *").Count);
    }

    [Fact]
    public void ALoneValueBetweenGapsIsAMarkerWithoutALine()
    {
        var chart = Chart(ThreeQuarters, [new TrendSeries("Mua sắm trực tuyến", [null, 30, null])]);

        Assert.Empty(chart.FindAll("svg.trend-chart .series polyline"));
        Assert.Single(chart.FindAll("svg.trend-chart .series .marker > *"));
    }

    [Fact]
    public void WritesInvariantCoordinatesOnAVietnameseServer()
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
        try
        {
            var chart = Chart(
                ["Q1/2025", "Q2/2025", "Q3/2025", "Q4/2025", "Q1/2026", "Q2/2026", "Q3/2026"],
                [
                    new TrendSeries("Dịch vụ công", [12.5, 33.3, 41.7, null, 55.55, 61.2, 66.6]),
                    new TrendSeries("Mua sắm", [3.3, 7.7, 9.1, 13.3, 17.7, 21.1, 26.6]),
                ],
                target: 62.5);

            var number = NumberPattern();
            var markup = chart.Markup;
            var coordinates = chart.FindAll("svg *, svg").SelectMany(e => new[] { "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r" }
                .Select(e.GetAttribute).OfType<string>()).ToList();
            Assert.NotEmpty(coordinates);
            Assert.All(coordinates, value => Assert.Matches(number, value));
            Assert.Contains(coordinates, value => value.Contains('.', StringComparison.Ordinal));
            Assert.All(chart.FindAll("polyline"), p => Assert.Matches(PointsPattern(), p.GetAttribute("points")!));
            // A path command carries at most one x,y pair: "M12,5,30" would be a decimal comma.
            Assert.All(chart.FindAll("path"), p => Assert.All(
                p.GetAttribute("d")!.Split(['M', 'L', 'H', 'h', 'v', 'Z'], StringSplitOptions.RemoveEmptyEntries),
                args => Assert.InRange(args.Split(',').Length, 1, 2)));
            Assert.Matches(@"^0 0 \d+ \d+$", chart.Find("svg.trend-chart").GetAttribute("viewBox")!);
            // The words people read stay Vietnamese: decimal comma in the table and the target label.
            Assert.Contains("55,6 %", markup, StringComparison.Ordinal);
            Assert.Equal("Chỉ tiêu 62,5 %", chart.Find(".target text").TextContent);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    [Fact]
    public void DrawsTheTargetAsALabelledDashedLine()
    {
        var chart = Chart(ThreeQuarters, [new TrendSeries("Công dân số", [20, 35, 48])], target: 60);

        var (left, right, top, bottom) = Plot(chart);
        var line = chart.Find(".target line");
        Assert.Equal(bottom - 0.6 * (bottom - top), Number(line.GetAttribute("y1")), 0.1);
        Assert.Equal(line.GetAttribute("y1"), line.GetAttribute("y2"));
        Assert.Equal(left, Number(line.GetAttribute("x1")), 0.1);
        Assert.Equal(right, Number(line.GetAttribute("x2")), 0.1);
        Assert.False(string.IsNullOrEmpty(line.GetAttribute("stroke-dasharray")));
        Assert.Equal("Chỉ tiêu 60 %", chart.Find(".target text").TextContent);
        Assert.Contains("Chỉ tiêu: 60 %", chart.Find("desc").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ACountTargetAboveTheDataRaisesTheAxis()
    {
        var chart = Chart(ThreeQuarters, [new TrendSeries("Chứng chỉ", [1500, 3200, 4800])], percent: false, target: 12000);

        Assert.Equal("20.000", TopTickLabel(chart));
        Assert.Equal("Chỉ tiêu 12.000", chart.Find(".target text").TextContent);
    }

    [Fact]
    public void HasNoTargetLineUnlessGivenOne()
    {
        var chart = Chart(ThreeQuarters, [new TrendSeries("Công dân số", [20, 35, 48])]);

        Assert.Empty(chart.FindAll(".target"));
        Assert.DoesNotContain("Chỉ tiêu", chart.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void EscapesNamesAndTitles()
    {
        const string name = "<script>alert(1)</script>";
        var chart = Chart(ThreeQuarters, [new TrendSeries(name, [20, 35, 48])], title: "<b>Độ phủ</b>");

        Assert.Empty(chart.FindAll("script"));
        Assert.Empty(chart.FindAll("b"));
        Assert.Equal(name, chart.Find(".trend-legend li").TextContent.Trim());
        Assert.Equal(name, chart.Find("thead th:nth-child(2)").TextContent);
        Assert.StartsWith(name, chart.Find("desc").TextContent.Split("gần nhất: ")[1], StringComparison.Ordinal);
        Assert.Equal("<b>Độ phủ</b>", chart.Find("title").TextContent);
        Assert.Contains("&lt;script&gt;", chart.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTableHoldsEveryValue()
    {
        var chart = Chart(
            ThreeQuarters,
            [
                new TrendSeries("Dịch vụ công", [12345, null, 67890]),
                new TrendSeries("Công dân số", [0, 1500.5, 9]),
            ],
            percent: false);

        Assert.Equal("Xem bảng số liệu", chart.Find("details summary").TextContent);
        Assert.Equal(["Kỳ", "Dịch vụ công", "Công dân số"], chart.FindAll("thead th").Select(th => th.TextContent));
        var rows = chart.FindAll("tbody tr")
            .Select(tr => tr.Children.Select(cell => cell.TextContent).ToArray())
            .ToList();
        Assert.Equal(
            [
                ["Q1/2026", "12.345", "0"],
                ["Q2/2026", "–không có số liệu", "1.500,5"],
                ["Q3/2026", "67.890", "9"],
            ],
            rows);
    }

    [Fact]
    public void TheTableShowsPercentages()
    {
        var chart = Chart(ThreeQuarters, [new TrendSeries("Công dân số", [20, 45.5, 100])]);

        Assert.Equal(["20 %", "45,5 %", "100 %"], chart.FindAll("tbody td").Select(td => td.TextContent));
    }

    [Fact]
    public void IsAnImageNamedByItsTitleAndDescribedByTheLatestValues()
    {
        var chart = Chart(
            ["Q1/2026", "Q2/2026", "Q3/2026", "Q4/2026"],
            [
                new TrendSeries("Dịch vụ công", [20, 30, 40, 45]),
                new TrendSeries("Công dân số", [10, 20, 30, null]),
                new TrendSeries("Nền tảng số", [null, null, null, null]),
            ]);

        var svg = chart.Find("svg.trend-chart");
        Assert.Equal("img", svg.GetAttribute("role"));
        var title = chart.Find("#" + svg.GetAttribute("aria-labelledby"));
        Assert.Equal("title", title.LocalName);
        Assert.Equal("Tỷ lệ hộ có Công dân số", title.TextContent);
        var desc = chart.Find("#" + svg.GetAttribute("aria-describedby"));
        Assert.Equal("desc", desc.LocalName);
        Assert.Equal(
            "Từ Q1/2026 đến Q4/2026. Số liệu gần nhất: Dịch vụ công: 45 % (Q4/2026); Công dân số: 30 % (Q3/2026); Nền tảng số: chưa có số liệu.",
            desc.TextContent);
        // The legend is HTML outside the drawing, so it wraps on a narrow screen.
        Assert.Equal(["Dịch vụ công", "Công dân số", "Nền tảng số"], chart.FindAll("ul.trend-legend > li").Select(li => li.TextContent.Trim()));
        Assert.Null(svg.QuerySelector("ul"));
    }

    [Fact]
    public void TheIdIsStableAcrossRenders()
    {
        var first = Chart(ThreeQuarters, [new TrendSeries("Công dân số", [20, 35, 48])]).Find("svg.trend-chart").GetAttribute("aria-labelledby");
        var second = Chart(ThreeQuarters, [new TrendSeries("Công dân số", [20, 35, 48])]).Find("svg.trend-chart").GetAttribute("aria-labelledby");
        var other = Chart(ThreeQuarters, [new TrendSeries("Công dân số", [20, 35, 48])], title: "Khác").Find("svg.trend-chart").GetAttribute("aria-labelledby");

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void SixSeriesDifferInColourDashAndMarker()
    {
        // The same values for all six, so the markers sit on the same spots and only their shapes differ.
        var series = Enumerable.Range(1, 6).Select(i => new TrendSeries($"Kỹ năng {i}", [40, 60])).ToList();
        var chart = Chart(["Q1/2026", "Q2/2026"], series);

        var groups = chart.FindAll("svg.trend-chart g.series");
        Assert.Equal(6, groups.Count);
        Assert.Equal(6, groups.Select(g => g.ClassName).Distinct().Count());
        Assert.Equal(6, groups.Select(g => g.QuerySelector("polyline")!.GetAttribute("stroke-dasharray") ?? "solid").Distinct().Count());
        var shapes = groups.Select(g => g.QuerySelector(".marker > *")!)
            .Select(m => m.LocalName == "path" ? m.GetAttribute("d") : m.LocalName + m.GetAttribute("class"));
        Assert.Equal(6, shapes.Distinct().Count());
        Assert.Equal(6, chart.FindAll(".trend-legend svg.series").Count);
    }

    [Fact]
    public void TwelveQuartersKeepTheNewestLabelAndDropSomeOthers()
    {
        var labels = Enumerable.Range(0, 12).Select(i => $"Q{i % 4 + 1}/{2024 + i / 4}").ToList();
        var chart = Chart(labels, [new TrendSeries("Công dân số", labels.Select((_, i) => (double?)(i * 5)).ToList())]);

        var shown = chart.FindAll(".x-labels > g").Select(g => string.Join('/', g.QuerySelectorAll("text").Select(t => t.TextContent))).ToList();
        Assert.Equal("Q4/2026", shown[^1]);
        Assert.InRange(shown.Count, 3, 11);
        Assert.Equal(12, chart.FindAll("tbody tr").Count);
    }

    public static TheoryData<string[], double?[]> NoData => new()
    {
        { [], [] },
        { ["Q1/2026", "Q2/2026"], [null, null] },
        { ["Q1/2026"], [double.NaN] },
    };

    [Theory]
    [MemberData(nameof(NoData))]
    public void SaysThereIsNoDataInsteadOfAnEmptyChart(string[] labels, double?[] values)
    {
        var chart = Chart(labels, [new TrendSeries("Công dân số", values)]);

        Assert.Equal("Chưa có số liệu", chart.Find("p").TextContent);
        Assert.Empty(chart.FindAll("svg"));
        Assert.Empty(chart.FindAll("table"));
    }

    [Fact]
    public void SaysThereIsNoDataWithoutAnySeries()
    {
        var chart = Chart(ThreeQuarters, []);

        Assert.Equal("Chưa có số liệu", chart.Find("p").TextContent);
        Assert.Empty(chart.FindAll("svg"));
    }

    [GeneratedRegex(@"^\d+(\.\d+)?$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^\d+(\.\d+)?,\d+(\.\d+)?( \d+(\.\d+)?,\d+(\.\d+)?)*$")]
    private static partial Regex PointsPattern();
}
