using System.Security.Cryptography;
using System.Text;

namespace CdsLearn.Certificates;

/// <summary>Short public codes like "7KQ2-M9XD": no 0/O, 1/I/L, easy to read aloud and type on a phone.</summary>
public static class CertificateCode
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string New()
    {
        var chars = new char[8];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return new string(chars, 0, 4) + "-" + new string(chars, 4, 4);
    }

    /// <summary>The canonical form of a typed code (any case, spaces or dashes), or null if it cannot be one.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null)
        {
            return null;
        }
        var letters = new StringBuilder();
        foreach (var c in typed.ToUpperInvariant())
        {
            if (Alphabet.Contains(c, StringComparison.Ordinal))
            {
                letters.Append(c);
            }
            else if (c is not (' ' or '-'))
            {
                return null;
            }
        }
        return letters.Length == 8 ? letters.ToString(0, 4) + "-" + letters.ToString(4, 4) : null;
    }
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
