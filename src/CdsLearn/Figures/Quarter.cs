using CdsLearn.Certificates;
using CdsLearn.Rules;

namespace CdsLearn.Figures;

/// <summary>A calendar quarter in Vietnam time, the unit of the province's plans and reports.
/// Stored as one number, year × 10 + quarter (20264 is Q4/2026), so quarters sort and compare as integers.</summary>
public readonly record struct Quarter(int Year, int Number) : IComparable<Quarter>
{
    public int Key => Year * 10 + Number;

    public static Quarter FromKey(int key) => new(key / 10, key % 10);

    public static Quarter Of(DateOnly date) => new(date.Year, (date.Month + 2) / 3);

    public static Quarter Of(DateTime utc) => Of(VietnamTime.DateOf(utc));

    public DateOnly FirstDay => new(Year, Number * 3 - 2, 1);

    public DateOnly LastDay => Next.FirstDay.AddDays(-1);

    public Quarter Previous => Number == 1 ? new(Year - 1, 4) : new(Year, Number - 1);

    public Quarter Next => Number == 4 ? new(Year + 1, 1) : new(Year, Number + 1);

    /// <summary>The quarters from <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    public static IEnumerable<Quarter> Range(Quarter first, Quarter last)
    {
        for (var q = first; q.Key <= last.Key; q = q.Next)
        {
            yield return q;
        }
    }

    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        if (int.TryParse(text, out var key) && key % 10 is >= 1 and <= 4 && key / 10 is >= 2000 and <= 2200)
        {
            quarter = FromKey(key);
            return true;
        }
        return false;
    }

    /// <summary>A quarter as people write it on a command line: "2026-Q4" (also "Q4/2026", or the key 20264).</summary>
    public static bool TryParseText(string? text, out Quarter quarter)
    {
        var match = text is null ? null : System.Text.RegularExpressions.Regex.Match(text.Trim(),
            @"^(?:(?<year>\d{4})\s*-?\s*[Qq](?<number>[1-4])|[Qq](?<number>[1-4])\s*/\s*(?<year>\d{4}))$");
        if (match is { Success: true } && int.Parse(match.Groups["year"].Value, System.Globalization.CultureInfo.InvariantCulture) is var year and >= 2000 and <= 2200)
        {
            quarter = new Quarter(year, match.Groups["number"].Value[0] - '0');
            return true;
        }
        return TryParse(text?.Trim(), out quarter);
    }

    public int CompareTo(Quarter other) => Key.CompareTo(other.Key);

    /// <summary>"Quý 4/2026", as written in the province's reports.</summary>
    public string Label => $"Quý {Number}/{Year}";

    /// <summary>"Q4/2026", for chart axes.</summary>
    public string ShortLabel => $"Q{Number}/{Year}";

    public override string ToString() => Key.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
