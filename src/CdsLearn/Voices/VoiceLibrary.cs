using CdsLearn.Content;
using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CdsLearn.Voices;

/// <summary>A published reading of one section: where it plays on the lesson page and whose voice it is (only with consent).</summary>
public sealed record PublishedVoice(int Section, string Key, string File, int DurationMs, int Bytes, string? Credit);

/// <summary>A skill's readings in one language that a phone may keep: the lessons and tasks that have some, and the
/// bytes of their files.</summary>
public sealed record SkillVoices(string Language, string Label, IReadOnlyList<string> ItemIds, long Bytes);

/// <summary>Sections of one language: how many the course has, how many are recorded (any reading kept) and approved.</summary>
public sealed record LanguageStats(string Code, string Label, int Sections, int Recorded, int Approved, int Waiting, int Rejected, int NeedsRereading);

/// <summary>One lesson's or task's sections in one language, as the province sees them.</summary>
public sealed record ItemProgress(VoiceItem Item, string Language, int Approved, int Waiting, int Rejected, int Missing);

/// <summary>What learners hear and what the province counts.</summary>
public sealed class VoiceLibrary(AppDbContext db, CourseCatalog catalog, IOptions<VoicesOptions> options)
{
    public IReadOnlyList<VoiceLanguage> Languages => options.Value.Offered;

    /// <summary>The approved readings of an item in a language, one per section (the latest approved), in order.</summary>
    public async Task<IReadOnlyList<PublishedVoice>> PublishedAsync(string itemId, string language, CancellationToken cancellationToken) =>
        VoiceItem.Find(catalog.Current, itemId) is { } item
            ? (await PublishedAsync([item], [language], cancellationToken))[(item.Id, language)].ToList()
            : [];

    /// <summary>What "Lưu cả kỹ năng" may keep on the phone for listening offline: per language, the skill's lessons
    /// and practice tasks that have approved readings and the total size of their files. Only the phone's
    /// <paramref name="chosenLanguage"/> when it chose one (it listens in that language); otherwise every language with
    /// readings, for the learner to pick.</summary>
    public async Task<IReadOnlyList<SkillVoices>> ForSkillAsync(string skillId, string? chosenLanguage, CancellationToken cancellationToken)
    {
        var items = VoiceItem.All(catalog.Current).Where(i => i.SkillId == skillId).ToList();
        var languages = options.Value.Find(chosenLanguage) is { } chosen ? [chosen] : Languages;
        var published = await PublishedAsync(items, languages.Select(l => l.Code).ToList(), cancellationToken);
        return languages
            .Select(l => new SkillVoices(l.Code, l.Label,
                items.Where(i => published[(i.Id, l.Code)].Any()).Select(i => i.Id).ToList(),
                items.SelectMany(i => published[(i.Id, l.Code)]).DistinctBy(v => v.File).Sum(v => (long)v.Bytes)))
            .Where(s => s.ItemIds.Count > 0)
            .ToList();
    }

    /// <summary>The one rule for what learners hear: per item and language, for each section as its text is now, the
    /// latest approved reading (a reading of older text is never played, even before the start-up check).</summary>
    private async Task<ILookup<(string Item, string Language), PublishedVoice>> PublishedAsync(
        IReadOnlyCollection<VoiceItem> items, IReadOnlyCollection<string> languages, CancellationToken cancellationToken)
    {
        var rows = await Approved(db, items.Select(i => i.Id).ToArray(), languages.ToArray()).ToListAsync(cancellationToken);
        var byItem = rows.ToLookup(r => (r.ItemId, r.Language));
        var published = new List<((string, string) Key, PublishedVoice Voice)>();
        foreach (var item in items)
        {
            foreach (var language in languages)
            {
                foreach (var section in item.Sections)
                {
                    var row = byItem[(item.Id, language)].Where(r => r.SectionKey == section.Key && item.IsCurrent(r.SectionKey, r.SectionHash)).MaxBy(r => r.ReviewedAt);
                    if (row is not null)
                    {
                        published.Add(((item.Id, language), new PublishedVoice(section.Index, section.Key, AudioFiles.NameOf(row.FileHash, row.Container),
                            row.DurationMs, row.Bytes, row.Speaker is null ? null : $"Giọng đọc: {row.Speaker}, {row.Team}")));
                    }
                }
            }
        }
        return published.ToLookup(p => p.Key, p => p.Voice);
    }

    /// <summary>The approved readings of these items in these languages, with the speaker's name where their consent
    /// in force lets it show: compiled once (a skill page and a lesson's player ask it on every view), the lists going
    /// to the database as one parameter each.</summary>
    private static readonly Func<AppDbContext, string[], string[], IAsyncEnumerable<ApprovedRow>> Approved = EF.CompileAsyncQuery(
        (AppDbContext db, string[] ids, string[] languages) => db.VoiceRecordings.AsNoTracking()
            .Where(r => ids.Contains(r.ItemId) && languages.Contains(r.Language) && r.Status == VoiceStatus.Approved)
            .Select(r => new ApprovedRow(
                r.ItemId, r.Language, r.SectionKey, r.SectionHash, r.FileHash, r.Container, r.DurationMs, r.Bytes, r.ReviewedAt,
                db.VoiceConsents.Where(VoiceConsents.IsInForce).Where(c => c.UserId == r.RecorderId && c.ShowName).Select(c => c.SpeakerName).FirstOrDefault(),
                db.Teams.Where(t => t.Id == r.TeamId).Select(t => t.Name).FirstOrDefault())));

    private sealed record ApprovedRow(string ItemId, string Language, string SectionKey, string SectionHash, string FileHash, AudioContainer Container,
        int DurationMs, int Bytes, DateTime? ReviewedAt, string? Speaker, string? Team);

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
