using CdsLearn.Channels;

namespace CdsLearn.Tests.Channels;

/// <summary>The settings of "Kênh của xã": https links only, short, blanks are "not given".</summary>
public class ChannelRulesTests
{
    [Theory]
    [InlineData("https://zalo.me/g/abcdef")]
    [InlineData("https://oa.zalo.me/home?id=123")]
    [InlineData("  https://example.org/phan-anh  ")]
    public void AcceptsHttpsLinks(string url) =>
        Assert.Empty(ChannelRules.Validate(new ChannelSettings(url, url, "Tại Trung tâm Phục vụ hành chính công xã.")));

    [Theory]
    [InlineData("http://zalo.me/g/abc")]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,hi")]
    [InlineData("zalo.me/g/abc")]
    [InlineData("/kenh-cua-xa")]
    [InlineData("https://zalo.me@lua-dao.top/g/abc")]
    [InlineData("https://zalo.me/g/có dấu cách")]
    [InlineData("https://localhost/x")]
    public void RefusesAnythingElseInVietnamese(string url)
    {
        var errors = ChannelRules.Validate(new ChannelSettings(url, url, null));

        Assert.Equal([nameof(ChannelSettings.ZaloUrl), nameof(ChannelSettings.FeedbackUrl)], errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.Contains("phải là một địa chỉ bắt đầu bằng https://", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void RefusesWhatIsTooLong()
    {
        var errors = ChannelRules.Validate(new ChannelSettings(
            "https://example.org/" + new string('a', ChannelRules.MaxUrlLength), null, new string('a', ChannelRules.MaxTextLength + 1)));

        Assert.Equal([nameof(ChannelSettings.ZaloUrl), nameof(ChannelSettings.FeedbackText)], errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.Contains("tối đa", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void BlanksAreNotGiven()
    {
        var settings = new ChannelSettings("  ", "", "\t");

        Assert.Empty(ChannelRules.Validate(settings));
        Assert.Equal(new ChannelSettings(null, null, null), settings.Normalized());
    }
}
