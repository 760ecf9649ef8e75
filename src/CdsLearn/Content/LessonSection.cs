using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CdsLearn.Content;

/// <summary>
/// A part of a lesson that a team member records on its own: the opening (before the first <c>##</c>), then each
/// <c>##</c> part; or one step of a practice task. <see cref="Index"/> places it on the lesson page (0 the opening,
/// n the n-th <c>h2</c>); <see cref="Hash"/> is of the text read aloud, so that a changed text (and only that) asks
/// for a new reading while a moved picture or link does not.
/// </summary>
public sealed record LessonSection(int Index, string Key, string Title, string Text)
{
    public string Hash { get; } = HashOf(Text);

    public static string HashOf(string text)
    {
        var normalized = string.Join(' ', text.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)))[..16];
    }
}

/// <summary>Cuts a lesson's Markdown into <see cref="LessonSection"/>s, and a practice task into its steps.</summary>
public static partial class LessonSections
{
    public const string OpeningKey = "mo-dau";

    [GeneratedRegex(@"!\[[^\]]*\]\([^)]*\)")]
    private static partial Regex Picture();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"[*_`]{1,3}")]
    private static partial Regex Emphasis();

    public static IReadOnlyList<LessonSection> Split(string markdown)
    {
        var sections = new List<LessonSection>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        string title = "Mở đầu", key = OpeningKey;
        var index = 0;
        var text = new StringBuilder();
        void Close()
        {
            var body = text.ToString().Trim();
            if (body.Length > 0 || index > 0)
            {
                sections.Add(new LessonSection(index, key, title, body));
            }
            text.Clear();
        }
        foreach (var raw in markdown.Replace("\r\n", "\n").Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                Close();
                index++;
                title = line[3..].Trim();
                key = UniqueKey(Slug(title), keys);
                continue;
            }
            if (line.TrimStart().StartsWith(":::", StringComparison.Ordinal))
            {
                continue;
            }
            var plain = Emphasis().Replace(Link().Replace(Picture().Replace(line.TrimStart('#', ' '), ""), "$1"), "").Trim();
            // Blank lines (and the lines of a removed picture or block marker) keep at most one empty line between paragraphs.
            if (plain.Length > 0 || (text.Length > 0 && !text.ToString().EndsWith("\n\n", StringComparison.Ordinal)))
            {
                text.Append(plain).Append('\n');
            }
        }
        Close();
        return sections;
    }

    /// <summary>A practice task's steps: what each one asks, read aloud before the learner taps.</summary>
    public static IReadOnlyList<LessonSection> Of(PracticeTask task) =>
        task.Steps.Select((s, i) => new LessonSection(i + 1, $"buoc-{s.Number}", $"Bước {s.Number}", s.Instruction)).ToList();

    private static string UniqueKey(string slug, HashSet<string> taken)
    {
        var key = slug.Length == 0 ? "phan" : slug;
        for (var n = 2; !taken.Add(key); n++)
        {
            key = $"{slug}-{n}";
        }
        return key;
    }

    /// <summary>"Cài ứng dụng VNeID" → "cai-ung-dung-vneid".</summary>
    public static string Slug(string title)
    {
        var plain = new StringBuilder();
        foreach (var c in title.Replace('đ', 'd').Replace('Đ', 'D').Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                plain.Append(char.ToLowerInvariant(c));
            }
            else if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark
                     && plain.Length > 0 && plain[^1] != '-')
            {
                plain.Append('-');
            }
        }
        var slug = plain.ToString().Trim('-');
        return slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
    }
}
