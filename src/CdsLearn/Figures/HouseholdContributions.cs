using CdsLearn.Certificates;
using CdsLearn.Data;
using CdsLearn.Households;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Figures;

/// <summary>One counted thing: a village's figure when <see cref="UserId"/> is null, else a worker's figure in a commune.
/// A village's figures also add up into its commune's.</summary>
internal readonly record struct FigureKey(int CommuneId, int VillageId, string? UserId, int Quarter, string Metric);

/// <summary>What a set of households adds to the figures, and when each of their assignments was done.</summary>
internal sealed class Contributions
{
    public Dictionary<FigureKey, int> Counts { get; } = [];

    public Dictionary<int, DateTime?> AssignmentsDone { get; } = [];

    public HashSet<int> Communes { get; } = [];

    public HashSet<int> Villages { get; } = [];

    public void Add(FigureKey key, int value = 1) => Counts[key] = Counts.GetValueOrDefault(key) + value;

    /// <summary>This minus <paramref name="before"/>, without the figures that did not change.</summary>
    public Dictionary<FigureKey, int> Minus(Contributions before)
    {
        var delta = new Dictionary<FigureKey, int>(Counts);
        foreach (var (key, value) in before.Counts)
        {
            delta[key] = delta.GetValueOrDefault(key) - value;
        }
        return delta.Where(d => d.Value != 0).ToDictionary();
    }
}

