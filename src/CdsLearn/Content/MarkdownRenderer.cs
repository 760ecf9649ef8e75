using Ganss.Xss;
using Markdig;
using Markdig.Extensions.CustomContainers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CdsLearn.Content;

/// <summary>
/// The one Markdown renderer of the platform: a Markdig pipeline built once, raw HTML disabled, callouts as
/// <c>::: kind</c> blocks, and every output passed through HtmlSanitizer (Markdig alone lets <c>javascript:</c>
/// links through).
/// </summary>
public sealed class MarkdownRenderer
{
    public static readonly IReadOnlyDictionary<string, string> CalloutTitles = new Dictionary<string, string>
    {
        ["luu-y"] = "Lưu ý",
        ["canh-bao"] = "Cảnh báo",
        ["meo"] = "Mẹo",
    };

    /// <summary>The block kind of a drawn phone screen: <c>::: man-hinh Mô tả màn hình</c> (content/README.md).</summary>
    public const string ScreenKind = "man-hinh";

    /// <summary>The empty block <c>::: kenh-cua-xa</c> where a lesson sends bà con to the commune's Zalo, its feedback
    /// channel or the team (content/README.md).</summary>
    public const string CommuneChannelsKind = "kenh-cua-xa";

    /// <summary>What that block renders to: the same for everyone, so a lesson can be cached; a link to the page where
    /// anyone picks their commune. The lesson page draws a signed-in learner's own commune in its place.</summary>
    public const string CommuneChannelsHtml =
        "<aside class=\"callout callout-kenh-cua-xa\"><p class=\"callout-title\">Kênh của xã</p>"
        + "<p><a href=\"/kenh-cua-xa\">Xem Zalo của xã, nơi phản ánh và Tổ công nghệ số cộng đồng ở xã của bạn</a></p></aside>";

    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseCustomContainers()
        .UseEmphasisExtras()
        .UsePipeTables()
        .Use<CalloutExtension>()
        .Build();

    private readonly HtmlSanitizer sanitizer = CreateSanitizer();

