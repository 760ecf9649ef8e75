using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CdsLearn.Voices;

/// <summary>What one sweep removed.</summary>
public sealed record SweepResult(int Uploads, int Parts);

/// <summary>
/// Clears what readers left behind: uploads begun longer ago than <see cref="VoicesOptions.AbandonedUploadsAfter"/>
/// (never finished on a phone that gave up, or finished and no longer needed for a repeated last chunk) with their
/// parts; and parts no upload owns. Checked files are never swept by age: a server started by mistake on an empty
/// database would take every reading's file with it. Every server may run it at once: deleting what another has
/// just deleted does no harm.
/// </summary>
public sealed class VoiceUploadSweep(AppDbContext db, IAudioStore store, IOptions<VoicesOptions> options, TimeProvider clock)
{
    public async Task<SweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.Value.AbandonedUploadsAfter;
        var before = cutoff.UtcDateTime;
        var old = await db.VoiceUploads.Where(u => u.CreatedAt < before).Select(u => u.Id).ToListAsync(cancellationToken);
        var uploads = 0;
        foreach (var batch in old.Chunk(500))
        {
            uploads += await db.VoiceUploads.Where(u => batch.Contains(u.Id) && u.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
            foreach (var uploadId in batch)
            {
                await store.DeletePartAsync(uploadId, cancellationToken);
            }
        }
        var parts = 0;
        // Parts whose upload is gone (a crash between the two deletions, or a server stopped mid-way).
        foreach (var (uploadId, _) in store.Parts().Where(p => p.WrittenAt < cutoff).ToList())
        {
            if (!await db.VoiceUploads.AnyAsync(u => u.Id == uploadId, cancellationToken))
            {
                await store.DeletePartAsync(uploadId, cancellationToken);
                parts++;
            }
        }
        return new SweepResult(uploads, parts);
    }
}
