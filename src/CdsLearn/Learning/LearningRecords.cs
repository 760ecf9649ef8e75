namespace CdsLearn.Learning;

/// <summary>
/// Ids for the attempts and draws a quiz or practice page hands out. Time-ordered (UUID version 7, 74 random bits): an
/// attempt's key and its draw's key go to the end of their indexes instead of a random page of each, which halved the
/// pages SQLite writes per submission in the learner loop (tools/BENCHMARKS.md); PostgreSQL's indexes gain the same.
/// With JavaScript, the page's attempt id is replaced by one of the same kind made on the phone (submit-once.js).
/// </summary>
public static class AttemptIds
{
    public static Guid New() => Guid.CreateVersion7();
}

public class LessonRead
{
    public required string UserId { get; set; }
    public required string LessonId { get; set; }
    public DateTime ReadAt { get; set; }
}

/// <summary>
/// One graded quiz attempt. Its id is made by the client before submitting, so a double tap or a resend after a
/// dropped connection finds the attempt already stored instead of counting it twice.
/// </summary>
public class QuizAttempt
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public required string ModuleId { get; set; }
    public required string SkillId { get; set; }
    public DateTime SubmittedAt { get; set; }
    public int Correct { get; set; }
    public int Total { get; set; }
    public int ScorePercent { get; set; }
    public int PassPercent { get; set; }
    public bool Passed { get; set; }

    /// <summary>The drawn questions with their shown option order and the chosen options, as JSON (see <see cref="AttemptSheet"/>).</summary>
    public required string SheetJson { get; set; }

    /// <summary>The draw this attempt graded (<see cref="QuizDraw.Id"/>), unique: one draw grades one attempt. Null for
    /// attempts stored before draws had ids.</summary>
    public Guid? DrawId { get; set; }

    /// <summary>The team member whose phone the learner used in an assisted session ("Học cùng tổ").</summary>
    public string? AssistedByUserId { get; set; }
}

/// <summary>
/// One graded attempt at an assessed practice task ("Làm bài chấm điểm"). Like a quiz attempt, its id comes from the
/// client, so a resend is found instead of counted twice; <see cref="DrawId"/> is unique, so one page (one draw
/// token) grades one attempt only.
/// </summary>
public class PracticeAttempt
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public required string TaskId { get; set; }
    public required string ModuleId { get; set; }
    public required string SkillId { get; set; }
    public Guid DrawId { get; set; }
    public DateTime SubmittedAt { get; set; }
    public int StepsRight { get; set; }
    public int StepsTotal { get; set; }
    public bool Passed { get; set; }

    /// <summary>Each step's element, typed value and verdict, as JSON (see <see cref="GradedPractice"/>).</summary>
    public required string StepsJson { get; set; }

    /// <summary>The team member whose phone the learner used in an assisted session ("Học cùng tổ").</summary>
    public string? AssistedByUserId { get; set; }
}
