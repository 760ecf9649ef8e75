using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Data;

/// <summary>
/// SQLite lets one writer in at a time; the others wait in its busy handler, which sleeps (1, 2, 5 … 100 ms) on a
/// thread-pool thread. Under a few hundred learners submitting at once that left 39 % of the site's threads asleep
/// and the lock often free while they slept (tools/BENCHMARKS.md). Hot write paths (quiz submissions) queue here
/// instead: waiting costs no thread, and the next writer goes in as soon as the last one commits. One gate per
/// database; PostgreSQL has no such limit and gets none.
/// </summary>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="write"/> alone among this process's gated writers of the same SQLite database.</summary>
    public static async Task<T> RunAsync<T>(AppDbContext db, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return await write();
        }
        var gate = Gates.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await write();
        }
        finally
        {
            gate.Release();
        }
    }
}
