using CdsLearn.Certificates;
using CdsLearn.Data;
using CdsLearn.Geography;
using CdsLearn.Households;
using CdsLearn.Learning;
using CdsLearn.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CdsLearn.Figures;

/// <summary>What changed in the figures, told to listeners once the transaction that changed them has committed.</summary>
public sealed record FigureChange(IReadOnlySet<int> CommuneIds, IReadOnlySet<int> VillageIds, IReadOnlyList<int> AssignmentsDone);

/// <summary>Told about committed figure changes (the web app pushes them to dashboards over SignalR).</summary>
public interface IFigureListener
{
    void OnCommitted(FigureChange change);
}

/// <summary>
/// Keeps the figures in step with the data: on every save that touches households, members, certificates, counted
/// quiz attempts, assignments or observed tasks ("Tổ xác nhận"), it works out what the touched households added to the figures before the save and
/// after it, and writes the difference, in the same transaction as the change itself. A save of a learner's own passes
/// only is counted so only where the household was given their module or skill (it moves nothing elsewhere). Dashboards then read a few
/// rows per commune instead of counting learners.
/// </summary>
internal sealed class FigureKeeper(AppDbContext db, IEnumerable<IFigureListener> listeners, TimeProvider clock)
{
    private readonly List<FigureChange> pending = [];

    public async Task<int> SaveAsync(bool acceptAllChangesOnSuccess, Func<bool, CancellationToken, Task<int>> save, CancellationToken cancellationToken)
    {
        if (db.ChangeTracker.AutoDetectChangesEnabled)
        {
            db.ChangeTracker.DetectChanges();
        }
        // One walk over the change tracker finds both what moves the figures and the places edited.
        var (touched, places) = Touched.Scan(db.ChangeTracker);
        var count = touched is null
            ? await save(acceptAllChangesOnSuccess, cancellationToken)
            : await SaveTouchedAsync(touched, acceptAllChangesOnSuccess, save, cancellationToken);
        if (places is not null)
        {
            Changed(places.Change());
        }
        return count;
    }

