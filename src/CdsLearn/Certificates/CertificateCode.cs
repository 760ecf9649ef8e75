using CdsLearn.Rules;

namespace CdsLearn.Certificates;

/// <summary>Short public codes like "7KQ2-M9XD" (<see cref="ShortCode"/>'s alphabet), in two groups of four.</summary>
public static class CertificateCode
{
    public static string New() => Format(ShortCode.New(8));

    /// <summary>The canonical form of a typed code (any case, spaces or dashes), or null if it cannot be one.</summary>
    public static string? Normalize(string? typed) => ShortCode.Normalize(typed, 8) is { } code ? Format(code) : null;

    private static string Format(string code) => code[..4] + "-" + code[4..];
}

public static class NameMasker
{
    /// <summary>"Nguyễn Văn An" → "Nguyễn V. A.": the family name and initials, enough to recognise, too little to misuse.</summary>
    public static string Mask(string fullName)
    {
        // Any whitespace separates words (tabs, line breaks, no-break spaces pasted into forms), else a name part
        // would slip through unmasked.
        var parts = fullName.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch
        {
            0 => "",
            1 => parts[0][..1].ToUpperInvariant() + ".",
            _ => parts[0] + " " + string.Join(' ', parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + ".")),
        };
    }
}
