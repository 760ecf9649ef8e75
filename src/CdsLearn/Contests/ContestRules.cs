using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CdsLearn.Rules;

namespace CdsLearn.Contests;

/// <summary>The pure rules of a contest: scoring, names, codes, seats.</summary>
public static class ContestRules
{
    public const int DisplayNameMaxLength = 40;

    public const int MinSeconds = 5;

    public const int MaxSeconds = 120;

    public const int MaxQuestions = 50;

    public const int MaxPoints = 1000;

    public const int CodeLength = 6;

    /// <summary>
    /// Points mode: a right answer scores 1000 × (1 − 0.5 × elapsed / limit), so an instant answer scores 1000 and one
    /// at the last moment 500; a wrong or missing answer scores 0.
    /// </summary>
    public static int Points(TimeSpan elapsed, TimeSpan limit)
    {
        var share = limit <= TimeSpan.Zero ? 1 : Math.Clamp(elapsed / limit, 0, 1);
        return (int)Math.Round(MaxPoints * (1 - 0.5 * share), MidpointRounding.AwayFromZero);
    }

    /// <summary>A display name as shown to everyone: control and invisible characters dropped, spaces collapsed,
    /// at most 40 characters; null when nothing is left.</summary>
    public static string? CleanDisplayName(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        var builder = new StringBuilder();
        var space = false;
        foreach (var c in raw.Normalize(NormalizationForm.FormC))
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }
            if (char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                continue;
            }
            if (space)
            {
                builder.Append(' ');
                space = false;
            }
            builder.Append(c);
        }
        var text = builder.ToString();
        if (text.Length > DisplayNameMaxLength)
        {
            // Cut on a whole character (a letter with its marks), never inside one.
            var length = 0;
            var elements = StringInfo.GetTextElementEnumerator(text);
            while (elements.MoveNext() && length + elements.GetTextElement().Length <= DisplayNameMaxLength)
            {
                length += elements.GetTextElement().Length;
            }
            text = text[..length].TrimEnd();
        }
        return text.Length == 0 ? null : text;
    }

    /// <summary>What someone typed as a code, the way codes are stored: capitals, no spaces or dashes; null when it
    /// cannot be a code.</summary>
    public static string? NormalizeCode(string? raw) => ShortCode.Normalize(raw, CodeLength);

    /// <summary>A join code (<see cref="ShortCode"/>: easy to read off a TV and type).</summary>
    public static string NewCode() => ShortCode.New(CodeLength);

    /// <summary>A big screen's link secret: 16 characters of the code alphabet (about 79 bits), typeable with a TV remote.</summary>
    public const int ScreenKeyLength = 16;

    public static string NewScreenKey() => ShortCode.New(ScreenKeyLength);

    public static string NewSeatToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    public static string HashSeatToken(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Who won: in the elimination game whoever is still in (else whoever lasted longest); in the points
    /// game the three best scores (ties included).</summary>
    public static IReadOnlyList<ContestPlayer> Winners(Contest contest, IReadOnlyCollection<ContestPlayer> players)
    {
        if (players.Count == 0)
        {
            return [];
        }
        if (contest.Mode == ContestMode.Elimination)
        {
            var standing = players.Where(p => !p.Eliminated).OrderBy(p => p.DisplayName, StringComparer.Ordinal).ToList();
            if (standing.Count > 0)
            {
                return standing;
            }
            var longest = players.Max(p => (p.EliminatedAt ?? -1, p.RightAnswers));
            return longest.Item1 < 0 && longest.RightAnswers == 0 ? [] : players.Where(p => (p.EliminatedAt ?? -1, p.RightAnswers) == longest).ToList();
        }
        var ranked = players.Where(p => p.Score > 0).OrderByDescending(p => p.Score).ToList();
        if (ranked.Count <= 3)
        {
            return ranked;
        }
        var third = ranked[2].Score;
        return ranked.TakeWhile(p => p.Score >= third).ToList();
    }
}
