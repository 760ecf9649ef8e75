using CdsLearn.Content;
using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CdsLearn.Voices;

/// <summary>
/// Which lessons and practice tasks learners can hear, in which languages, and which communes' teams read them: the
/// approved readings of the sections' current text, kept in memory, so a lesson page asks no database whether to offer
/// "Nghe giọng đọc của Tổ" and the dashboard counts recorded lessons per commune without a query. Whatever changes it
/// announces it through <see cref="VoicePublications"/>, which calls <see cref="Changed"/> once saved: <see cref="Version"/> moves at once,
/// so caches of pages that show it (they vary by it) draw them again, and the next question reads the database again.
/// Every 30 seconds it is read again anyway, for a change committed by another server; <see cref="Version"/> moves
/// then only when what learners can hear did change.
/// </summary>
public sealed class VoiceAvailability(IServiceScopeFactory scopes, CourseCatalog catalog, IOptions<VoicesOptions> options, TimeProvider clock,
    ILogger<VoiceAvailability> logger)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly Lock gate = new();
    private readonly SemaphoreSlim reading = new(1, 1);
    private long version;
    private int refreshing;
    private Kept? kept;

    /// <summary>An approved reading: of which section's text, in which language, by which commune's team.</summary>
    private readonly record struct Reading(string ItemId, string SectionKey, string SectionHash, string Language, int CommuneId);

    /// <summary>What was read at <paramref name="Version"/>, and what it means for the course it was drawn for.</summary>
    private sealed record Kept(long Version, DateTimeOffset ReadAt, HashSet<Reading> Readings, Course Course,
        IReadOnlyDictionary<string, IReadOnlyList<VoiceLanguage>> Languages, IReadOnlyDictionary<int, IReadOnlySet<string>> ItemsByCommune);

    /// <summary>Changes whenever what learners can hear may have changed. Reading it from a request no page runs for
    /// (a page served from a cache) starts a read of the database in the background once the last one is old.</summary>
    public long Version
    {
        get
        {
            if (Volatile.Read(ref kept) is { } k && clock.GetUtcNow() - k.ReadAt >= MaxAge && Interlocked.Exchange(ref refreshing, 1) == 0)
            {
                _ = Task.Run(RefreshAsync);
            }
            return Interlocked.Read(ref version);
        }
    }

    /// <summary>To call once a change to the approved readings is saved (committed).</summary>
    public void Changed() => Interlocked.Increment(ref version);

    /// <summary>The languages an item has at least one approved reading of its current text in, in the offered order.</summary>
    public async ValueTask<IReadOnlyList<VoiceLanguage>> LanguagesAsync(string itemId, CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken)).Languages.GetValueOrDefault(itemId) ?? [];

    /// <summary>Per commune: how many lessons and practice tasks have at least one approved reading by its teams.</summary>
    public async ValueTask<IReadOnlyDictionary<int, int>> ItemsByCommuneAsync(CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken)).ItemsByCommune.ToDictionary(c => c.Key, c => c.Value.Count);

    /// <summary>How many lessons and practice tasks have at least one approved reading by the teams of these communes
    /// (an item read in two of them counts once).</summary>
    public async ValueTask<int> ItemsOfCommunesAsync(IEnumerable<int> communeIds, CancellationToken cancellationToken)
    {
        var byCommune = (await CurrentAsync(cancellationToken)).ItemsByCommune;
        return communeIds.SelectMany(id => byCommune.GetValueOrDefault(id) ?? new HashSet<string>()).Distinct(StringComparer.Ordinal).Count();
    }

    private async ValueTask<Kept> CurrentAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } fresh)
        {
            return fresh;
        }
        await reading.WaitAsync(cancellationToken);
        try
        {
            return Fresh() ?? await ReadAsync(cancellationToken);
        }
        finally
        {
            reading.Release();
        }
    }

    /// <summary>What is kept, when it was read after the last change, not long ago, for the current course.</summary>
    private Kept? Fresh()
    {
        var course = catalog.Current;
        lock (gate)
        {
            if (kept is not { } k || k.Version != Interlocked.Read(ref version) || clock.GetUtcNow() - k.ReadAt >= MaxAge)
            {
                return null;
            }
            if (k.Course != course)
            {
                kept = k = Draw(k.Version, k.ReadAt, k.Readings, course);
            }
            return k;
        }
    }

    private async Task<Kept> ReadAsync(CancellationToken cancellationToken)
    {
        var started = Interlocked.Read(ref version);
        HashSet<Reading> readings;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            readings = (await db.VoiceRecordings.AsNoTracking().Where(r => r.Status == VoiceStatus.Approved)
                    .Select(r => new { r.ItemId, r.SectionKey, r.SectionHash, r.Language, r.CommuneId })
                    .Distinct().ToListAsync(cancellationToken))
                .Select(r => new Reading(r.ItemId, r.SectionKey, r.SectionHash, r.Language, r.CommuneId)).ToHashSet();
        }
        lock (gate)
        {
            // Another server's change, found by the periodic read: the pages drawn before it are out of date.
            if (kept is { } before && Interlocked.Read(ref version) == started && !before.Readings.SetEquals(readings))
            {
                started = Interlocked.Increment(ref version);
            }
            // A change told during the read stays to be read next time (the version read at is older).
            var read = Draw(started, clock.GetUtcNow(), readings, catalog.Current);
            if (kept is null || kept.Version <= started)
            {
                kept = read;
            }
            return read;
        }
    }

    private Kept Draw(long at, DateTimeOffset readAt, HashSet<Reading> readings, Course course)
    {
        var items = new Dictionary<string, VoiceItem?>(StringComparer.Ordinal);
        var current = readings.Where(r =>
        {
            if (!items.TryGetValue(r.ItemId, out var item))
            {
                items[r.ItemId] = item = VoiceItem.Find(course, r.ItemId);
            }
            return item?.IsCurrent(r.SectionKey, r.SectionHash) == true && options.Value.Find(r.Language) is not null;
        }).ToList();
        var languages = current.GroupBy(r => r.ItemId, StringComparer.Ordinal).ToDictionary(g => g.Key, g =>
            (IReadOnlyList<VoiceLanguage>)options.Value.Offered.Where(l => g.Any(r => r.Language == l.Code)).ToList(), StringComparer.Ordinal);
        var byCommune = current.GroupBy(r => r.CommuneId).ToDictionary(g => g.Key,
            g => (IReadOnlySet<string>)g.Select(r => r.ItemId).ToHashSet(StringComparer.Ordinal));
        return new Kept(at, readAt, readings, course, languages, byCommune);
    }

    private async Task RefreshAsync()
    {
        try
        {
            await CurrentAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The next request asks again; a page meanwhile shows what was known.
            logger.LogWarning(exception, "Could not read the approved voice readings");
        }
        finally
        {
            Volatile.Write(ref refreshing, 0);
        }
    }
}
