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
}
