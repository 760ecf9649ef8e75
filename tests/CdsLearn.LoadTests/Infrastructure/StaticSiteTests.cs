using CdsLearn.Load;

namespace CdsLearn.LoadTests.Infrastructure;

/// <summary>The benchmarks' nginx sends the bytes the site sends: the site's own headers are added to nginx's, and a
/// header nginx could not send as it is stops the run instead of measuring something else.</summary>
public sealed class StaticSiteTests
{
    private static readonly KeyValuePair<string, string>[] SiteHeaders =
    [
        new("Date", "Mon, 07 Dec 2026 09:00:00 GMT"),
        new("Content-Type", "text/html; charset=utf-8"),
        new("Content-Length", "9650"),
        new("ETag", "\"abc\""),
        new("Cache-Control", "public, max-age=300"),
        new("Content-Security-Policy", "default-src 'self'; img-src 'self' data:"),
        new("X-Frame-Options", "DENY"),
        new("Vary", "Accept-Encoding"),
    ];

    [Fact]
    public void TheSitesHeadersAreAddedToEveryAnswerAndNginxKeepsWritingItsOwn()
    {
        var config = StaticSite.Configuration("/tmp/x", 8081, StaticCompression.GzipPrecompressed, SiteHeaders);

        var added = config.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("add_header ", StringComparison.Ordinal)).ToList();
        Assert.Equal(
        [
            "add_header Cache-Control \"public, max-age=300\";",
            "add_header Content-Security-Policy \"default-src 'self'; img-src 'self' data:\";",
            "add_header X-Frame-Options \"DENY\";",
            "add_header Vary \"Accept-Encoding\";",
        ], added);
        Assert.Contains("gzip_static on;", config, StringComparison.Ordinal);
        Assert.Contains("server_tokens off;", config, StringComparison.Ordinal);
        Assert.Equal(["Cache-Control", "Content-Security-Policy", "X-Frame-Options", "Vary"], StaticSite.Added(SiteHeaders).Select(h => h.Key));
    }

    [Fact]
    public void WithoutHeadersNginxSendsOnlyItsOwn()
    {
        var config = StaticSite.Configuration("/tmp/x", 8081, StaticCompression.None, []);

        Assert.DoesNotContain("add_header", config, StringComparison.Ordinal);
        Assert.Contains("location / {", config, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X-Test", "costs $5")]
    [InlineData("X-Test", "two\nlines")]
    [InlineData("X Test", "a")]
    [InlineData("X-Test;", "a")]
    public void AHeaderNginxWouldReadDifferentlyIsRefused(string name, string value) =>
        Assert.Throws<ArgumentException>(() => StaticSite.Configuration("/tmp/x", 8081, StaticCompression.None, [new(name, value)]));

    [Fact]
    public void QuotesAndBackslashesInAValueAreEscaped()
    {
        var config = StaticSite.Configuration("/tmp/x", 8081, StaticCompression.None, [new("X-Test", "a \"b\" \\c")]);

        Assert.Contains("add_header X-Test \"a \\\"b\\\" \\\\c\";", config, StringComparison.Ordinal);
    }
}
