using CdsLearn.Content;
using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CdsLearn.Voices;

/// <summary>A published reading of one section: where it plays on the lesson page and whose voice it is (only with consent).</summary>
public sealed record PublishedVoice(int Section, string Key, string File, int DurationMs, int Bytes, string? Credit);

/// <summary>Sections of one language: how many the course has, how many are recorded (any reading kept) and approved.</summary>
public sealed record LanguageStats(string Code, string Label, int Sections, int Recorded, int Approved, int Waiting, int Rejected, int NeedsRereading);

/// <summary>One lesson's or task's sections in one language, as the province sees them.</summary>
public sealed record ItemProgress(VoiceItem Item, string Language, int Approved, int Waiting, int Rejected, int Missing);

/// <summary>What learners hear and what the province counts.</summary>
public sealed class VoiceLibrary(AppDbContext db, CourseCatalog catalog, IOptions<VoicesOptions> options)
{
    public IReadOnlyList<VoiceLanguage> Languages => options.Value.Offered;

    /// <summary>The approved readings of an item in a language, one per section (the latest approved), in order.</summary>
    public async Task<IReadOnlyList<PublishedVoice>> PublishedAsync(string itemId, string language, CancellationToken cancellationToken)
    {
        if (VoiceItem.Find(catalog.Current, itemId) is not { } item)
        {
            return [];
        }
        var rows = await db.VoiceRecordings.AsNoTracking()
            .Where(r => r.ItemId == itemId && r.Language == language && r.Status == VoiceStatus.Approved)
            .Select(r => new
            {
                r.SectionKey, r.SectionHash, r.FileHash, r.Container, r.DurationMs, r.Bytes, r.ReviewedAt,
                Speaker = db.VoiceConsents.Where(c => c.UserId == r.RecorderId && c.ShowName).Select(c => c.SpeakerName).FirstOrDefault(),
                Team = db.Teams.Where(t => t.Id == r.TeamId).Select(t => t.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var published = new List<PublishedVoice>();
        foreach (var section in item.Sections)
        {
            // The section's text as it is now: a reading of older text is never played, even before the start-up check.
            var row = rows.Where(r => r.SectionKey == section.Key && r.SectionHash == section.Hash).MaxBy(r => r.ReviewedAt);
            if (row is not null)
            {
                published.Add(new PublishedVoice(section.Index, section.Key, AudioFiles.NameOf(row.FileHash, row.Container), row.DurationMs, row.Bytes,
                    row.Speaker is null ? null : $"Giọng đọc: {row.Speaker}, {row.Team}"));
            }
        }
        return published;
    }

    /// <summary>Whether a file is one learners may hear: some approved recording has it.</summary>
    public Task<bool> IsPublishedAsync(string hash, AudioContainer container, CancellationToken cancellationToken) =>
        db.VoiceRecordings.AnyAsync(r => r.FileHash == hash && r.Container == container && r.Status == VoiceStatus.Approved, cancellationToken);

    /// <summary>Per language: the course's sections, and how many of them have a reading (in each state).</summary>
    public async Task<IReadOnlyList<LanguageStats>> StatsAsync(CancellationToken cancellationToken)
    {
        var current = VoiceItem.All(catalog.Current).SelectMany(i => i.Sections.Select(s => (i.Id, s.Key, s.Hash))).ToHashSet();
        var rows = await db.VoiceRecordings.AsNoTracking()
            .Select(r => new { r.ItemId, r.SectionKey, r.SectionHash, r.Language, r.Status }).ToListAsync(cancellationToken);
        return Languages.Select(language =>
        {
            var mine = rows.Where(r => r.Language == language.Code && current.Contains((r.ItemId, r.SectionKey, r.SectionHash))).ToList();
            int Count(VoiceStatus status) => mine.Where(r => r.Status == status).Select(r => (r.ItemId, r.SectionKey)).Distinct().Count();
            return new LanguageStats(language.Code, language.Label, current.Count,
                mine.Where(r => r.Status != VoiceStatus.Rejected).Select(r => (r.ItemId, r.SectionKey)).Distinct().Count(),
                Count(VoiceStatus.Approved), Count(VoiceStatus.Waiting), Count(VoiceStatus.Rejected),
                rows.Where(r => r.Language == language.Code && r.Status == VoiceStatus.NeedsRereading).Select(r => (r.ItemId, r.SectionKey)).Distinct().Count());
        }).ToList();
    }

    /// <summary>Every lesson and task with, per language, its sections approved, waiting, rejected and missing (a
    /// section counts once, by its best reading: approved, then waiting, then rejected).</summary>
    public async Task<IReadOnlyList<ItemProgress>> ProgressAsync(CancellationToken cancellationToken)
    {
        var rows = await db.VoiceRecordings.AsNoTracking()
            .Select(r => new { r.ItemId, r.SectionKey, r.SectionHash, r.Language, r.Status }).ToListAsync(cancellationToken);
        var byItem = rows.ToLookup(r => r.ItemId);
        var progress = new List<ItemProgress>();
        foreach (var item in VoiceItem.All(catalog.Current))
        {
            foreach (var language in Languages)
            {
                int approved = 0, waiting = 0, rejected = 0, missing = 0;
                foreach (var section in item.Sections)
                {
                    var states = byItem[item.Id].Where(r => r.Language == language.Code && r.SectionKey == section.Key && r.SectionHash == section.Hash)
                        .Select(r => r.Status).ToList();
                    if (states.Contains(VoiceStatus.Approved)) approved++;
                    else if (states.Contains(VoiceStatus.Waiting)) waiting++;
                    else if (states.Contains(VoiceStatus.Rejected)) rejected++;
                    else missing++;
                }
                progress.Add(new ItemProgress(item, language.Code, approved, waiting, rejected, missing));
            }
        }
        return progress;
    }

    /// <summary>A team member's own readings of an item, for the recording page.</summary>
    public Task<List<VoiceRecording>> ByRecorderAsync(string userId, string itemId, CancellationToken cancellationToken) =>
        db.VoiceRecordings.AsNoTracking().Where(r => r.RecorderId == userId && r.ItemId == itemId).ToListAsync(cancellationToken);
}
