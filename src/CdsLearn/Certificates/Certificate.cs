namespace CdsLearn.Certificates;

public class Certificate
{
    /// <summary>The skill id of the "Công dân số" certificate, held with all required skills.</summary>
    public const string DigitalCitizen = "cong-dan-so";

    public int Id { get; set; }

    /// <summary>The short public code printed on the certificate, e.g. "7KQ2-M9XD".</summary>
    public required string Code { get; set; }

    public required string UserId { get; set; }
    public required string HolderName { get; set; }
    public required string SkillId { get; set; }
    public DateTime IssuedAt { get; set; }
    public required string Province { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }
    public string? RevokedByUserId { get; set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>The issue date as printed and signed: the date in Vietnam (UTC+7 all year, no daylight saving),
    /// so a certificate earned at 6 in the morning does not carry yesterday's date.</summary>
    public DateOnly IssuedOn => VietnamTime.DateOf(IssuedAt);

    public DateOnly? RevokedOn => RevokedAt is { } at ? VietnamTime.DateOf(at) : null;
}

public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(utc + Offset);
}
