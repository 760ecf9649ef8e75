using System.Globalization;
using System.Text.RegularExpressions;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace CdsLearn.Web.Tests.Shared;

/// <summary>Requests run in vi-VN: what people type and read is Vietnamese, while what machines read (the chart's
/// SVG, progress values) keeps a decimal point. (Exports under vi-VN: ReportWriterTests.)</summary>
public partial class SiteCultureTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every request runs in vi-VN, whatever the browser asks for.</summary>
    [Fact]
    public async Task ARequestRunsInVietnameseWhateverTheBrowserAsks()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();
        app.UseVietnameseCulture();
        app.Run(context => context.Response.WriteAsync($"{CultureInfo.CurrentCulture.Name} {CultureInfo.CurrentUICulture.Name} {1234.5.ToString("N1")}", Ct));
        await app.StartAsync(Ct);
        using var client = app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/?culture=en-US");
        request.Headers.AcceptLanguage.ParseAdd("en-US");
        using var response = await client.SendAsync(request, Ct);

        Assert.Equal("vi-VN vi-VN 1.234,5", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task TheDashboardsChartAndBarsKeepADecimalPoint()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var province = await world.SignInAsync(factory, HouseholdWorld.Province);

        var dashboard = await province.GetAsync("/so-lieu");
        var chart = dashboard.QuerySelector("svg.trend-chart")!;
        Assert.Matches(ViewBox(), chart.GetAttribute("viewBox")!);
        var coordinates = chart.QuerySelectorAll("*")
            .SelectMany(e => new[] { "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "font-size" }.Select(a => e.GetAttribute(a)))
            .OfType<string>().ToList();
        Assert.NotEmpty(coordinates);
        Assert.All(coordinates, c => Assert.Matches(Number(), c));
        Assert.All(chart.QuerySelectorAll("polyline").Select(p => p.GetAttribute("points")!), points =>
            Assert.All(points.Split(' '), pair => Assert.Matches(Pair(), pair)));

        var communes = await province.GetAsync("/so-lieu/xa");
        Assert.All(communes.QuerySelectorAll("progress"), p => Assert.Matches(Number(), p.GetAttribute("value")!));
    }

    [GeneratedRegex(@"^-?\d+(\.\d+)?$")]
    private static partial Regex Number();

    [GeneratedRegex(@"^-?\d+(\.\d+)?,-?\d+(\.\d+)?$")]
    private static partial Regex Pair();

    [GeneratedRegex(@"^0 0 \d+(\.\d+)? \d+(\.\d+)?$")]
    private static partial Regex ViewBox();
}