/// <summary>
/// Works out, from raw data, what households add to the figures. The same code serves the update made with every
/// change (a few households, before and after the change) and the full rebuild (a commune at a time), so the two
/// cannot disagree on what a figure means.
/// </summary>
internal static class HouseholdContributions
{
    public static async Task<Contributions> ComputeAsync(
        AppDbContext db, IQueryable<Household> source, Func<int, int> referenceYearOf, CancellationToken cancellationToken)
    {
        var result = new Contributions();
        var households = await (from h in source
                                join v in db.Villages on h.VillageId equals v.Id
                                select new { h.Id, h.VillageId, v.CommuneId, h.CreatedAt, h.CreatedByUserId })
            .ToListAsync(cancellationToken);
        if (households.Count == 0)
        {
            return result;
        }
        var memberQuery = from m in db.HouseholdMembers
                          join h in source on m.HouseholdId equals h.Id
                          select m;
        var members = (await memberQuery.Select(m => new { m.Id, m.HouseholdId, m.BirthYear, m.UserId }).ToListAsync(cancellationToken))
            .ToLookup(m => m.HouseholdId);
        var accounts = memberQuery.Where(m => m.UserId != null);
        var userCreated = await (from m in accounts
                                 join u in db.Users on m.UserId equals u.Id
                                 select new { u.Id, u.CreatedAt }).ToDictionaryAsync(u => u.Id, u => u.CreatedAt, cancellationToken);
        var certificates = (await (from m in accounts
                                   join c in db.Certificates on m.UserId equals c.UserId
                                   select new { c.UserId, c.SkillId, c.IssuedAt, c.RevokedAt }).ToListAsync(cancellationToken))
            .ToLookup(c => c.UserId);
        var assignmentRows = await (from a in db.Assignments
                                    join h in source on a.HouseholdId equals h.Id
                                    select new { a.Id, a.HouseholdId, a.MemberId, a.SkillId, a.ModuleId, a.CreatedAt, a.CreatedByUserId, a.DueOn })
            .ToListAsync(cancellationToken);
        var assignments = assignmentRows.ToLookup(a => a.HouseholdId);
        // First passes matter only for the modules assigned here: most households have none, and a learner's
        // attempts grow with every try (quiz submissions are stored in batches, each batch counted before and after).
        // PassesCanMoveAsync relies on this: it is the only way an unassisted pass counts.
        var assignedModules = assignmentRows.Select(a => a.ModuleId).OfType<string>().Distinct().ToList();
        var firstPasses = assignedModules.Count == 0
            ? []
            : (await (from m in accounts
                      join a in db.QuizAttempts on m.UserId equals a.UserId
                      where a.Passed && assignedModules.Contains(a.ModuleId)
                      group a by new { a.UserId, a.ModuleId } into g
                      select new { g.Key.UserId, g.Key.ModuleId, At = g.Min(a => a.SubmittedAt) }).ToListAsync(cancellationToken))
                .ToDictionary(p => (p.UserId, p.ModuleId), p => p.At);
        var assisted = (await (from m in accounts
                               join a in db.QuizAttempts on m.UserId equals a.UserId
                               where a.AssistedByUserId != null
                               group a by new { a.UserId, a.AssistedByUserId } into g
                               select new { g.Key.UserId, Helper = g.Key.AssistedByUserId!, At = g.Min(a => a.SubmittedAt) }).ToListAsync(cancellationToken))
            .ToLookup(a => a.UserId);
        // A disputed record counts for nothing, as for the certificate rule (TaskObservationService.HeldAsync).
        var observed = (await (from m in accounts
                               join o in db.TaskObservations on m.UserId equals o.UserId
                               where o.DisputedAt == null
                               select new { o.UserId, o.SkillId, o.ObservedByUserId, o.ObservedAt }).ToListAsync(cancellationToken))
            .ToLookup(o => o.UserId);

        foreach (var household in households)
        {
            var village = household.VillageId;
            var commune = household.CommuneId;
            var year = referenceYearOf(commune);
            result.Communes.Add(commune);
            result.Villages.Add(village);
            void Count(string metric, DateTime at) => result.Add(new FigureKey(commune, village, null, Quarter.Of(at).Key, metric));
            void CountFor(string? userId, string metric, DateTime at)
            {
                if (userId is not null)
                {
                    result.Add(new FigureKey(commune, 0, userId, Quarter.Of(at).Key, metric));
                }
            }

            Count(Metric.Households, household.CreatedAt);
            CountFor(household.CreatedByUserId, Metric.Households, household.CreatedAt);
            DateTime? coveredAt = null;
            DateTime? lastAdultCertified = null;
            var adults = 0;
            var adultsCertified = 0;
            var skillsFirstHeld = new Dictionary<string, DateTime>();
            foreach (var member in members[household.Id])
            {
                Count(Metric.People, household.CreatedAt);
                var group = AgeGroups.Of(member.BirthYear, year);
                Count(Metric.PeopleAged(group), household.CreatedAt);
                var adult = member.BirthYear is null || member.BirthYear <= year - Coverage.DigitalFamilyMinimumAge;
                adults += adult ? 1 : 0;
                if (member.UserId is not { } userId)
                {
                    continue;
                }
                if (userCreated.TryGetValue(userId, out var created))
                {
                    Count(Metric.Learners, created);
                }
                foreach (var certificate in certificates[userId].Where(c => c.RevokedAt == null))
                {
                    Count(Metric.Certificates(certificate.SkillId), certificate.IssuedAt);
                    skillsFirstHeld[certificate.SkillId] = skillsFirstHeld.TryGetValue(certificate.SkillId, out var first) && first < certificate.IssuedAt
                        ? first
                        : certificate.IssuedAt;
                    if (certificate.SkillId == Certificate.DigitalCitizen)
                    {
                        Count(Metric.CertifiedAged(group), certificate.IssuedAt);
                        coveredAt = Earliest(coveredAt, certificate.IssuedAt);
                        if (adult)
                        {
                            adultsCertified++;
                            lastAdultCertified = Latest(lastAdultCertified, certificate.IssuedAt);
                        }
                    }
                }
                var helps = assisted[userId].ToList();
                if (helps.Count > 0)
                {
                    Count(Metric.Helped, helps.Min(h => h.At));
                }
                foreach (var help in helps)
                {
                    CountFor(help.Helper, Metric.Helped, help.At);
                }
                var seen = observed[userId].ToList();
                if (seen.Count > 0)
                {
                    Count(Metric.Observed, seen.Min(o => o.ObservedAt));
                }
                foreach (var skill in seen.GroupBy(o => o.SkillId))
                {
                    Count(Metric.ObservedInSkill(skill.Key), skill.Min(o => o.ObservedAt));
                }
                foreach (var worker in seen.GroupBy(o => o.ObservedByUserId))
                {
                    CountFor(worker.Key, Metric.Observed, worker.Min(o => o.ObservedAt));
                }
            }
            if (coveredAt is { } covered)
            {
                Count(Metric.Covered, covered);
            }
            if (adults > 0 && adultsCertified == adults)
            {
                Count(Metric.DigitalFamilies, lastAdultCertified!.Value);
            }
            foreach (var (skillId, at) in skillsFirstHeld.Where(s => s.Key != Certificate.DigitalCitizen))
            {
                Count(Metric.HouseholdsWithSkill(skillId), at);
            }

            foreach (var assignment in assignments[household.Id])
            {
                var targets = members[household.Id]
                    .Where(m => m.UserId != null && (assignment.MemberId == null || assignment.MemberId == m.Id))
                    .Select(m => m.UserId!);
                // A module is done when it is passed; a skill when its certificate was issued (even if later
                // revoked: the learner did the work), the same rule as the household page's "Quá hạn" filter.
                DateTime? doneAt = null;
                foreach (var userId in targets)
                {
                    var at = assignment.ModuleId is { } moduleId
                        ? firstPasses.TryGetValue((userId, moduleId), out var passed) ? passed : (DateTime?)null
                        : certificates[userId].Where(c => c.SkillId == assignment.SkillId).Select(c => (DateTime?)c.IssuedAt).Min();
                    doneAt = Earliest(doneAt, at);
                }
                // Work done before the assignment was given counts in the quarter it was given.
                if (doneAt is { } done && done < assignment.CreatedAt)
                {
                    doneAt = assignment.CreatedAt;
                }
                result.AssignmentsDone[assignment.Id] = doneAt;
                Count(Metric.Assigned, assignment.CreatedAt);
                if (doneAt is { } finished)
                {
                    Count(Metric.AssignedDone, finished);
                    CountFor(assignment.CreatedByUserId, Metric.AssignedDone, finished);
                }
                else if (assignment.DueOn is { } due)
                {
                    result.Add(new FigureKey(commune, village, null, Quarter.Of(due).Key, Metric.OpenByDueQuarter));
                }
            }
        }
        return result;
    }

