using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CdsLearn.Content;

/// <summary>
/// A practice task ("Làm thử"): drawn screens of a phone app and the steps a learner performs on them (format in
/// content/README.md). Practice mode shows each step's hint after a wrong tap; the assessed mode grades on the server.
/// </summary>
public sealed record PracticeTask(
    string Id, string ModuleId, string SkillId, string Title, int Order, string IntroHtml,
    IReadOnlyList<PracticeScreen> Screens, IReadOnlyList<PracticeStep> Steps)
{
    public PracticeScreen? FindScreen(string id) => Screens.FirstOrDefault(s => s.Id == id);
}

/// <summary>One drawn screen: a title bar, then its elements top to bottom; the description is read to screen readers.</summary>
public sealed record PracticeScreen(string Id, string Title, string Description, IReadOnlyList<ScreenElement> Elements)
{
    public ScreenElement? FindElement(string id) => Elements.FirstOrDefault(e => e.Id == id);

    /// <summary>The elements a learner can act on (buttons, list items, fields).</summary>
    public IEnumerable<ScreenElement> Targets => Elements.Where(e => e.IsTarget);
}

public enum ScreenElementKind
{
    /// <summary>A line of text.</summary>
    Text,

    /// <summary>A framed block of text: a message, a notice, a detail to read carefully.</summary>
    Note,

    /// <summary>A labelled input the learner types into.</summary>
    Field,

    /// <summary>A button.</summary>
    Button,

    /// <summary>A row of a list (a menu entry, a message in an inbox, a choice).</summary>
    Item,
}

public sealed record ScreenElement(ScreenElementKind Kind, string? Id, string Text)
{
    public bool IsTarget => Kind is ScreenElementKind.Field or ScreenElementKind.Button or ScreenElementKind.Item;
}

/// <summary>One step: on <see cref="ScreenId"/>, act on <see cref="TargetId"/> (typing <see cref="Value"/> into a field).</summary>
public sealed record PracticeStep(int Number, string ScreenId, string Instruction, string TargetId, string? Value, string Hint)
{
    /// <summary>Whether an action on <paramref name="elementId"/> with <paramref name="typed"/> does this step.</summary>
    public bool IsDoneBy(string elementId, string? typed) =>
        elementId == TargetId && (Value is null || PracticeAnswer.Matches(typed, Value));
}

public static partial class PracticeAnswer
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>
    /// Typed values are compared leniently: blanks around and between words, letter case, the way a keyboard
    /// composes Vietnamese letters (precomposed or with combining marks), where the tone mark sits in an open oa, oe or
    /// uy ("hòa" or "hoà") and a full stop or comma typed at the end do not matter; the diacritics themselves do
    /// ("ma" is not "mã", "hoa" is not "hoá"). A value of digits also matches with blanks or dots between the digits
    /// ("0912 345 678"). wwwroot/js/practice.js repeats this for practice mode, which checks taps on the phone.
    /// </summary>
    public static bool Matches(string? typed, string expected)
    {
        var a = Normalize(typed ?? "");
        var b = Normalize(expected);
        if (a == b)
        {
            return true;
        }
        return IsNumber(a) && IsNumber(b) && Digits(a) == Digits(b);
    }

    public static string Normalize(string value)
    {
        var decomposed = value.Normalize(NormalizationForm.FormD).ToLower(Vietnamese);
        var toned = ToneOnFirstVowelOfOpenPair().Replace(decomposed, m => m.Groups["vowel"].Value + m.Groups["tone"].Value);
        var words = toned.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        // A full stop or comma typed at the end out of habit; one inside ("maybom-sieure.shop", "Hà. Nội") still counts,
        // and so does any other mark at either end ("*101#").
        return string.Join(' ', words).TrimEnd('.', ',', ' ');
    }

    // Two spellings are taught, and phone keyboards offer both ("bỏ dấu kiểu cũ/mới"): the tone of an open syllable
    // ending in oa, oe or uy goes on the o/u ("hóa", "khỏe", "thúy") or on the vowel after it ("hoá", "khoẻ", "thuý").
    // Here both are written the second way: in decomposed text a tone is a combining mark right after its letter, so it
    // moves one letter on. A letter or mark after the pair (hoàn, khoảng, ngoài, xoắn, quyết) makes a spelling with one
    // placement only, left alone; so is "ua" ("của"), whose tone always sits on the u.
    [GeneratedRegex(@"(?:(?<=o)(?<tone>[\u0300\u0301\u0303\u0309\u0323])(?<vowel>[ae])|(?<=u)(?<tone>[\u0300\u0301\u0303\u0309\u0323])(?<vowel>y))(?![\p{L}\p{M}])",
        RegexOptions.CultureInvariant)]
    private static partial Regex ToneOnFirstVowelOfOpenPair();

    private static bool IsNumber(string value) => value.Any(char.IsAsciiDigit) && value.All(c => char.IsAsciiDigit(c) || c is ' ' or '.');

    private static string Digits(string value) => new(value.Where(char.IsAsciiDigit).ToArray());
}
