using System.Buffers;
using System.Globalization;

namespace CdsLearn.Imports;

/// <summary>
/// What text the site stores as people typed it: no NUL or other C0/C1 control characters, no invisible format
/// characters such as U+202E (which flips how a name reads), no U+FFFD (the mark of text already decoded wrongly once).
/// Imports refuse such a field; forms refuse such an input.
/// </summary>
public static class PlainText
{
    private static readonly SearchValues<char> Unprintable = SearchValues.Create(
        [.. Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c)
            .Where(c => char.IsControl(c) || c == '\uFFFD' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)]);

    private static readonly SearchValues<char> UnprintableButLineBreaks = SearchValues.Create(
        [.. Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(c => Unprintable.Contains(c) && c is not ('\r' or '\n' or '\t'))]);

    /// <summary>The index of the first character that may not be stored, or -1. Multi-line text (a note, a report)
    /// may hold line breaks and tabs.</summary>
    public static int IndexOfUnprintable(ReadOnlySpan<char> text, bool multiLine = false) =>
        text.IndexOfAny(multiLine ? UnprintableButLineBreaks : Unprintable);
}
