using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace CdsLearn.Content;

/// <summary>A picture of the course as a lesson shows it: its versioned URL, its drawn size (so the page does not
/// jump when it arrives) and what it costs a phone to download.</summary>
/// <param name="Url">Site URL with <c>?v=</c> its content hash.</param>
/// <param name="Width">From the SVG's width; 0 when not known (not an SVG, or a broken one).</param>
/// <param name="CompressedBytes">Gzipped size, as the site sends it.</param>
public sealed record Picture(string Url, int Width, int Height, int CompressedBytes)
{
    /// <summary>The file's size: what a phone keeps when the picture is saved for offline reading.</summary>
    public int Bytes { get; init; }

    /// <summary>Each picture, gzipped, at most 4 KB (issue 17).</summary>
    public const int MaxCompressedBytes = 4 * 1024;

    /// <summary>A lesson's text and pictures, compressed, at most 30 KB.</summary>
    public const int MaxLessonCompressedBytes = 30 * 1024;

    /// <summary>A description read aloud needs to say what the picture shows and where to look.</summary>
    public const int MinDescriptionWords = 5;

    /// <summary>Reads a picture file, checking it; problems go to <paramref name="report"/> (line, message, is error).</summary>
    public static Picture Read(string path, string url, Action<int, string, bool> report)
    {
        var bytes = File.ReadAllBytes(path);
        var compressed = ContentAssets.Gzip(bytes).Length;
        if (compressed > MaxCompressedBytes)
        {
            report(1, $"the picture is {compressed} bytes gzipped; a picture is at most {MaxCompressedBytes} (aim for 2048): remove editor metadata, round coordinates", true);
        }
        var (width, height) = Path.GetExtension(path).Equals(".svg", StringComparison.OrdinalIgnoreCase)
            ? SvgRules.Check(bytes, report) ?? (0, 0)
            : (0, 0);
        return new Picture($"{url}?{ContentAssets.VersionParameter}={ContentAssets.Hash(bytes)}", width, height, compressed) { Bytes = bytes.Length };
    }
}

/// <summary>
/// What a course SVG may hold (content/README.md, "Pictures"): a small drawing made of shapes and text, nothing that
/// runs, loads or links anything. The site serves pictures under a sandboxing CSP as well; these rules keep the file
/// itself harmless wherever it is opened, and small.
/// </summary>
public static class SvgRules
{
    public const int MaxWidth = 360;
    public const int MaxHeight = 480;
    public const int MinFontSize = 13;

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const string XLink = "http://www.w3.org/1999/xlink";

    public static readonly IReadOnlySet<string> AllowedElements = new HashSet<string>(StringComparer.Ordinal)
    {
        "svg", "g", "rect", "circle", "ellipse", "line", "polyline", "polygon", "path", "text", "tspan", "title", "defs", "marker", "use",
    };

    /// <summary>Checks an SVG; returns its width and height when the root is well formed.</summary>
    public static (int Width, int Height)? Check(byte[] bytes, Action<int, string, bool> report)
    {
        XDocument document;
        try
        {
            using var stream = new MemoryStream(bytes);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            report(Math.Max(1, e.LineNumber), $"the picture is not well-formed XML: {e.Message}", true);
            return null;
        }
        var root = document.Root!;
        (int, int)? size = null;
        if (root.Name != Svg + "svg")
        {
            report(LineOf(root), "the picture's root must be <svg xmlns=\"http://www.w3.org/2000/svg\" …>", true);
        }
        else
        {
            size = CheckSize(root, report);
        }
        foreach (var element in document.Descendants())
        {
            var line = LineOf(element);
            if (element.Name.Namespace != Svg || !AllowedElements.Contains(element.Name.LocalName))
            {
                report(line, $"<{element.Name.LocalName}> is not allowed in a picture; use only {string.Join(", ", AllowedElements)}", true);
            }
            foreach (var attribute in element.Attributes())
            {
                CheckAttribute(attribute, line, report);
            }
            if (element.Name.LocalName is "text" or "tspan" or "g" && Number((string?)element.Attribute("font-size")) is { } fontSize && fontSize < MinFontSize)
            {
                report(line, $"font-size {fontSize.ToString(CultureInfo.InvariantCulture)} is too small to read on a phone; use at least {MinFontSize}", false);
            }
        }
        return size;
    }

    private static (int, int)? CheckSize(XElement root, Action<int, string, bool> report)
    {
        var line = LineOf(root);
        var width = Number((string?)root.Attribute("width"));
        var height = Number((string?)root.Attribute("height"));
        if (width is null || height is null)
        {
            report(line, "the picture needs width and height in pixels (and viewBox=\"0 0 W H\" to match): pages keep its place while it loads", true);
            return null;
        }
        if (width > MaxWidth || height > MaxHeight || width <= 0 || height <= 0)
        {
            report(line, $"the picture is {width}×{height}; at most {MaxWidth} wide (use 320) and {MaxHeight} high", true);
        }
        var viewBox = ((string?)root.Attribute("viewBox"))?.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Select(Number).ToList();
        if (viewBox is not [0, 0, { } w, { } h] || w != width || h != height)
        {
            report(line, $"the picture needs viewBox=\"0 0 {width} {height}\" (the same size as width and height)", true);
        }
        return ((int)Math.Round(width.Value), (int)Math.Round(height.Value));
    }

    private static void CheckAttribute(XAttribute attribute, int line, Action<int, string, bool> report)
    {
        var name = attribute.Name;
        var value = attribute.Value.Trim();
        if (attribute.IsNamespaceDeclaration)
        {
            if (value != Svg.NamespaceName && value != XLink)
            {
                report(line, $"namespace '{value}' is not allowed (editor metadata): keep only the SVG and xlink namespaces", true);
            }
            return;
        }
        if (name.Namespace != XNamespace.None && name.Namespace != XLink)
        {
            report(line, $"attribute '{name.LocalName}' from '{name.NamespaceName}' is not allowed (editor metadata)", true);
            return;
        }
        if (name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase))
        {
            report(line, $"attribute '{name.LocalName}' is not allowed: a picture runs no script", true);
        }
        else if (name.LocalName == "href")
        {
            if (!value.StartsWith('#'))
            {
                report(line, $"href '{value}' must point inside the picture ('#id')", true);
            }
        }
        else if (value.Contains("://", StringComparison.Ordinal) || value.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
                 || value.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
        {
            report(line, $"attribute '{name.LocalName}' refers outside the picture: a picture loads nothing from elsewhere", true);
        }
        for (var at = value.IndexOf("url(", StringComparison.OrdinalIgnoreCase); at >= 0; at = value.IndexOf("url(", at + 4, StringComparison.OrdinalIgnoreCase))
        {
            if (!value[(at + 4)..].TrimStart(' ', '"', '\'').StartsWith('#'))
            {
                report(line, $"attribute '{name.LocalName}' uses url(…) outside the picture; only url(#id) is allowed", true);
                break;
            }
        }
    }

    private static double? Number(string? text)
    {
        text = text?.Trim();
        if (text is not null && text.EndsWith("px", StringComparison.Ordinal))
        {
            text = text[..^2];
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static int LineOf(XObject node) => node is IXmlLineInfo { } info && info.HasLineInfo() ? info.LineNumber : 1;
}
