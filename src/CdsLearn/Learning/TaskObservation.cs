namespace CdsLearn.Learning;

/// <summary>
/// "Tổ xác nhận": a team member saw the person do one of a skill's real tasks (<see cref="Content.ObservedTask"/>)
/// by themselves on their own phone. One per person and task; stored on the person's account (the team-made one for
/// a person without their own), so it follows them like their quiz attempts and certificates do.
/// </summary>
public class TaskObservation
{
    public long Id { get; set; }

    /// <summary>The person who did the task.</summary>
    public required string UserId { get; set; }

    /// <summary>The task's id in the course (stable: see content/README.md).</summary>
    public required string TaskId { get; set; }

    public required string SkillId { get; set; }

    /// <summary>The team worker who saw it.</summary>
    public required string ObservedByUserId { get; set; }

    public DateTime ObservedAt { get; set; }

    /// <summary>The recorder's team that serves the person's village (null when someone outside a team, a commune
    /// officer say, recorded it): the certificate names it.</summary>
    public int? TeamId { get; set; }

    /// <summary>Set when the person says "Tôi không làm việc này": the record then counts for nothing.</summary>
    public DateTime? DisputedAt { get; set; }
}
