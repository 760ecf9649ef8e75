using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Figures;

/// <summary>Reads, per commune, what the dashboard shows beside the figures: teams and workers, and assignments not
/// done yet. Given commune ids, only those communes (a value for each); given null, the whole province.</summary>
internal static class CommuneActivityReader
{
    /// <param name="since">Outreach before this is not read: it can count as recent again only after another
    /// change of the worker, and every change reads the commune again.</param>
    public static async Task<Dictionary<int, CommuneTeams>> TeamsAsync(AppDbContext db, IReadOnlyCollection<int>? ids, DateTime since,
        CancellationToken cancellationToken)
    {
        // The filter only when needed: "whole province OR id IN (…)" would make SQLite test the list on every row.
        var teams = ids is null ? db.Teams : db.Teams.Where(t => ids.Contains(t.CommuneId));
        var counts = await teams.AsNoTracking().GroupBy(t => t.CommuneId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var members = from m in db.TeamMembers
                      join t in teams on m.TeamId equals t.Id
                      select new { t.CommuneId, m.UserId, m.LastActiveAt };
        var workers = await members.GroupBy(m => m.CommuneId).Select(g => new { g.Key, Count = g.Select(m => m.UserId).Distinct().Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var recent = (await members.Where(m => m.LastActiveAt >= since).AsNoTracking().ToListAsync(cancellationToken)).ToLookup(m => m.CommuneId);
        var result = (ids ?? []).ToDictionary(id => id, _ => CommuneTeams.None);
        foreach (var (communeId, count) in counts)
        {
            // A worker in two teams of the commune counts once, by their latest outreach.
            result[communeId] = new CommuneTeams(count, workers.GetValueOrDefault(communeId), recent[communeId]
                .GroupBy(m => m.UserId, m => m.LastActiveAt!.Value)
                .Select(g => g.Max())
                .ToArray());
        }
        return result;
    }

    /// <summary>The due dates of the assignments due in the quarter that are not done, per commune.</summary>
    public static async Task<Dictionary<int, DateOnly[]>> OpenDueDatesAsync(AppDbContext db, IReadOnlyCollection<int>? ids, Quarter quarter,
        CancellationToken cancellationToken)
    {
        var villages = ids is null ? db.Villages : db.Villages.Where(v => ids.Contains(v.CommuneId));
        var rows = await OpenIn(db, quarter, villages).ToListAsync(cancellationToken);
        var result = (ids ?? []).ToDictionary(id => id, _ => Array.Empty<DateOnly>());
        foreach (var commune in rows.GroupBy(r => r.CommuneId))
        {
            result[commune.Key] = commune.Select(r => r.DueOn).ToArray();
        }
        return result;
    }

    /// <summary>The assignments due in the quarter that are not done, in the villages given.</summary>
    public static IQueryable<OpenAssignment> OpenIn(AppDbContext db, Quarter quarter, IQueryable<Geography.Village> villages)
    {
        var start = quarter.FirstDay;
        var end = quarter.Next.FirstDay;
        return from a in db.Assignments.AsNoTracking()
               where a.DueOn >= start && a.DueOn < end && a.DoneAt == null
               join h in db.Households on a.HouseholdId equals h.Id
               join v in villages on h.VillageId equals v.Id
               select new OpenAssignment(v.CommuneId, v.Id, a.DueOn!.Value);
    }
}

internal sealed record OpenAssignment(int CommuneId, int VillageId, DateOnly DueOn);
