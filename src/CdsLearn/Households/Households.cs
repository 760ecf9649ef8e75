namespace CdsLearn.Households;

/// <summary>A community digital technology team (Tổ CNSCĐ): one per village, or commune-level when VillageId is null.</summary>
public class Team
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int CommuneId { get; set; }
    public int? VillageId { get; set; }
    public List<TeamMember> Members { get; set; } = [];
}

public class TeamMember
{
    public int TeamId { get; set; }
    public required string UserId { get; set; }
    public bool IsLeader { get; set; }

    /// <summary>When the worker last did outreach work (registered a household, gave an assignment, helped someone
    /// through a quiz), kept by <see cref="Figures.FigureKeeper"/> so the dashboard counts workers active in the last
    /// 30 days from this small table alone.</summary>
    public DateTime? LastActiveAt { get; set; }
}

public class Household
{
    public int Id { get; set; }
    public int VillageId { get; set; }
    public required string Code { get; set; }
    public required string HeadName { get; set; }

    /// <summary>Printed as a QR so a family member can register and be linked to this household.</summary>
    public required string JoinCode { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The team worker who registered the household (null for imports from before this was kept).</summary>
    public string? CreatedByUserId { get; set; }

    /// <summary>Code, head and member names folded to lower case without diacritics, so "lo thi hoa" finds
    /// "Lò Thị Hoa" on any database. Kept up to date by <see cref="HouseholdEditor"/>.</summary>
    public string SearchText { get; set; } = "";

    public List<HouseholdMember> Members { get; set; } = [];
}

/// <summary>A person of a household. Only the minimum is kept: name, birth year, optional phone; never ethnicity or ID numbers.</summary>
public class HouseholdMember
{
    public int Id { get; set; }
    public int HouseholdId { get; set; }
    public required string FullName { get; set; }
    public int? BirthYear { get; set; }
    public string? Phone { get; set; }

    /// <summary>The member's account, when they have one.</summary>
    public string? UserId { get; set; }
}
