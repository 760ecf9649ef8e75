using System.Collections.Concurrent;

namespace CdsLearn.Accounts;

/// <summary>
/// The live sessions this server has read lately, so that a signed-in request does not read its session row every
/// time (a connection opened and a query on every page: about a tenth of the site's time in the learner loop,
/// tools/BENCHMARKS.md). <see cref="UserSessions"/> forgets an entry here as it ends or changes the session, so on
/// this server that takes effect at once; a change made by another server is seen when the entry is read again,
/// at most <see cref="RecheckEvery"/> later.
/// </summary>
public sealed class LiveSessionCache(TimeProvider clock)
{
    /// <summary>How long another server's sign-out, password change or "Kết thúc" may take to reach this one.</summary>
    public static readonly TimeSpan RecheckEvery = TimeSpan.FromSeconds(10);

    /// <summary>Past this many entries, the ones due for a re-read anyway are dropped.</summary>
    private const int TrimAbove = 50_000;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly Lock changes = new();
    private long forgotten;

    private sealed record Entry(LiveSession Session, DateTimeOffset ReadAt);

    public LiveSession? Find(string id) =>
        entries.TryGetValue(id, out var entry) && clock.GetUtcNow() - entry.ReadAt < RecheckEvery ? entry.Session : null;

    /// <summary>Taken before reading a session from the database, and given back to <see cref="Keep"/>.</summary>
    public Ticket Before() => new(clock.GetUtcNow(), Volatile.Read(ref forgotten));

    /// <summary>Keeps a session as read from the database after <paramref name="ticket"/> was taken, unless this server
    /// ended or changed a session in between (the read may predate that change).</summary>
    public void Keep(string id, LiveSession session, Ticket ticket)
    {
        if (entries.Count >= TrimAbove)
        {
            Trim();
        }
        lock (changes)
        {
            if (forgotten == ticket.Forgotten)
            {
                entries[id] = new Entry(session, ticket.ReadAt);
            }
        }
    }

    /// <summary>Called once a change to the session is committed.</summary>
    public void Forget(string id)
    {
        lock (changes)
        {
            forgotten++;
            entries.TryRemove(id, out _);
        }
    }

    /// <summary>Called once a change to all of the account's sessions is committed.</summary>
    public void ForgetUser(string userId)
    {
        lock (changes)
        {
            forgotten++;
            foreach (var (id, entry) in entries)
            {
                if (entry.Session.UserId == userId)
                {
                    entries.TryRemove(id, out _);
                }
            }
        }
    }

    public readonly record struct Ticket(DateTimeOffset ReadAt, long Forgotten);

    private void Trim()
    {
        var now = clock.GetUtcNow();
        foreach (var (id, entry) in entries)
        {
            if (now - entry.ReadAt >= RecheckEvery)
            {
                entries.TryRemove(id, out _);
            }
        }
    }
}
