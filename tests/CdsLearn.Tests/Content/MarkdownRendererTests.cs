using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CdsLearn.Content;

namespace CdsLearn.Tests.Content;

public class MarkdownRendererTests
{
    private static readonly string[] SafeSchemes = ["http", "https", "mailto", "tel"];
    private static readonly string[] UrlAttributes = ["href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "background"];

    private readonly MarkdownRenderer markdown = new();

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Xin chào <script>alert(1)</script> bà con")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("Ảnh <img src=x onerror=\"alert(1)\"> giữa câu")]
    [InlineData("<a href=\"javascript:alert(1)\">bấm</a>")]
    [InlineData("<iframe src=\"https://ke-gian.example\"></iframe>")]
    [InlineData("[bấm vào đây](javascript:alert(1))")]
    [InlineData("[bấm vào đây](JAVASCRIPT:alert(1))")]
    [InlineData("[bấm vào đây](JavaScript:alert(document.cookie))")]
    [InlineData("[bấm vào đây](java&#x09;script:alert(1))")]
    [InlineData("[bấm vào đây](&#106;avascript:alert(1))")]
    [InlineData("[bấm vào đây](vbscript:msgbox(1))")]
    [InlineData("[bấm vào đây](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("![ảnh](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+)")]
    [InlineData("![ảnh](javascript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("<JAVASCRIPT:alert(1)>")]
    [InlineData("<data:text/html,alert(1)>")]
    [InlineData("[bấm][kg]\n\n[kg]: javascript:alert(1)")]
    [InlineData("[bấm](https://example.com \"x\" onmouseover=\"alert(1)\")")]
    public void NothingExecutableSurvivesRendering(string markdown)
    {
        var html = this.markdown.Render(markdown).Html;

        Assert.Empty(UnsafeParts(html));
    }

    [Fact]
    public void RawHtmlIsShownAsTextNotDropped()
    {
        var html = markdown.Render("Gõ <script>alert(1)</script> vào đâu?").Html;

        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Empty(Parse(html).QuerySelectorAll("script"));
    }

    [Theory]
    [InlineData("[Cổng dịch vụ công](https://dichvucong.gov.vn)", "https://dichvucong.gov.vn")]
    [InlineData("[gọi tổng đài](tel:19001234)", "tel:19001234")]
    [InlineData("[viết thư](mailto:hotro@sonla.gov.vn)", "mailto:hotro@sonla.gov.vn")]
    [InlineData("<https://vneid.gov.vn>", "https://vneid.gov.vn")]
    public void SafeLinksKeepTheirAddress(string markdown, string href)
    {
        var link = Assert.Single(Parse(this.markdown.Render(markdown).Html).QuerySelectorAll("a"));

        Assert.Equal(href, link.GetAttribute("href"));
    }

    [Fact]
    public void RendersEverydayMarkdown()
    {
        var html = Parse(markdown.Render("## Các bước\n\n1. Mở **VNeID**\n2. Đăng nhập").Html);

        Assert.Equal("Các bước", html.QuerySelector("h2")?.TextContent);
        Assert.Equal(2, html.QuerySelectorAll("ol > li").Length);
        Assert.Equal("VNeID", html.QuerySelector("strong")?.TextContent);
    }

    [Theory]
    [InlineData("luu-y", "Lưu ý")]
    [InlineData("canh-bao", "Cảnh báo")]
    [InlineData("meo", "Mẹo")]
    public void RendersACalloutAsAnAsideWithItsVietnameseTitle(string kind, string title)
    {
        var rendered = markdown.Render($"::: {kind}\nKhông bao giờ đọc mã OTP cho bất kỳ ai.\n:::");

        Assert.Empty(rendered.Findings);
        var aside = Assert.Single(Parse(rendered.Html).QuerySelectorAll("aside"));
        Assert.Contains("callout", aside.ClassList);
        Assert.Contains($"callout-{kind}", aside.ClassList);
        Assert.Equal(title, aside.QuerySelector("p.callout-title")?.TextContent);
        Assert.Contains("Không bao giờ đọc mã OTP", aside.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsAnUnknownCalloutOnItsLine()
    {
        var rendered = markdown.Render("Đoạn đầu.\n\n::: nguy-hiem\nCẩn thận.\n:::");

        var finding = Assert.Single(rendered.Findings);
        Assert.Equal(2, finding.Line);
        Assert.Contains("unknown callout 'nguy-hiem'", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownCalloutStillRendersAsANoteNotAsItsOwnClass()
    {
        var aside = Assert.Single(Parse(markdown.Render("::: nguy-hiem\nCẩn thận.\n:::").Html).QuerySelectorAll("aside"));

        Assert.Contains("callout-luu-y", aside.ClassList);
        Assert.DoesNotContain("callout-nguy-hiem", aside.ClassList);
    }

    [Fact]
    public void ReportsAnImageWithoutADescription()
    {
        var rendered = markdown.Render("Xem ảnh dưới đây.\n\n![](hinh.svg)");

        var finding = Assert.Single(rendered.Findings);
        Assert.Equal(2, finding.Line);
        Assert.Contains("an image needs a description", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptsAnImageWithADescription()
    {
        var rendered = markdown.Render("![Màn hình đăng nhập VNeID](hinh.svg)");

        Assert.Empty(rendered.Findings);
        Assert.Equal("Màn hình đăng nhập VNeID", Parse(rendered.Html).QuerySelector("img")?.GetAttribute("alt"));
    }

    [Fact]
    public void RewritesRelativeLinksAndReportsThoseThatLeadNowhere()
    {
        var rendered = markdown.Render(
            "Đọc [bài trước](01-bai.md) và\n[bài không có](02-khong-co.md).",
            url => url == "01-bai.md" ? "/bai-hoc/bai-mot" : null);

        var finding = Assert.Single(rendered.Findings);
        Assert.Equal(1, finding.Line);
        Assert.Contains("link '02-khong-co.md' leads to no file of the course", finding.Message, StringComparison.Ordinal);
        var hrefs = Parse(rendered.Html).QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/bai-hoc/bai-mot", "#"], hrefs);
    }

    [Fact]
    public void LeavesAbsoluteLinksAndAnchorsToTheSanitizerNotTheRewriter()
    {
        var asked = new List<string>();
        markdown.Render("[a](https://example.com) [b](#muc) [c](/bai-hoc/x) [d](javascript:alert(1))", url =>
        {
            asked.Add(url);
            return url;
        });

        Assert.Empty(asked);
    }

    private static IDocument Parse(string html) => new HtmlParser().ParseDocument($"<body>{html}</body>");

    /// <summary>Every part of the HTML a browser could run: script-like elements, event handlers, URLs whose
    /// scheme (as a browser reads it, ignoring case and control characters) is not a safe one.</summary>
    private static List<string> UnsafeParts(string html)
    {
        var found = new List<string>();
        foreach (var element in Parse(html).Body!.QuerySelectorAll("*"))
        {
            if (element.LocalName is "script" or "iframe" or "object" or "embed" or "style" or "base" or "form" or "meta" or "link")
            {
                found.Add($"<{element.LocalName}>");
            }
            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || attribute.Name == "style")
                {
                    found.Add($"{element.LocalName} {attribute.Name}=\"{attribute.Value}\"");
                }
                else if (UrlAttributes.Contains(attribute.Name) && SchemeOf(attribute.Value) is { } scheme && !SafeSchemes.Contains(scheme))
                {
                    found.Add($"{element.LocalName} {attribute.Name}=\"{attribute.Value}\"");
                }
            }
        }
        return found;
    }

    private static string? SchemeOf(string url)
    {
        var compact = new string(url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        var slash = compact.IndexOfAny(['/', '?', '#']);
        return colon > 0 && (slash < 0 || colon < slash) ? compact[..colon].ToLowerInvariant() : null;
    }
}
