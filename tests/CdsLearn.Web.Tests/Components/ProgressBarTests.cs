using System.Globalization;
using Bunit;
using CdsLearn.Web.Components;

namespace CdsLearn.Web.Tests.Components;

public class ProgressBarTests : BunitContext
{
    [Fact]
    public void ShowsThePercentWithItsLabel()
    {
        var bar = Render<ProgressBar>(p => p.Add(b => b.Percent, 42).Add(b => b.Label, "Đã học"));

        var progress = bar.Find("progress");
        Assert.Equal("100", progress.GetAttribute("max"));
        Assert.Equal("42", progress.GetAttribute("value"));
        Assert.Equal("Đã học", progress.GetAttribute("aria-label"));
        Assert.Equal("Đã học: 42 %", bar.Find(".progress-text").TextContent);
    }

    [Fact]
    public void IsLabelledTiếnĐộByDefault()
    {
        var bar = Render<ProgressBar>(p => p.Add(b => b.Percent, 10));

        Assert.Equal("Tiến độ", bar.Find("progress").GetAttribute("aria-label"));
        Assert.Equal("Tiến độ: 10 %", bar.Find(".progress-text").TextContent);
    }

    [Theory]
    [InlineData(-20, 0)]
    [InlineData(0, 0)]
    [InlineData(100, 100)]
    [InlineData(250, 100)]
    public void KeepsThePercentBetween0And100(int percent, int shown)
    {
        var bar = Render<ProgressBar>(p => p.Add(b => b.Percent, percent));

        Assert.Equal(shown.ToString(CultureInfo.InvariantCulture), bar.Find("progress").GetAttribute("value"));
        Assert.Equal($"Tiến độ: {shown} %", bar.Find(".progress-text").TextContent);
    }
}
