using System.Text.RegularExpressions;

namespace CdsLearn.Content;

/// <summary>
/// How long a lesson is, the one rule the linter, the stats and the writers' script (/work/notes/words.py) share:
/// whitespace tokens holding a letter or digit (a Vietnamese syllable, a number) in the body; image markup, link
/// targets and <c>:::</c> lines are not read, so they are not counted.
/// </summary>
public static partial class LessonLength
{
    /// <summary>Above this a lesson is an error (writers aim for 300–380).</summary>
    public const int MaxWords = 450;

    /// <summary>The course's mean lesson length may not go above this.</summary>
    public const int MaxMeanWords = 380;

    [GeneratedRegex(@"!\[[^\]]*\]\([^)]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\]\([^)]*\)")]
    private static partial Regex LinkTarget();

    /// <summary>The words of a body (front matter already removed).</summary>
    public static int Count(string body)
    {
        var words = 0;
        foreach (var raw in body.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith(":::", StringComparison.Ordinal))
            {
                continue;
            }
            line = LinkTarget().Replace(Image().Replace(line, " "), "] ");
            foreach (var token in line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                if (token.Any(IsWordCharacter))
                {
                    words++;
                }
            }
        }
        return words;
    }

    /// <summary>Python's <c>\w</c>, as words.py reads it: letters, numbers and '_'.</summary>
    private static bool IsWordCharacter(char c) => char.IsLetterOrDigit(c) || char.IsNumber(c) || c == '_';
}
