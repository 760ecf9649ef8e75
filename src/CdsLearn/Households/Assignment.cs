namespace CdsLearn.Households;

/// <summary>A skill or a module a team member gives a household, or one of its members, to learn.
/// Its status is never stored: it is worked out from the learners' progress each time.</summary>
public class Assignment
{
    public int Id { get; set; }
    public int HouseholdId { get; set; }

    /// <summary>One member; null means the whole household (done when any member with an account has done it).</summary>
    public int? MemberId { get; set; }

    /// <summary>Exactly one of SkillId and ModuleId is set.</summary>
    public string? SkillId { get; set; }
    public string? ModuleId { get; set; }
    public DateOnly? DueOn { get; set; }
    public string? Note { get; set; }
    public required string CreatedByUserId { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>When it was done, kept by the figures (<see cref="Figures.FigureKeeper"/>) so overdue work can be
    /// counted without working out every status; the status shown to people is still derived from progress.</summary>
    public DateTime? DoneAt { get; set; }
}

public enum AssignmentStatus
{
    NotStarted,
    InProgress,
    Done,
    Overdue,
}
