using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Contests;

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
public sealed class ContestGame(AppDbContext db, TimeProvider clock, OpenedQuestions opened)
{
    /// <summary>The comment that <see cref="DueAsync"/>'s query carries (for tests that count the timer's queries).</summary>
    public const string DueTag = "contest timer";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

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
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contestId, cancellationToken);
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
        if (changed != 1)
        {
            return false;
        }
        opened.Opened();
        return true;
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

    /// <summary>For the timer that locks questions: whether any contest has a question open, and those whose time is
    /// up, in one query.</summary>
    public async Task<(bool AnyOpen, IReadOnlyList<int> Due)> DueAsync(CancellationToken cancellationToken = default)
    {
        var now = Now;
        var open = await db.Contests.AsNoTracking().TagWith(DueTag).Where(c => c.Phase == ContestPhase.Question)
            .Select(c => new { c.Id, c.QuestionClosesAt }).ToListAsync(cancellationToken);
        return (open.Count > 0, open.Where(c => c.QuestionClosesAt <= now).Select(c => c.Id).ToList());
    }
}
