namespace CdsLearn.Voices;

public enum VoiceStatus
{
    /// <summary>"Chờ duyệt": recorded, not yet heard by a reviewer.</summary>
    Waiting,

    /// <summary>"Đã duyệt": published to learners.</summary>
    Approved,

    /// <summary>"Bị từ chối", with the reviewer's note.</summary>
    Rejected,

    /// <summary>"Cần đọc lại": the section's text changed since it was recorded; no longer published.</summary>
    NeedsRereading,
}

/// <summary>
/// One team member's reading of one section of a lesson (or practice task) in one language. A new reading of the
/// same section replaces the file and waits for review again. The file lives in the <see cref="IAudioStore"/> under
/// its content hash, never in the database.
/// </summary>
public class VoiceRecording
{
    public int Id { get; set; }

    /// <summary>The lesson's or practice task's id.</summary>
    public required string ItemId { get; set; }

    public required string SectionKey { get; set; }

    /// <summary><see cref="Content.LessonSection.Hash"/> of the text as it was when recorded.</summary>
    public required string SectionHash { get; set; }

    public required string Language { get; set; }

    public required string RecorderId { get; set; }

    /// <summary>The recorder's team at the time: its commune decides who reviews the recording.</summary>
    public int TeamId { get; set; }

    public int CommuneId { get; set; }

    public VoiceStatus Status { get; set; }

    public required string FileHash { get; set; }

    public AudioContainer Container { get; set; }

    public int Bytes { get; set; }

    public int DurationMs { get; set; }

    public DateTime RecordedAt { get; set; }

    public string? ReviewerId { get; set; }

    public string? ReviewNote { get; set; }

    public DateTime? ReviewedAt { get; set; }

    public string FileName => AudioFiles.NameOf(FileHash, Container);
}

/// <summary>
/// A team member's consent to have their voice recorded and published (a voice is personal data): who, when, and the
/// exact text they agreed to; and whether their name may be shown under the recordings. A withdrawal (Decree 13/2023)
/// closes the row and keeps it, so the history of consents given and withdrawn stays; consenting again adds a new row.
/// At most one row per user is open (<see cref="WithdrawnAt"/> null): the consent in force.
/// </summary>
public class VoiceConsent
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    public required string SpeakerName { get; set; }

    public bool ShowName { get; set; }

    public required string ConsentText { get; set; }

    public DateTime GivenAt { get; set; }

    /// <summary>When the person withdrew this consent (their recordings were deleted then); null while it is in force.</summary>
    public DateTime? WithdrawnAt { get; set; }
}

/// <summary>
/// An upload under way (tus-like): created once per client id, appended at its offset, completed once. The bytes
/// received so far are in the <see cref="IAudioStore"/>'s parts.
/// </summary>
public class VoiceUpload
{
    public required string Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>The browser's own id for this recording, so a repeated "create" finds the same upload.</summary>
    public required string ClientId { get; set; }

    public required string ItemId { get; set; }

    public required string SectionKey { get; set; }

    public required string Language { get; set; }

    /// <summary>The team the reading is recorded for (a member of several teams chooses); null: their first team.</summary>
    public int? TeamId { get; set; }

    public int Length { get; set; }

    public int Offset { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Set once the file was checked and stored: a repeated last chunk then changes nothing.</summary>
    public int? RecordingId { get; set; }
}
