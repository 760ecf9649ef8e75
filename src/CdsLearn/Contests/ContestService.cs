using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Households;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Contests;

/// <summary>What a host asks for when making a contest. Empty skills and modules mean the whole course.</summary>
public sealed record ContestDraft(
    string Title, int CommuneId, int? VillageId, ContestMode Mode, int SecondsPerQuestion, int QuestionCount,
    IReadOnlyCollection<string> SkillIds, IReadOnlyCollection<string> ModuleIds);

/// <summary>
/// The contest lobby: makes a contest (who may hold it where, which questions), finds it by id, code or big-screen
/// key, lists a scope's contests, and seats players. Running a contest is <see cref="ContestGame"/>; what the
/// screens show is <see cref="ContestBoard"/>.
/// </summary>
public sealed class ContestService(AppDbContext db, CourseCatalog catalog, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The single-answer, text-only questions of the chosen skills and modules (the whole course if none).</summary>
    public IReadOnlyList<(Module Module, QuizQuestion Question)> Pool(IReadOnlyCollection<string> skillIds, IReadOnlyCollection<string> moduleIds)
    {
        var course = catalog.Current;
        var modules = course.Skills.SelectMany(s => s.Modules)
            .Where(m => (skillIds.Count == 0 && moduleIds.Count == 0) || skillIds.Contains(m.SkillId) || moduleIds.Contains(m.Id));
        // Questions with several right options or a picture scenario do not suit a few seconds on a TV.
        return modules.SelectMany(m => m.Quiz.Questions.Where(q => !q.IsMultipleChoice && string.IsNullOrWhiteSpace(q.ScenarioHtml)).Select(q => (m, q))).ToList();
    }

    /// <summary>Whether the user may hold a contest in this commune (and village of it, if any): both in scope.</summary>
    public async Task<bool> MayHoldInAsync(Scope scope, int communeId, int? villageId, CancellationToken cancellationToken = default) =>
        await scope.Communes(db).AnyAsync(c => c.Id == communeId, cancellationToken)
        && (villageId is not { } village || await scope.Villages(db).AnyAsync(v => v.Id == village && v.CommuneId == communeId, cancellationToken));

    public async Task<Contest> CreateAsync(Scope scope, ContestDraft draft, string hostUserId, CancellationToken cancellationToken = default)
    {
        if (!await MayHoldInAsync(scope, draft.CommuneId, draft.VillageId, cancellationToken))
        {
            throw new OutOfScopeException($"commune {draft.CommuneId}, village {draft.VillageId}");
        }
        var pool = Pool(draft.SkillIds, draft.ModuleIds).ToArray();
        Random.Shared.Shuffle(pool);
        var chosen = pool.Take(Math.Clamp(draft.QuestionCount, 1, ContestRules.MaxQuestions)).ToList();
        if (chosen.Count == 0)
        {
            throw new ArgumentException("no questions to draw from", nameof(draft));
        }
        var contest = new Contest
        {
            Code = await NewCodeAsync(cancellationToken),
            Title = draft.Title.Trim(),
            CommuneId = draft.CommuneId,
            VillageId = draft.VillageId,
            HostUserId = hostUserId,
            Mode = draft.Mode,
            SecondsPerQuestion = Math.Clamp(draft.SecondsPerQuestion, ContestRules.MinSeconds, ContestRules.MaxSeconds),
            Phase = ContestPhase.Lobby,
            CreatedAt = Now,
            Questions = chosen.Select((c, i) => new ContestQuestion
            {
                Position = i,
                ModuleId = c.Module.Id,
                QuestionNumber = c.Question.Number,
                Text = c.Question.Text,
                OptionsText = string.Join('\n', c.Question.Options.Select(o => o.Text.ReplaceLineEndings(" "))),
                CorrectOption = c.Question.Options.ToList().FindIndex(o => o.IsCorrect),
                Explanation = c.Question.Explanation,
            }).ToList(),
        };
        db.Contests.Add(contest);
        await db.SaveChangesAsync(cancellationToken);
        return contest;
    }

    private async Task<string> NewCodeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var code = ContestRules.NewCode();
            if (!await db.Contests.AnyAsync(c => c.Code == code, cancellationToken))
            {
                return code;
            }
        }
    }

    public Task<Contest?> FindAsync(int id, CancellationToken cancellationToken = default) =>
        db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);

    public async Task<Contest?> FindByCodeAsync(string? code, CancellationToken cancellationToken = default) =>
        ContestRules.NormalizeCode(code) is { } normal
            ? await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Code == normal, cancellationToken)
            : null;

    /// <summary>The contest whose big-screen link carries this key (exact, as the site wrote it); null for any other.</summary>
    public async Task<Contest?> FindByScreenKeyAsync(string? key, CancellationToken cancellationToken = default) =>
        key is { Length: ContestRules.ScreenKeyLength }
            ? await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.ScreenKey == key, cancellationToken)
            : null;

    /// <summary>Gives the contest a new big-screen key (the old link stops working), or none when <paramref name="on"/>
    /// is false. The caller has checked that the user may run the contest.</summary>
    public async Task<string?> SetScreenKeyAsync(int contestId, bool on, CancellationToken cancellationToken = default)
    {
        var contest = await db.Contests.SingleAsync(c => c.Id == contestId, cancellationToken);
        contest.ScreenKey = on ? ContestRules.NewScreenKey() : null;
        await db.SaveChangesAsync(cancellationToken);
        return contest.ScreenKey;
    }

    /// <summary>Whether the user may run the contest: its host, or anyone with its commune in scope.</summary>
    public async Task<bool> MayHostAsync(Contest contest, string? userId, Scope scope, CancellationToken cancellationToken = default) =>
        (userId is not null && contest.HostUserId == userId)
        || scope.WholeProvince
        || await scope.Communes(db).AnyAsync(c => c.Id == contest.CommuneId, cancellationToken);

    /// <summary>The contests of the communes in scope, newest first.</summary>
    public async Task<IReadOnlyList<ContestSummary>> ListAsync(Scope scope, int? communeId = null, CancellationToken cancellationToken = default)
    {
        var query = db.Contests.AsNoTracking();
        if (communeId is { } only)
        {
            query = query.Where(c => c.CommuneId == only);
        }
        if (!scope.WholeProvince)
        {
            var communes = scope.Communes(db).Select(c => c.Id);
            query = query.Where(c => communes.Contains(c.CommuneId));
        }
        var contests = await query.OrderByDescending(c => c.CreatedAt).Take(100)
            .Select(c => new { c.Id, c.Title, c.Code, c.CreatedAt, c.Phase, c.Mode, c.CommuneId, Commune = db.Communes.Where(x => x.Id == c.CommuneId).Select(x => x.Name).First() })
            .ToListAsync(cancellationToken);
        var ids = contests.Select(c => c.Id).ToList();
        var players = await db.ContestPlayers.AsNoTracking().Where(p => ids.Contains(p.ContestId)).ToListAsync(cancellationToken);
        var userIds = players.Where(p => p.UserId != null).Select(p => p.UserId!).Distinct().ToList();
        var householdOf = (await db.HouseholdMembers.AsNoTracking().Where(m => m.UserId != null && userIds.Contains(m.UserId))
            .Select(m => new { m.UserId, m.HouseholdId }).ToListAsync(cancellationToken))
            .GroupBy(m => m.UserId!).ToDictionary(g => g.Key, g => g.Select(m => m.HouseholdId).ToList());
        var byContest = players.ToLookup(p => p.ContestId);
        return contests.Select(c =>
        {
            var seats = byContest[c.Id].ToList();
            var households = seats.Where(p => p.UserId != null).SelectMany(p => householdOf.GetValueOrDefault(p.UserId!) ?? []).Distinct().Count();
            var contest = new Contest { Code = c.Code, Title = c.Title, HostUserId = "", Mode = c.Mode, Phase = c.Phase };
            return new ContestSummary(c.Id, c.Title, c.Code, c.CommuneId, c.Commune, c.CreatedAt, c.Phase, c.Mode, seats.Count, households,
                c.Phase == ContestPhase.Finished ? ContestRules.Winners(contest, seats).Select(p => p.DisplayName).ToList() : []);
        }).ToList();
    }

    /// <summary>The finished contests a signed-in learner played, newest first: counted like a practice on their
    /// home page (never towards a certificate).</summary>
    public async Task<IReadOnlyList<PlayedContest>> PlayedByAsync(string userId, CancellationToken cancellationToken = default) =>
        await PlayedBy(db, userId).ToListAsync(cancellationToken);

    private static readonly Func<AppDbContext, string, IAsyncEnumerable<PlayedContest>> PlayedBy = EF.CompileAsyncQuery(
        (AppDbContext db, string userId) =>
            (from p in db.ContestPlayers.AsNoTracking()
             join c in db.Contests.AsNoTracking() on p.ContestId equals c.Id
             where p.UserId == userId && c.Phase == ContestPhase.Finished
             orderby c.CreatedAt descending
             select new PlayedContest(c.Title, c.CreatedAt, c.Mode, p.RightAnswers, c.Questions.Count(q => q.Position <= c.CurrentIndex), p.Score))
            .Take(5));

    /// <summary>
    /// Gives the phone a seat. A signed-in learner who already has a seat (on another phone, or a cleared cookie)
    /// gets that seat back with a fresh token. Returns the player and the token to keep on the phone.
    /// </summary>
    public async Task<(ContestPlayer Player, string Token)> JoinAsync(Contest contest, string displayName, string? userId, CancellationToken cancellationToken = default)
    {
        var token = ContestRules.NewSeatToken();
        var player = userId is null ? null : await db.ContestPlayers.SingleOrDefaultAsync(p => p.ContestId == contest.Id && p.UserId == userId, cancellationToken);
        if (player is null)
        {
            // In the elimination game a late comer watches until a rescue round brings everyone back.
            var late = contest.Mode == ContestMode.Elimination && contest.CurrentIndex >= 0;
            player = new ContestPlayer
            {
                ContestId = contest.Id,
                SeatTokenHash = "",
                DisplayName = displayName,
                UserId = userId,
                JoinedAt = Now,
                Eliminated = late,
                EliminatedAt = late ? -1 : null,
            };
            db.ContestPlayers.Add(player);
        }
        player.SeatTokenHash = ContestRules.HashSeatToken(token);
        await db.SaveChangesAsync(cancellationToken);
        return (player, token);
    }

    public async Task<ContestPlayer?> FindPlayerAsync(int contestId, string? token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        var hash = ContestRules.HashSeatToken(token);
        return await db.ContestPlayers.AsNoTracking().SingleOrDefaultAsync(p => p.ContestId == contestId && p.SeatTokenHash == hash, cancellationToken);
    }
}