    private async Task<int> SaveTouchedAsync(Touched touched, bool acceptAllChangesOnSuccess, Func<bool, CancellationToken, Task<int>> save, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            var saved = await SaveWithFiguresAsync(touched, save, cancellationToken);
            if (acceptAllChangesOnSuccess)
            {
                db.ChangeTracker.AcceptAllChanges();
            }
            return saved;
        }
        var strategy = db.Database.CreateExecutionStrategy();
        var count = await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var saved = await SaveWithFiguresAsync(touched, save, ct);
            await transaction.CommitAsync(ct);
            return saved;
        }, cancellationToken);
        if (acceptAllChangesOnSuccess)
        {
            db.ChangeTracker.AcceptAllChanges();
        }
        return count;
    }

    /// <summary>Throws when the pending changes would move the figures: those must be saved with SaveChangesAsync.</summary>
    public void RefuseSynchronousSave()
    {
        if (db.ChangeTracker.AutoDetectChangesEnabled)
        {
            db.ChangeTracker.DetectChanges();
        }
        if (Touched.Scan(db.ChangeTracker).Touched is not null)
        {
            throw new InvalidOperationException(
                "These changes move the figures (households, members, certificates, counted quiz attempts, assignments or observed tasks): save them with SaveChangesAsync, which keeps the figures in the same transaction.");
        }
    }

    public void Committed()
    {
        if (pending.Count == 0)
        {
            return;
        }
        var change = new FigureChange(
            pending.SelectMany(p => p.CommuneIds).ToHashSet(),
            pending.SelectMany(p => p.VillageIds).ToHashSet(),
            pending.SelectMany(p => p.AssignmentsDone).Distinct().ToList());
        pending.Clear();
        Tell(change);
    }

    public void RolledBack() => pending.Clear();

    /// <summary>Announces a change made without the keeper (a recount, a team's members): once the transaction
    /// commits, or at once when none is open (the change is already saved).</summary>
    public void Changed(FigureChange change)
    {
        if (db.Database.CurrentTransaction is null)
        {
            Tell(change);
        }
        else
        {
            pending.Add(change);
        }
    }

    private void Tell(FigureChange change)
    {
        foreach (var listener in listeners)
        {
            listener.OnCommitted(change);
        }
    }

    private async Task<int> SaveWithFiguresAsync(Touched touched, Func<bool, CancellationToken, Task<int>> save, CancellationToken cancellationToken)
    {
        // A copy: a retried transaction starts again from what the change tracker said.
        var before = touched.HouseholdIdsBefore.ToHashSet();
        before.UnionWith(await HouseholdsOfAsync(touched.UserIds, cancellationToken));
        await LockAsync(before, cancellationToken);
        // Most saves of a quiz are a learner's own pass: nothing to count unless their household was given its module or
        // skill. Asked after the lock, so an assignment given at the same moment is either seen here or counts the pass.
        if (touched.NewPasses is { } passes && !await HouseholdContributions.PassesCanMoveAsync(db, before, passes.Modules, passes.Skills, cancellationToken))
        {
            return await save(false, cancellationToken);
        }

        var years = await FigureStore.ReferenceYearsAsync(db, cancellationToken);
        var fallbackYear = VietnamTime.ThisYear(clock);
        int YearOf(int communeId) => years.GetValueOrDefault(communeId, fallbackYear);
        // The households go as one parameter (DatabaseProviders.Configure): the SQL of the seven statements stays the
        // same from one save to the next, and EF does not build it again.
        var beforeIds = before.ToArray();
        var old = await HouseholdContributions.ComputeAsync(db, db.Households.Where(h => beforeIds.Contains(h.Id)), YearOf, cancellationToken);

        var saved = await save(false, cancellationToken);

        // Accounts joining or leaving households are member entries, so the households of the touched accounts
        // are the same as before the save.
        var after = touched.HouseholdIdsAfter();
        after.UnionWith(before);
        var afterIds = after.ToArray();
        var now = await HouseholdContributions.ComputeAsync(db, db.Households.Where(h => afterIds.Contains(h.Id)), YearOf, cancellationToken);

        await FigureStore.AddAsync(db, now.Minus(old), cancellationToken);
        await FigureStore.EnsureReferenceYearsAsync(db, now.Communes.Where(c => !years.ContainsKey(c)), fallbackYear, cancellationToken);
        var done = await FigureStore.SetAssignmentsDoneAsync(db, now.AssignmentsDone, cancellationToken);
        var communes = now.Communes.Union(old.Communes).ToHashSet();
        if (touched.Workers.Count > 0)
        {
            var at = clock.GetUtcNow().UtcDateTime;
            await db.TeamMembers.Where(m => touched.Workers.Contains(m.UserId)).ExecuteUpdateAsync(m => m.SetProperty(x => x.LastActiveAt, at), cancellationToken);
            // Their teams' communes count them as active now, wherever the household they worked for is.
            communes.UnionWith(await (from m in db.TeamMembers
                                      join t in db.Teams on m.TeamId equals t.Id
                                      where touched.Workers.Contains(m.UserId)
                                      select t.CommuneId).Distinct().ToListAsync(cancellationToken));
        }
        pending.Add(new FigureChange(
            communes,
            now.Villages.Union(old.Villages).ToHashSet(),
            done));
        return saved;
    }

    /// <summary>
    /// On PostgreSQL, holds the touched households until commit, so that two saves touching one household (two of
    /// its members passing at once) count it one after the other: under READ COMMITTED both would otherwise see it
    /// uncovered before and covered after, and count it twice. SQLite needs nothing: it has one writer at a time,
    /// and a transaction that read before another's commit must retry. Locks are taken in id order (no deadlock
    /// between two savers); a deadlock or serialization failure is retried by Npgsql's execution strategy.
    /// </summary>
    private async Task LockAsync(HashSet<int> householdIds, CancellationToken cancellationToken)
    {
        if (householdIds.Count == 0 || !db.Database.IsNpgsql())
        {
            return;
        }
        var ids = householdIds.Order().ToArray();
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Households" WHERE "Id" = ANY({ids}) ORDER BY "Id" FOR UPDATE""", cancellationToken);
    }

    private async Task<HashSet<int>> HouseholdsOfAsync(HashSet<string> userIds, CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
        {
            return [];
        }
        var ids = userIds.ToArray();
        return (await db.HouseholdMembers.Where(m => m.UserId != null && ids.Contains(m.UserId))
            .Select(m => m.HouseholdId).ToListAsync(cancellationToken)).ToHashSet();
    }

    /// <summary>Communes and villages added, changed or removed: no figure moves, but what the dashboards keep of the
    /// places (names, official household counts, the list itself) must be read again.</summary>
    private sealed class PlaceEdits
    {
        private readonly List<EntityEntry> added = [];
        private readonly HashSet<int> communeIds = [];
        private readonly HashSet<int> villageIds = [];

        public void Add(EntityEntry entry)
        {
            if (entry.State == EntityState.Added)
            {
                // Store-generated keys are known only once saved.
                added.Add(entry);
            }
            else
            {
                Note(entry);
            }
        }

        public FigureChange Change()
        {
            foreach (var entry in added)
            {
                Note(entry);
            }
            return new FigureChange(communeIds, villageIds, []);
        }

        private void Note(EntityEntry entry)
        {
            if (entry.Entity is Village)
            {
                villageIds.Add((int)entry.Property(nameof(Village.Id)).CurrentValue!);
                communeIds.Add((int)entry.Property(nameof(Village.CommuneId)).CurrentValue!);
            }
            else
            {
                communeIds.Add((int)entry.Property(nameof(Commune.Id)).CurrentValue!);
            }
        }
    }

    /// <summary>The households and accounts a pending save touches in a way the figures depend on.</summary>
    private sealed class Touched
    {
        /// <summary>Entries whose household id is only known once saved (new households, new members of new households):
        /// until changes are accepted, EF keeps store-generated keys in the entry, not in the entity.</summary>
        private readonly List<(EntityEntry Entry, string Property)> afterSave = [];

        public HashSet<int> HouseholdIdsBefore { get; } = [];

        /// <summary>When all the save touches is new, unassisted passes: their modules and skills. Null otherwise.</summary>
        public (HashSet<string> Modules, HashSet<string> Skills)? NewPasses { get; private set; }

        public HashSet<string> UserIds { get; } = [];

        /// <summary>Team workers who did outreach work in this save: registered a household, gave an assignment,
        /// helped someone through a quiz, saw someone do a real task.</summary>
        public HashSet<string> Workers { get; } = [];

        /// <summary>Ids known only once saved: new households, and the households of new members and assignments.</summary>
        public HashSet<int> HouseholdIdsAfter() =>
            afterSave.Select(e => e.Entry.Property(e.Property).CurrentValue).OfType<int>().ToHashSet();

        /// <summary>What a pending save touches, in one walk over the tracked entries: the households and accounts
        /// the figures depend on, and the places edited (null when none).</summary>
        public static (Touched? Touched, PlaceEdits? Places) Scan(ChangeTracker tracker)
        {
            var touched = new Touched();
            // Touched otherwise than by a new, unassisted pass.
            var other = false;
            (HashSet<string> Modules, HashSet<string> Skills) passes = ([], []);
            PlaceEdits? places = null;
            foreach (var entry in tracker.Entries())
            {
                if (entry.State is EntityState.Unchanged or EntityState.Detached)
                {
                    continue;
                }
                switch (entry.Entity)
                {
                    case Commune or Village:
                        (places ??= new PlaceEdits()).Add(entry);
                        break;
                    case Household when entry.State != EntityState.Modified
                        || Changed(entry, nameof(Household.VillageId), nameof(Household.CreatedAt), nameof(Household.CreatedByUserId)):
                        touched.Add(entry, nameof(Household.Id));
                        touched.Worker(entry, ((Household)entry.Entity).CreatedByUserId);
                        other = true;
                        break;
                    case HouseholdMember when entry.State != EntityState.Modified
                        || Changed(entry, nameof(HouseholdMember.BirthYear), nameof(HouseholdMember.UserId), nameof(HouseholdMember.HouseholdId)):
                        touched.Add(entry, nameof(HouseholdMember.HouseholdId));
                        other = true;
                        break;
                    case Households.Assignment assignment:
                        touched.Add(entry, nameof(Households.Assignment.HouseholdId));
                        touched.Worker(entry, assignment.CreatedByUserId);
                        other = true;
                        break;
                    case Certificate certificate:
                        touched.UserIds.Add(certificate.UserId);
                        other = true;
                        break;
                    case QuizAttempt attempt when attempt.Passed || attempt.AssistedByUserId is not null:
                        touched.UserIds.Add(attempt.UserId);
                        touched.Worker(entry, attempt.AssistedByUserId);
                        if (entry.State == EntityState.Added && attempt.AssistedByUserId is null)
                        {
                            passes.Modules.Add(attempt.ModuleId);
                            passes.Skills.Add(attempt.SkillId);
                        }
                        else
                        {
                            other = true;
                        }
                        break;
                    case TaskObservation observation:
                        // Recorded or disputed: the person's household counts again, before and after.
                        touched.UserIds.Add(observation.UserId);
                        if (entry.State == EntityState.Modified && entry.Property(nameof(TaskObservation.UserId)).OriginalValue is string before)
                        {
                            touched.UserIds.Add(before);
                        }
                        touched.Worker(entry, observation.ObservedByUserId);
                        other = true;
                        break;
                }
            }
            var any = other || passes.Modules.Count > 0;
            touched.NewPasses = any && !other ? passes : null;
            return (any ? touched : null, places);
        }

        private void Worker(EntityEntry entry, string? userId)
        {
            if (entry.State == EntityState.Added && userId is not null)
            {
                Workers.Add(userId);
            }
        }

        private static bool Changed(EntityEntry entry, params string[] properties) =>
            properties.Any(p => entry.Property(p).IsModified);

        /// <summary>Notes the household id as stored before this save (a household that does not exist yet adds
        /// nothing), and where to read it once saved.</summary>
        private void Add(EntityEntry entry, string property)
        {
            var value = entry.Property(property);
            if (!value.IsTemporary && value.OriginalValue is int id and > 0)
            {
                HouseholdIdsBefore.Add(id);
            }
            if (entry.State != EntityState.Deleted)
            {
                afterSave.Add((entry, property));
            }
        }
    }
}
