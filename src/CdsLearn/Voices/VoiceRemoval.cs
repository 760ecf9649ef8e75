using CdsLearn.Audit;
using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Voices;

/// <summary>
/// A reader takes their voice back (a voice is personal data; Decree 13/2023 lets the person withdraw consent and ask
/// for deletion): one of their readings, or all of them with their consent. Only the signed-in reader's own readings
/// are ever found here, whatever id is asked for. A file leaves the store only when no reading has it any more.
/// </summary>
public sealed class VoiceRemoval(AppDbContext db, IAudioStore store, VoicePublications publications, TimeProvider clock)
{
    /// <summary>Deletes one of the reader's own readings and its file; false when they have no reading of that id.</summary>
    public async Task<bool> DeleteOwnAsync(string userId, int recordingId, CancellationToken cancellationToken)
    {
        var recording = await db.VoiceRecordings.FirstOrDefaultAsync(r => r.Id == recordingId && r.RecorderId == userId, cancellationToken);
        if (recording is null)
        {
            return false;
        }
        await RemoveAsync(userId, [recording], "voice.delete", $"voice:{recording.Id}", cancellationToken);
        return true;
    }

    /// <summary>Withdraws the reader's consent in force: every reading of theirs is deleted with its file and their
    /// uploads under way with their parts; the consent row is closed, never erased. Returns how many readings were
    /// deleted, or null when no consent is in force.</summary>
    public async Task<int?> WithdrawAsync(string userId, CancellationToken cancellationToken)
    {
        var consent = await VoiceConsents.InForce(db, userId).FirstOrDefaultAsync(cancellationToken);
        if (consent is null)
        {
            return null;
        }
        consent.WithdrawnAt = clock.GetUtcNow().UtcDateTime;
        var recordings = await db.VoiceRecordings.Where(r => r.RecorderId == userId).ToListAsync(cancellationToken);
        var uploads = await db.VoiceUploads.Where(u => u.UserId == userId).ToListAsync(cancellationToken);
        db.VoiceUploads.RemoveRange(uploads);
        await RemoveAsync(userId, recordings, "voice.withdraw", $"consent:{consent.Id}", cancellationToken);
        foreach (var upload in uploads.Where(u => u.RecordingId is null))
        {
            await store.DeletePartAsync(upload.Id, cancellationToken);
        }
        return recordings.Count;
    }

    /// <summary>Deletes the stored files no reading has any more (a file two readings share stays with the other).</summary>
    public async Task DeleteUnreferencedAsync(IEnumerable<string> fileNames, CancellationToken cancellationToken)
    {
        foreach (var name in fileNames.Distinct(StringComparer.Ordinal))
        {
            // REVIEW: a reading of the very same bytes saved at this instant could lose its file; it needs identical
            // audio, and the upload sweep's orphan check is no worse. Accepted.
            if (AudioFiles.Parse(name) is { } file && !await db.VoiceRecordings.AnyAsync(r => r.FileHash == file.Hash, cancellationToken))
            {
                await store.DeleteAsync(name, cancellationToken);
            }
        }
    }

    private async Task RemoveAsync(string userId, IReadOnlyList<VoiceRecording> recordings, string action, string subject, CancellationToken cancellationToken)
    {
        var ids = recordings.Select(r => (int?)r.Id).ToList();
        db.VoiceUploads.RemoveRange(await db.VoiceUploads.Where(u => ids.Contains(u.RecordingId)).ToListAsync(cancellationToken));
        db.VoiceRecordings.RemoveRange(recordings);
        db.AuditEntries.Add(new AuditEntry { At = clock.GetUtcNow().UtcDateTime, UserId = userId, Action = action, Subject = subject });
        await db.SaveChangesAsync(cancellationToken);
        await DeleteUnreferencedAsync(recordings.Select(r => r.FileName), cancellationToken);
        publications.Announce(recordings.Select(r => r.ItemId));
    }
}
