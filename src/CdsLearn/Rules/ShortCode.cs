using System.Security.Cryptography;

namespace CdsLearn.Rules;

/// <summary>
/// The short codes people read aloud, copy off a screen and type on a phone: household join codes, certificate codes,
/// contest codes, big-screen keys and team-made user names. One alphabet without the look-alikes 0/O and 1/I/L, one
/// generator, one way to read back what someone typed.
/// </summary>
public static class ShortCode
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary><paramref name="length"/> characters of <see cref="Alphabet"/>, from the system's secure random source.</summary>
    public static string New(int length) => new(RandomNumberGenerator.GetItems(Alphabet.AsSpan(), length));

    /// <summary>What someone typed, the way codes are stored: capitals, blanks and dashes dropped; null when the rest
    /// is not exactly <paramref name="length"/> characters of the alphabet.</summary>
    public static string? Normalize(string? typed, int length)
    {
        if (typed is null)
        {
            return null;
        }
        var code = new string(typed.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());
        return code.Length == length && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? code : null;
    }
}
