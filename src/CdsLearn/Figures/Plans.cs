namespace CdsLearn.Figures;

/// <summary>
/// A quarter's focus, as the province's quarterly topic plans set it: by the end of <see cref="Quarter"/>,
/// <see cref="Percent"/> % of households have at least one member holding <see cref="SkillId"/> (a skill of the
/// course, or "cong-dan-so"). Set by the province (CommuneId null, for every commune without its own) or by a commune.
/// </summary>
public class QuarterTarget
{
    public int Id { get; set; }
    public int? CommuneId { get; set; }
    public int Quarter { get; set; }
    public required string SkillId { get; set; }
    public int Percent { get; set; }
    public required string SetByUserId { get; set; }
    public DateTime SetAt { get; set; }
}

/// <summary>What a commune adds to its quarterly report by hand: the difficulties and proposals the numbers cannot say.</summary>
public class CommuneReportNote
{
    public int CommuneId { get; set; }
    public int Quarter { get; set; }
    public string Difficulties { get; set; } = "";
    public required string UpdatedByUserId { get; set; }
    public DateTime UpdatedAt { get; set; }
}
