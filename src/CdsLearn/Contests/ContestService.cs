using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Households;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Contests;

/// <summary>What a host asks for when making a contest. Empty skills and modules mean the whole course.</summary>
public sealed record ContestDraft(
    string Title, int CommuneId, int? VillageId, ContestMode Mode, int SecondsPerQuestion, int QuestionCount,
    IReadOnlyCollection<string> SkillIds, IReadOnlyCollection<string> ModuleIds);

public enum AnswerOutcome
{
    Accepted,
    AlreadyAnswered,
    TooLate,
    Eliminated,
    NotOpen,
    Invalid,
}

/// <summary>
/// Runs contests: every step loads the contest from the database, checks, changes and saves it, so the state is
/// the database's and survives a reload of the host's page or a restart of the server. Whether an answer is in
/// time is decided by the server's clock against <see cref="Contest.QuestionClosesAt"/>, never by the phone's.
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
                c.Phase == ContestPhase.Finished ? Winners(contest, seats).Select(p => p.DisplayName).ToList() : []);
        }).ToList();
    }

    /// <summary>The finished contests a signed-in learner played, newest first: counted like a practice on their
    /// home page (never towards a certificate).</summary>
    public async Task<IReadOnlyList<PlayedContest>> PlayedByAsync(string userId, CancellationToken cancellationToken = default) =>
        await (from p in db.ContestPlayers.AsNoTracking()
               join c in db.Contests.AsNoTracking() on p.ContestId equals c.Id
               where p.UserId == userId && c.Phase == ContestPhase.Finished
               orderby c.CreatedAt descending
               select new PlayedContest(c.Title, c.CreatedAt, c.Mode, p.RightAnswers, c.Questions.Count(q => q.Position <= c.CurrentIndex), p.Score))
            .Take(5).ToListAsync(cancellationToken);

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

    /// <summary>
    /// Stores the answer if, by the server's clock, the question is still open. One statement checks and inserts,
    /// so an answer can never slip in after the lock that <see cref="RevealAsync"/> takes.
    /// </summary>
    public async Task<AnswerOutcome> AnswerAsync(int contestId, int playerId, int position, int option, CancellationToken cancellationToken = default)
    {
        var now = Now;
        var question = await db.ContestQuestions.AsNoTracking().Where(q => q.ContestId == contestId && q.Position == position)
            .Select(q => q.OptionsText).SingleOrDefaultAsync(cancellationToken);
        if (question is null || option < 0 || option >= question.Split('\n').Length)
        {
            return AnswerOutcome.Invalid;
        }
        var open = ContestPhase.Question.ToString();
        int inserted;
        try
        {
            // Raw SQL for SQLite and PostgreSQL alike (EF's default quoted names). On PostgreSQL the check holds a
            // share lock on the contest row until the answer commits: RevealAsync's update waits for answers in
            // flight, and an answer arriving during the reveal waits for it and then finds the question locked.
            // Without it, under READ COMMITTED an answer checked just before the reveal could commit after the
            // reveal had read the answers: stored but never scored. SQLite has one writer at a time.
            var holdContest = db.Database.IsNpgsql() ? " FOR SHARE OF c" : "";
            var sql = $$"""
                INSERT INTO "ContestAnswers" ("ContestId", "PlayerId", "Position", "Option", "AnsweredAt")
                SELECT {0}, {1}, {2}, {3}, {4}
                WHERE EXISTS (SELECT 1 FROM "Contests" c WHERE c."Id" = {0} AND c."Phase" = {5}
                                AND c."CurrentIndex" = {2} AND c."QuestionClosesAt" > {4}{{holdContest}})
                  AND EXISTS (SELECT 1 FROM "ContestPlayers" p WHERE p."Id" = {1} AND p."ContestId" = {0} AND NOT p."Eliminated")
                  AND NOT EXISTS (SELECT 1 FROM "ContestAnswers" a WHERE a."PlayerId" = {1} AND a."Position" = {2})
                """;
            inserted = await db.Database.ExecuteSqlRawAsync(sql, [contestId, playerId, position, option, now, open], cancellationToken);
        }
        catch (DbUpdateException)
        {
            inserted = 0;
        }
        catch (System.Data.Common.DbException)
        {
            // The unique (player, question) index caught a double tap that raced its twin.
            inserted = 0;
        }
        if (inserted == 1)
        {
            return AnswerOutcome.Accepted;
        }
        if (await db.ContestAnswers.AnyAsync(a => a.PlayerId == playerId && a.Position == position, cancellationToken))
        {
            return AnswerOutcome.AlreadyAnswered;
        }
        var contest = await FindAsync(contestId, cancellationToken);
        if (contest is null || position > contest.CurrentIndex)
        {
            return AnswerOutcome.NotOpen;
        }
        // After the lock "too late" says more than "you are out", even when the missing answer put the player out.
        if (position < contest.CurrentIndex || contest.Phase != ContestPhase.Question || contest.QuestionClosesAt <= now)
        {
            return AnswerOutcome.TooLate;
        }
        return await db.ContestPlayers.AnyAsync(p => p.Id == playerId && p.Eliminated, cancellationToken)
            ? AnswerOutcome.Eliminated
            : AnswerOutcome.Invalid;
    }

    public Task<int> PlayerCountAsync(int contestId, CancellationToken cancellationToken = default) =>
        db.ContestPlayers.CountAsync(p => p.ContestId == contestId, cancellationToken);

    public Task<int> AnsweredCountAsync(int contestId, int position, CancellationToken cancellationToken = default) =>
        db.ContestAnswers.CountAsync(a => a.ContestId == contestId && a.Position == position, cancellationToken);

    /// <summary>Opens the next question (or the first), or finishes the contest after the last. Only from the lobby
    /// or a revealed question: an open question must be locked first.</summary>
    public async Task<bool> NextAsync(int contestId, CancellationToken cancellationToken = default)
    {
        var contest = await db.Contests.SingleOrDefaultAsync(c => c.Id == contestId, cancellationToken);
        if (contest is null || contest.Phase is not (ContestPhase.Lobby or ContestPhase.Revealed))
        {
            return false;
        }
        var total = await db.ContestQuestions.CountAsync(q => q.ContestId == contestId, cancellationToken);
        if (contest.CurrentIndex + 1 >= total)
        {
            return await FinishAsync(contestId, cancellationToken);
        }
        var now = Now;
        var from = contest.Phase;
        var index = contest.CurrentIndex;
        // Conditional on the phase read, so two taps (or host and TV) never skip a question.
        var changed = await db.Contests.Where(c => c.Id == contestId && c.Phase == from && c.CurrentIndex == index)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Phase, ContestPhase.Question)
                .SetProperty(c => c.CurrentIndex, index + 1)
                .SetProperty(c => c.QuestionOpenedAt, now)
                .SetProperty(c => c.QuestionClosesAt, now.AddSeconds(contest.SecondsPerQuestion)), cancellationToken);
        return changed == 1;
    }

    /// <summary>
    /// Locks the open question and scores it: when its time is up, or earlier when the host says so. In the
    /// elimination game every player still in who did not answer right goes out.
    /// </summary>
    public async Task<bool> RevealAsync(int contestId, bool early, CancellationToken cancellationToken = default)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            var now = Now;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contestId, ct);
            if (contest is not { Phase: ContestPhase.Question, QuestionClosesAt: { } closesAt, QuestionOpenedAt: { } openedAt } || (!early && closesAt > now))
            {
                return false;
            }
            var index = contest.CurrentIndex;
            var lockedAt = closesAt < now ? closesAt : now;
            // Takes the write lock before reading the answers: no answer can be added after this point.
            var claimed = await db.Contests.Where(c => c.Id == contestId && c.Phase == ContestPhase.Question && c.CurrentIndex == index)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Phase, ContestPhase.Revealed).SetProperty(c => c.QuestionClosesAt, lockedAt), ct);
            if (claimed != 1)
            {
                return false;
            }
            var question = await db.ContestQuestions.AsNoTracking().SingleAsync(q => q.ContestId == contestId && q.Position == index, ct);
            var answers = await db.ContestAnswers.AsNoTracking().Where(a => a.ContestId == contestId && a.Position == index)
                .ToDictionaryAsync(a => a.PlayerId, ct);
            var players = await db.ContestPlayers.Where(p => p.ContestId == contestId && !p.Eliminated).ToListAsync(ct);
            var limit = TimeSpan.FromSeconds(contest.SecondsPerQuestion);
            foreach (var player in players)
            {
                var right = answers.TryGetValue(player.Id, out var answer) && answer.Option == question.CorrectOption;
                if (right)
                {
                    player.RightAnswers++;
                    player.Score += contest.Mode == ContestMode.Points ? ContestRules.Points(answer!.AnsweredAt - openedAt, limit) : 1;
                }
                else if (contest.Mode == ContestMode.Elimination)
                {
                    player.Eliminated = true;
                    player.EliminatedAt = index;
                }
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }, cancellationToken);
    }

    /// <summary>The rescue round of "Rung chuông vàng": once per contest, between questions, everyone who is out comes back.</summary>
    public async Task<bool> RescueAsync(int contestId, CancellationToken cancellationToken = default)
    {
        var contest = await db.Contests.SingleOrDefaultAsync(c => c.Id == contestId, cancellationToken);
        if (contest is not { Mode: ContestMode.Elimination, RescueUsed: false } || contest.Phase is not (ContestPhase.Revealed or ContestPhase.Lobby))
        {
            return false;
        }
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.Contests.Where(c => c.Id == contestId && !c.RescueUsed).ExecuteUpdateAsync(s => s.SetProperty(c => c.RescueUsed, true), ct);
            if (claimed != 1)
            {
                return false;
            }
            await db.ContestPlayers.Where(p => p.ContestId == contestId && p.Eliminated)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Eliminated, false).SetProperty(p => p.EliminatedAt, (int?)null), ct);
            await transaction.CommitAsync(ct);
            return true;
        }, cancellationToken);
    }

    /// <summary>Ends the contest; an open question is locked and scored first.</summary>
    public async Task<bool> FinishAsync(int contestId, CancellationToken cancellationToken = default)
    {
        await RevealAsync(contestId, early: true, cancellationToken);
        var now = Now;
        var finished = ContestPhase.Finished;
        return await db.Contests.Where(c => c.Id == contestId && c.Phase != finished && c.Phase != ContestPhase.Question)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Phase, finished).SetProperty(c => c.FinishedAt, now), cancellationToken) == 1;
    }

    /// <summary>Contests whose open question's time is up, for the timer that locks them.</summary>
    public async Task<IReadOnlyList<int>> DueAsync(CancellationToken cancellationToken = default)
    {
        var now = Now;
        return await db.Contests.AsNoTracking().Where(c => c.Phase == ContestPhase.Question && c.QuestionClosesAt <= now)
            .Select(c => c.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Who won: in the elimination game whoever is still in (else whoever lasted longest); in the points
    /// game the three best scores (ties included).</summary>
    public static IReadOnlyList<ContestPlayer> Winners(Contest contest, IReadOnlyCollection<ContestPlayer> players)
    {
        if (players.Count == 0)
        {
            return [];
        }
        if (contest.Mode == ContestMode.Elimination)
        {
            var standing = players.Where(p => !p.Eliminated).OrderBy(p => p.DisplayName, StringComparer.Ordinal).ToList();
            if (standing.Count > 0)
            {
                return standing;
            }
            var longest = players.Max(p => (p.EliminatedAt ?? -1, p.RightAnswers));
            return longest.Item1 < 0 && longest.RightAnswers == 0 ? [] : players.Where(p => (p.EliminatedAt ?? -1, p.RightAnswers) == longest).ToList();
        }
        var ranked = players.Where(p => p.Score > 0).OrderByDescending(p => p.Score).ToList();
        if (ranked.Count <= 3)
        {
            return ranked;
        }
        var third = ranked[2].Score;
        return ranked.TakeWhile(p => p.Score >= third).ToList();
    }

    /// <summary>The contest, how many questions it has, and the question it is at (null before the first).</summary>
    private async Task<(Contest Contest, int Total, ContestQuestion? Question)?> CurrentAsync(int contestId, CancellationToken cancellationToken)
    {
        var contest = await FindAsync(contestId, cancellationToken);
        if (contest is null)
        {
            return null;
        }
        var total = await db.ContestQuestions.CountAsync(q => q.ContestId == contestId, cancellationToken);
        var question = contest.CurrentIndex >= 0
            ? await db.ContestQuestions.AsNoTracking().SingleOrDefaultAsync(q => q.ContestId == contestId && q.Position == contest.CurrentIndex, cancellationToken)
            : null;
        return (contest, total, question);
    }

    /// <summary>What the host and the TV see. Before the lock it names neither the right option nor the spread of answers.</summary>
    public async Task<BoardView?> BoardAsync(int contestId, CancellationToken cancellationToken = default)
    {
        if (await CurrentAsync(contestId, cancellationToken) is not var (contest, total, question))
        {
            return null;
        }
        var players = await db.ContestPlayers.AsNoTracking().Where(p => p.ContestId == contestId).ToListAsync(cancellationToken);
        var shown = contest.Phase is ContestPhase.Revealed or ContestPhase.Finished;
        var counts = question is null ? [] : await db.ContestAnswers.AsNoTracking()
            .Where(a => a.ContestId == contestId && a.Position == question.Position)
            .GroupBy(a => a.Option).Select(g => new { Option = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var leaders = players
            .OrderBy(p => p.Eliminated).ThenByDescending(p => p.Score).ThenByDescending(p => p.RightAnswers).ThenBy(p => p.DisplayName, StringComparer.Ordinal)
            .Take(10).Select(p => new BoardPlayer(p.DisplayName, p.Score, p.RightAnswers, p.Eliminated)).ToList();
        return new BoardView(
            contest.Id, contest.Code, contest.Title, contest.Mode, contest.Phase, contest.CurrentIndex, total, contest.SecondsPerQuestion,
            question?.Text, question?.Options,
            ClosesInMs(contest),
            shown ? question?.CorrectOption : null,
            shown ? question?.Explanation : null,
            shown && question is not null ? question.Options.Select((_, i) => counts.FirstOrDefault(c => c.Option == i)?.Count ?? 0).ToList() : null,
            players.Count,
            players.Count(p => !p.Eliminated),
            counts.Sum(c => c.Count),
            leaders,
            contest.Phase == ContestPhase.Finished ? Winners(contest, players).Select(p => p.DisplayName).ToList() : [],
            contest is { Mode: ContestMode.Elimination, RescueUsed: false, Phase: ContestPhase.Revealed } && players.Any(p => p.Eliminated),
            contest.Phase == ContestPhase.Revealed && contest.CurrentIndex + 1 >= total);
    }

    /// <summary>What every player's phone is sent: the question and its options, and only after the lock the answer.</summary>
    public async Task<PlayerView?> PlayerViewAsync(int contestId, CancellationToken cancellationToken = default)
    {
        if (await CurrentAsync(contestId, cancellationToken) is not var (contest, total, question))
        {
            return null;
        }
        var shown = contest.Phase is ContestPhase.Revealed or ContestPhase.Finished;
        IReadOnlyList<string>? winners = null;
        if (contest.Phase == ContestPhase.Finished)
        {
            var players = await db.ContestPlayers.AsNoTracking().Where(p => p.ContestId == contestId).ToListAsync(cancellationToken);
            winners = Winners(contest, players).Select(p => p.DisplayName).ToList();
        }
        return new PlayerView(
            contest.Title, contest.Mode, contest.Phase, contest.CurrentIndex, total, contest.SecondsPerQuestion,
            question?.Text, question?.Options, ClosesInMs(contest),
            shown ? question?.CorrectOption : null,
            shown ? question?.Explanation : null,
            winners);
    }

    /// <summary>The player's own standing, and their answer to the current question.</summary>
    public async Task<PlayerSelf?> SelfAsync(int contestId, int playerId, CancellationToken cancellationToken = default)
    {
        var player = await db.ContestPlayers.AsNoTracking().SingleOrDefaultAsync(p => p.Id == playerId && p.ContestId == contestId, cancellationToken);
        if (player is null)
        {
            return null;
        }
        var index = await db.Contests.Where(c => c.Id == contestId).Select(c => c.CurrentIndex).SingleAsync(cancellationToken);
        var answer = await db.ContestAnswers.AsNoTracking().Where(a => a.PlayerId == playerId && a.Position == index)
            .Select(a => (int?)a.Option).SingleOrDefaultAsync(cancellationToken);
        return new PlayerSelf(player.DisplayName, player.Score, player.RightAnswers, player.Eliminated, answer);
    }

    private int? ClosesInMs(Contest contest) =>
        contest is { Phase: ContestPhase.Question, QuestionClosesAt: { } closes }
            ? (int)Math.Max(0, (closes - Now).TotalMilliseconds)
            : null;
}

public sealed record ContestSummary(
    int Id, string Title, string Code, int CommuneId, string CommuneName, DateTime CreatedAt, ContestPhase Phase, ContestMode Mode,
    int Players, int Households, IReadOnlyList<string> Winners);

public sealed record PlayedContest(string Title, DateTime CreatedAt, ContestMode Mode, int Right, int Asked, int Score);

public sealed record BoardPlayer(string Name, int Score, int Right, bool Eliminated);

public sealed record BoardView(
    int Id, string Code, string Title, ContestMode Mode, ContestPhase Phase, int Index, int Total, int Seconds,
    string? Text, IReadOnlyList<string>? Options, int? ClosesInMs, int? Correct, string? Explanation,
    IReadOnlyList<int>? OptionCounts, int Players, int Active, int Answered, IReadOnlyList<BoardPlayer> Leaders,
    IReadOnlyList<string> Winners, bool CanRescue, bool IsLast);

public sealed record PlayerView(
    string Title, ContestMode Mode, ContestPhase Phase, int Index, int Total, int Seconds,
    string? Text, IReadOnlyList<string>? Options, int? ClosesInMs, int? Correct, string? Explanation,
    IReadOnlyList<string>? Winners);

public sealed record PlayerSelf(string Name, int Score, int Right, bool Eliminated, int? Answer);

public static class ContestsServiceCollectionExtensions
{
    public static IServiceCollection AddContests(this IServiceCollection services) => services.AddScoped<ContestService>();
}
