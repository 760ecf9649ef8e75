using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Figures;

/// <summary>Writes figure changes. Additions are upserts that add to the stored value, so two saves touching the same
/// village never overwrite each other (SQLite and PostgreSQL share the syntax).</summary>
internal static class FigureStore
{
    public static async Task<Dictionary<int, int>> ReferenceYearsAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await db.CommuneFigureStates.AsNoTracking().ToDictionaryAsync(s => s.CommuneId, s => s.ReferenceYear, cancellationToken);

    public static async Task EnsureReferenceYearsAsync(AppDbContext db, IEnumerable<int> communeIds, int year, CancellationToken cancellationToken)
    {
        foreach (var communeId in communeIds)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "CommuneFigureStates" ("CommuneId", "ReferenceYear") VALUES ({communeId}, {year})
                ON CONFLICT ("CommuneId") DO NOTHING
                """, cancellationToken);
        }
    }

    public static async Task AddAsync(AppDbContext db, IReadOnlyDictionary<FigureKey, int> delta, CancellationToken cancellationToken)
    {
        foreach (var ((communeId, villageId, userId, quarter, metric), value) in delta)
        {
            if (userId is not null)
            {
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "WorkerFigures" ("CommuneId", "UserId", "Quarter", "Metric", "Value") VALUES ({communeId}, {userId}, {quarter}, {metric}, {value})
                    ON CONFLICT ("CommuneId", "UserId", "Quarter", "Metric") DO UPDATE SET "Value" = "WorkerFigures"."Value" + excluded."Value"
                    """, cancellationToken);
                continue;
            }
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "VillageFigures" ("VillageId", "Quarter", "Metric", "Value") VALUES ({villageId}, {quarter}, {metric}, {value})
                ON CONFLICT ("VillageId", "Quarter", "Metric") DO UPDATE SET "Value" = "VillageFigures"."Value" + excluded."Value"
                """, cancellationToken);
        }
        var communes = delta.Where(d => d.Key.UserId is null)
            .GroupBy(d => (d.Key.CommuneId, d.Key.Quarter, d.Key.Metric), d => d.Value)
            .Select(g => (g.Key.CommuneId, g.Key.Quarter, g.Key.Metric, Value: g.Sum()))
            .Where(g => g.Value != 0);
        foreach (var (communeId, quarter, metric, value) in communes)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "CommuneFigures" ("CommuneId", "Quarter", "Metric", "Value") VALUES ({communeId}, {quarter}, {metric}, {value})
                ON CONFLICT ("CommuneId", "Quarter", "Metric") DO UPDATE SET "Value" = "CommuneFigures"."Value" + excluded."Value"
                """, cancellationToken);
        }
    }

    /// <summary>Stores when each assignment was done; returns those that were not done before.</summary>
    public static async Task<IReadOnlyList<int>> SetAssignmentsDoneAsync(AppDbContext db, IReadOnlyDictionary<int, DateTime?> doneAt, CancellationToken cancellationToken)
    {
        if (doneAt.Count == 0)
        {
            return [];
        }
        var ids = doneAt.Keys.ToList();
        var stored = await db.Assignments.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.DoneAt }).ToListAsync(cancellationToken);
        var newlyDone = new List<int>();
        foreach (var assignment in stored.Where(a => a.DoneAt != doneAt[a.Id]))
        {
            var at = doneAt[assignment.Id];
            await db.Assignments.Where(a => a.Id == assignment.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.DoneAt, at), cancellationToken);
            if (assignment.DoneAt is null)
            {
                newlyDone.Add(assignment.Id);
            }
        }
        return newlyDone;
    }
}
