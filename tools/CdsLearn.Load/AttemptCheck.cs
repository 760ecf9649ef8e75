using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Load;

/// <summary>A quiz attempt as stored.</summary>
public sealed record StoredAttempt(Guid Id, string UserId, string ModuleId, bool Passed);

/// <summary>
/// The learners' ledger against the database. Lost: acknowledged, not stored. Unacknowledged: stored, never
/// acknowledged (after every cut-off submission was sent again there must be none). Changed: stored for another
/// learner or module, or with another outcome than the answers given.
/// </summary>
public sealed record AttemptComparison(IReadOnlyList<Guid> Lost, IReadOnlyList<Guid> Unacknowledged, IReadOnlyList<Guid> Changed, int Stored, int Acknowledged)
{
    public bool StoredExactlyTheAcknowledged => Lost.Count == 0 && Unacknowledged.Count == 0 && Changed.Count == 0;

    public override string ToString() =>
        $"{Acknowledged} acknowledged, {Stored} stored; lost {Lost.Count} [{string.Join(", ", Lost.Take(5))}], "
        + $"stored without acknowledgement {Unacknowledged.Count} [{string.Join(", ", Unacknowledged.Take(5))}], changed {Changed.Count} [{string.Join(", ", Changed.Take(5))}]";
}

public static class AttemptCheck
{
    /// <summary>Every quiz attempt stored for these learners.</summary>
    public static async Task<IReadOnlyList<StoredAttempt>> StoredAsync(LoadDatabase database, IEnumerable<string> userIds, CancellationToken cancellationToken = default)
    {
        var ids = userIds.ToList();
        await using var scope = database.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.QuizAttempts.AsNoTracking().Where(a => ids.Contains(a.UserId))
            .Select(a => new StoredAttempt(a.Id, a.UserId, a.ModuleId, a.Passed)).ToListAsync(cancellationToken);
    }

    public static AttemptComparison Compare(IReadOnlyCollection<AcknowledgedAttempt> acknowledged, IReadOnlyCollection<StoredAttempt> stored)
    {
        var storedById = stored.ToDictionary(a => a.Id);
        var acknowledgedIds = acknowledged.Select(a => a.Id).ToHashSet();
        var lost = acknowledged.Where(a => !storedById.ContainsKey(a.Id)).Select(a => a.Id).ToList();
        var unacknowledged = stored.Where(a => !acknowledgedIds.Contains(a.Id)).Select(a => a.Id).ToList();
        var changed = acknowledged.Where(a => storedById.TryGetValue(a.Id, out var s)
            && (s.UserId != a.UserId || s.ModuleId != a.ModuleId || s.Passed != a.AnsweredRight)).Select(a => a.Id).ToList();
        return new AttemptComparison(lost, unacknowledged, changed, stored.Count, acknowledged.Count);
    }

    /// <summary>
    /// The certificates each learner must hold after the acknowledged attempts (a skill's when every module of it was
    /// passed; "Công dân số" with every skill), against those stored: a certificate missing, or one issued twice or
    /// unearned, is listed as "user skill expected/stored". Assumes the site ran with certificates resting on quizzes
    /// alone (Certificates:SkillRestsOn=Quizzes) and "Công dân số" needing every skill (the default).
    /// </summary>
    public static async Task<IReadOnlyList<string>> CertificateDifferencesAsync(
        LoadDatabase database, Course course, IReadOnlyCollection<AcknowledgedAttempt> acknowledged, IEnumerable<string> userIds, CancellationToken cancellationToken = default)
    {
        var ids = userIds.ToList();
        await using var scope = database.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = (await db.Certificates.AsNoTracking().Where(c => ids.Contains(c.UserId)).Select(c => new { c.UserId, c.SkillId }).ToListAsync(cancellationToken))
            .GroupBy(c => (c.UserId, c.SkillId)).ToDictionary(g => g.Key, g => g.Count());
        var passedBy = acknowledged.Where(a => a.AnsweredRight).GroupBy(a => a.UserId).ToDictionary(g => g.Key, g => g.Select(a => a.ModuleId).ToHashSet());
        var expected = new Dictionary<(string, string), int>();
        foreach (var userId in ids)
        {
            var passed = passedBy.GetValueOrDefault(userId) ?? [];
            var skills = course.Skills.Where(s => s.Modules.Count > 0 && s.Modules.All(m => passed.Contains(m.Id))).Select(s => s.Id).ToList();
            foreach (var skill in skills)
            {
                expected[(userId, skill)] = 1;
            }
            if (skills.Count == course.Skills.Count && skills.Count > 0)
            {
                expected[(userId, Certificate.DigitalCitizen)] = 1;
            }
        }
        return expected.Keys.Union(stored.Keys)
            .Where(k => expected.GetValueOrDefault(k) != stored.GetValueOrDefault(k))
            .Select(k => $"{k.Item1} {k.Item2} {expected.GetValueOrDefault(k)}/{stored.GetValueOrDefault(k)}")
            .ToList();
    }
}