    /// <summary>
    /// Whether new, unassisted passes of these modules by members of these households can change what the households
    /// add: only as the first pass of a module assigned there (the figures above). A pass of a module whose skill is
    /// assigned changes no figure (a skill is done by its certificate, saved as one) but does change the household
    /// page's assignment, which listens for the figures; so it counts too.
    /// </summary>
    public static async Task<bool> PassesCanMoveAsync(AppDbContext db, IReadOnlyCollection<int> householdIds, IReadOnlyCollection<string> moduleIds,
        IReadOnlyCollection<string> skillIds, CancellationToken cancellationToken)
    {
        if (householdIds.Count == 0)
        {
            return false;
        }
        var households = householdIds.ToArray();
        var modules = moduleIds.ToArray();
        var skills = skillIds.ToArray();
        return await db.Assignments.AnyAsync(a => households.Contains(a.HouseholdId)
            && ((a.ModuleId != null && modules.Contains(a.ModuleId)) || (a.SkillId != null && skills.Contains(a.SkillId))), cancellationToken);
    }

    private static DateTime Earliest(DateTime? a, DateTime b) => a is { } x && x < b ? x : b;

    private static DateTime? Earliest(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : Earliest(a, b.Value);

    private static DateTime Latest(DateTime? a, DateTime b) => a is { } x && x > b ? x : b;
}
