namespace CdsLearn.Contests;

public enum ContestMode
{
    /// <summary>"Rung chuông vàng": a wrong (or missing) answer takes the player out.</summary>
    Elimination,

    /// <summary>Every question counts; faster right answers score more.</summary>
    Points,
}

public enum ContestPhase
{
    /// <summary>Open for joining; no question shown yet.</summary>
    Lobby,

    /// <summary>A question is open until <see cref="Contest.QuestionClosesAt"/>.</summary>
    Question,

    /// <summary>The current question is locked and its answer shown.</summary>
    Revealed,

    Finished,
}

/// <summary>
/// A live quiz contest at a village meeting. Its whole running state lives here (not in memory), so the host's
/// reload or a server restart picks it up where it was.
/// </summary>
public class Contest
{
    public int Id { get; set; }

    /// <summary>Short, typeable, no look-alike characters; shown big and as a QR.</summary>
    public required string Code { get; set; }

    public required string Title { get; set; }
    public int CommuneId { get; set; }
    public int? VillageId { get; set; }
    public required string HostUserId { get; set; }
    public ContestMode Mode { get; set; }
    public int SecondsPerQuestion { get; set; }
    public ContestPhase Phase { get; set; }

    /// <summary>The position of the current question (0-based), -1 before the first.</summary>
    public int CurrentIndex { get; set; } = -1;

    public DateTime? QuestionOpenedAt { get; set; }
    public DateTime? QuestionClosesAt { get; set; }
    public bool RescueUsed { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    /// <summary>The secret in the big screen's own link (/man-hinh/{key}): the TV at the culture house shows the board
    /// without anyone signing in on it. Null when the host has not made one or turned it off; a new one ends the old.</summary>
    public string? ScreenKey { get; set; }

    public List<ContestQuestion> Questions { get; set; } = [];
}

/// <summary>A question of the contest, copied from the course when the contest was made, so a later change of the
/// course does not change a contest under way or its saved results.</summary>
public class ContestQuestion
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public int Position { get; set; }
    public required string ModuleId { get; set; }
    public int QuestionNumber { get; set; }
    public required string Text { get; set; }

    /// <summary>The option texts, one per line, in the order shown.</summary>
    public required string OptionsText { get; set; }

    /// <summary>The position (0-based) of the right option in <see cref="OptionsText"/>.</summary>
    public int CorrectOption { get; set; }

    public string Explanation { get; set; } = "";

    public IReadOnlyList<string> Options => OptionsText.Split('\n');
}

/// <summary>A seat in the contest: a phone, with or without an account. The seat token lives only on the phone (a
/// cookie); the database keeps its hash.</summary>
public class ContestPlayer
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public required string SeatTokenHash { get; set; }
    public required string DisplayName { get; set; }
    public string? UserId { get; set; }
    public bool Eliminated { get; set; }

    /// <summary>The question (0-based) at which the player went out, for ranking who lasted longest.</summary>
    public int? EliminatedAt { get; set; }

    public int Score { get; set; }
    public int RightAnswers { get; set; }
    public DateTime JoinedAt { get; set; }
}

/// <summary>One answer; unique per (player, question), so a repeated submit is not counted twice.</summary>
public class ContestAnswer
{
    public long Id { get; set; }
    public int ContestId { get; set; }
    public int PlayerId { get; set; }
    public int Position { get; set; }
    public int Option { get; set; }
    public DateTime AnsweredAt { get; set; }
}