    /// <summary>Renders Markdown to safe HTML. <paramref name="rewriteUrl"/> maps a relative link or image
    /// to its site URL, or returns null when it leads nowhere (reported in the result). <paramref name="picture"/>
    /// gives a picture's drawn size by its site URL; <paramref name="glossary"/> marks the first use of each term.</summary>
    public RenderedMarkdown Render(string markdown, Func<string, string?>? rewriteUrl = null,
        Func<string, Picture?>? picture = null, GlossaryMarker? glossary = null)
    {
        var document = Markdown.Parse(markdown, pipeline);
        var findings = new List<MarkdownFinding>();
        var pictures = new List<string>();

        foreach (var link in document.Descendants<LinkInline>())
        {
            if (link.IsImage)
            {
                CheckDescription(link, findings);
            }
            if (link.Url is { } url && rewriteUrl is not null && IsRelative(url))
            {
                var rewritten = rewriteUrl(url);
                if (rewritten is null)
                {
                    findings.Add(new(link.Line, $"link '{url}' leads to no file of the course"));
                }
                link.Url = rewritten ?? "#";
            }
            if (link.IsImage && link.Url is { } src && picture?.Invoke(src) is { } drawn)
            {
                pictures.Add(src);
                // Its place is kept while it loads, and it loads after the text (issue 17: the text first, in 14 KB).
                var attributes = link.GetAttributes();
                if (drawn.Width > 0)
                {
                    attributes.AddProperty("width", drawn.Width.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    attributes.AddProperty("height", drawn.Height.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                attributes.AddProperty("loading", "lazy");
                attributes.AddProperty("decoding", "async");
            }
        }
        foreach (var container in document.Descendants<CustomContainer>())
        {
            if (container.Info == ScreenKind)
            {
                CheckScreen(container, findings);
            }
            else if (container.Info == CommuneChannelsKind)
            {
                if (container.Count > 0 || !string.IsNullOrWhiteSpace(container.Arguments))
                {
                    findings.Add(new(container.Line, $"the '::: {CommuneChannelsKind}' block stays empty (the site fills it with the commune's channels): '::: {CommuneChannelsKind}' then ':::'"));
                }
            }
            else if (!CalloutTitles.ContainsKey(container.Info ?? ""))
            {
                findings.Add(new(container.Line, $"unknown callout '{container.Info}': use one of {string.Join(", ", CalloutTitles.Keys.Append(ScreenKind).Append(CommuneChannelsKind))}"));
            }
        }

        var terms = glossary?.Mark(document) ?? [];

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return new RenderedMarkdown(sanitizer.Sanitize(writer.ToString()), findings) { Pictures = pictures.Distinct().ToList(), Terms = terms };
    }

    /// <summary>A picture's description is read aloud to people who cannot see it or read well: it says what the
    /// picture shows and where to look.</summary>
    private static void CheckDescription(LinkInline image, List<MarkdownFinding> findings)
    {
        var description = string.Concat(image.Descendants<LiteralInline>().Select(l => l.Content.ToString()));
        var words = LessonLength.Count(description);
        if (words == 0)
        {
            findings.Add(new(image.Line, "an image needs a description: ![mô tả](file)"));
        }
        else if (words < Picture.MinDescriptionWords)
        {
            findings.Add(new(image.Line, $"the picture's description has {words} words; say what it shows and where to look (at least {Picture.MinDescriptionWords}, aim for 10–40)"));
        }
    }

    public string Sanitize(string html) => sanitizer.Sanitize(html);

    private static void CheckScreen(CustomContainer screen, List<MarkdownFinding> findings)
    {
        if (string.IsNullOrWhiteSpace(screen.Arguments))
        {
            findings.Add(new(screen.Line, $"a drawn screen needs a description for screen readers: '::: {ScreenKind} Mô tả màn hình'"));
        }
        // A screen shows what the learner would see, never a live link or a picture from elsewhere.
        foreach (var link in screen.Descendants<LinkInline>())
        {
            findings.Add(new(link.Line, "a drawn screen holds no links or images: write an address as plain text"));
        }
        if (screen.Descendants<CustomContainer>().Any())
        {
            findings.Add(new(screen.Line, "a drawn screen cannot hold another ':::' block"));
        }
    }

    private static bool IsRelative(string url) =>
        !url.StartsWith('#') && !url.StartsWith('/') && !url.Contains(':', StringComparison.Ordinal);

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.UnionWith(["aside", "figure", "figcaption", "section"]);
        sanitizer.AllowedAttributes.UnionWith(["class", "id", "loading", "decoding"]);
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto", "tel"]);
        return sanitizer;
    }

    /// <summary>Renders <c>::: canh-bao</c> blocks as an aside with a Vietnamese title instead of a bare div, and
    /// <c>::: man-hinh</c> blocks as a drawn phone screen.</summary>
    private sealed class CalloutExtension : IMarkdownExtension
    {
        public void Setup(MarkdownPipelineBuilder pipeline) { }

        public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
        {
            if (renderer is HtmlRenderer html)
            {
                html.ObjectRenderers.Replace<HtmlCustomContainerRenderer>(new CalloutRenderer());
            }
        }
    }

    private sealed class CalloutRenderer : HtmlObjectRenderer<CustomContainer>
    {
        protected override void Write(HtmlRenderer renderer, CustomContainer obj)
        {
            if (obj.Info == CommuneChannelsKind)
            {
                renderer.EnsureLine();
                renderer.WriteLine(CommuneChannelsHtml);
                return;
            }
            if (obj.Info == ScreenKind)
            {
                // The screen is real text, so a screen reader reads it; the caption says first what it is a picture of.
                renderer.EnsureLine();
                renderer.Write("<figure class=\"screen\"><figcaption class=\"visually-hidden\">Hình vẽ màn hình điện thoại: ")
                    .WriteEscape(obj.Arguments ?? "").WriteLine("</figcaption>");
                renderer.WriteChildren(obj);
                renderer.WriteLine("</figure>");
                return;
            }
            var kind = CalloutTitles.ContainsKey(obj.Info ?? "") ? obj.Info! : "luu-y";
            renderer.EnsureLine();
            renderer.Write("<aside class=\"callout callout-").Write(kind).Write("\"><p class=\"callout-title\">")
                .Write(CalloutTitles[kind]).WriteLine("</p>");
            renderer.WriteChildren(obj);
            renderer.WriteLine("</aside>");
        }
    }
}

public sealed record RenderedMarkdown(string Html, IReadOnlyList<MarkdownFinding> Findings)
{
    /// <summary>The site URLs of the known pictures the text shows (<see cref="Picture"/>).</summary>
    public IReadOnlyList<string> Pictures { get; init; } = [];

    /// <summary>The glossary terms marked, in the order of their first use.</summary>
    public IReadOnlyList<GlossaryTerm> Terms { get; init; } = [];
}

/// <summary>A problem in a Markdown text; <see cref="Line"/> is 0-based within that text.</summary>
public sealed record MarkdownFinding(int Line, string Message);
