using System.Globalization;
using System.Text;

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

public static class PracticeAnswer
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>
    /// Typed values are compared leniently: blanks around and between words, letter case, and the way a keyboard
    /// composes Vietnamese letters (precomposed or with combining marks) do not matter; the diacritics themselves do
    /// ("ma" is not "mã"). A value of digits also matches with blanks or dots between the digits ("0912 345 678").
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
        var words = value.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words).ToLower(Vietnamese);
    }

    private static bool IsNumber(string value) => value.Any(char.IsAsciiDigit) && value.All(c => char.IsAsciiDigit(c) || c is ' ' or '.');

    private static string Digits(string value) => new(value.Where(char.IsAsciiDigit).ToArray());
}
