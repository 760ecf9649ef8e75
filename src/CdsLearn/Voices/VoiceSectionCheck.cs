using CdsLearn.Content;
using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Voices;

/// <summary>
/// At every start (after the migrations): a recording whose section's text has changed since it was read, or whose
/// section is gone, becomes "cần đọc lại" and is no longer published; recordings of the unchanged sections stay as
/// they are. The course is loaded once at start-up, so this sees every edit deployed since the last start.
/// </summary>
public sealed class VoiceSectionCheck : IDbSeeder
{
    public Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        MarkChangedAsync(services.GetRequiredService<AppDbContext>(), services.GetRequiredService<CourseCatalog>().Current,
            services.GetService<VoicePublications>(), cancellationToken);

    /// <summary>Marks the recordings of changed sections; returns how many.</summary>
    public static Task<int> MarkChangedAsync(AppDbContext db, Course course, CancellationToken cancellationToken) =>
        MarkChangedAsync(db, course, null, cancellationToken);

    /// <summary>Marks the recordings of changed sections and announces their lessons; returns how many.</summary>
    public static async Task<int> MarkChangedAsync(AppDbContext db, Course course, VoicePublications? publications, CancellationToken cancellationToken)
    {
        var recordings = await db.VoiceRecordings.Where(r => r.Status != VoiceStatus.NeedsRereading).ToListAsync(cancellationToken);
        var items = new Dictionary<string, VoiceItem?>(StringComparer.Ordinal);
        var marked = new List<string>();
        foreach (var recording in recordings)
        {
            if (!items.TryGetValue(recording.ItemId, out var item))
            {
                items[recording.ItemId] = item = VoiceItem.Find(course, recording.ItemId);
            }
            if (item?.IsCurrent(recording.SectionKey, recording.SectionHash) != true)
            {
                recording.Status = VoiceStatus.NeedsRereading;
                marked.Add(recording.ItemId);
            }
        }
        if (marked.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            publications?.Announce(marked);
        }
        return marked.Count;
    }
}
