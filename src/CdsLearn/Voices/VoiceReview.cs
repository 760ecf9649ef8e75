using CdsLearn.Data;
using CdsLearn.Households;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Voices;

public enum VoiceDecision
{
    Approve,
    Reject,
}

/// <summary>
/// Reviewing recordings: a commune officer hears their commune's teams' recordings, province staff every one. The
/// recording is loaded through the reviewer's <see cref="Scope"/>: an id outside it is not found, whatever field it came in.
/// </summary>
public sealed class VoiceReview(AppDbContext db, TimeProvider clock, VoicePublications publications)
{
    public const int MaxNoteLength = 300;

    public static IQueryable<VoiceRecording> Reviewable(Scope scope, AppDbContext db)
    {
        if (scope.WholeProvince)
        {
            return db.VoiceRecordings;
        }
        var communes = scope.OfficerOf.ToList();
        return db.VoiceRecordings.Where(r => communes.Contains(r.CommuneId));
    }

    /// <summary>What the reviewer has to hear: waiting first, then the latest decisions.</summary>
    public Task<List<VoiceRecording>> ListAsync(Scope scope, CancellationToken cancellationToken) =>
        Reviewable(scope, db).AsNoTracking()
            .OrderBy(r => r.Status == VoiceStatus.Waiting ? 0 : 1).ThenByDescending(r => r.RecordedAt)
            .Take(200).ToListAsync(cancellationToken);

    /// <summary>A recording the user may hear before it is published: their own, or one they review.</summary>
    public Task<VoiceRecording?> FindAudibleAsync(Scope scope, string userId, int id, CancellationToken cancellationToken) =>
        db.VoiceRecordings.AsNoTracking().Where(r => r.Id == id)
            .Where(r => r.RecorderId == userId || Reviewable(scope, db).Select(x => x.Id).Contains(r.Id))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Records the decision; null when done, else the Vietnamese field error. Out of scope: <see cref="OutOfScopeException"/>.</summary>
    public async Task<string?> DecideAsync(Scope scope, string reviewerId, int recordingId, VoiceDecision decision, string? note,
        CancellationToken cancellationToken)
    {
        var recording = await Reviewable(scope, db).FirstOrDefaultAsync(r => r.Id == recordingId, cancellationToken)
            ?? throw new OutOfScopeException($"recording {recordingId}");
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > MaxNoteLength })
        {
            return $"Ghi chú tối đa {MaxNoteLength} ký tự.";
        }
        if (decision == VoiceDecision.Reject && note is null)
        {
            return "Hãy ghi lý do từ chối, để người đọc biết cần sửa gì.";
        }
        if (recording.Status == VoiceStatus.NeedsRereading)
        {
            return "Bài đã thay đổi sau khi ghi: bản ghi này cần được đọc lại, không duyệt được.";
        }
        recording.Status = decision == VoiceDecision.Approve ? VoiceStatus.Approved : VoiceStatus.Rejected;
        recording.ReviewerId = reviewerId;
        recording.ReviewNote = note;
        recording.ReviewedAt = clock.GetUtcNow().UtcDateTime;
        db.AuditEntries.Add(new Audit.AuditEntry
        {
            At = recording.ReviewedAt.Value, UserId = reviewerId,
            Action = decision == VoiceDecision.Approve ? "voice.approve" : "voice.reject", Subject = $"voice:{recording.Id}",
        });
        await db.SaveChangesAsync(cancellationToken);
        publications.Announce([recording.ItemId]);
        return null;
    }
}
