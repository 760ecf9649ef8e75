using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Contests;

/// <summary>What the host's page, the big screen and the players' phones are shown of a contest, read from the
/// database as <see cref="ContestGame"/> left it.</summary>
public sealed class ContestBoard(AppDbContext db, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<int> PlayerCountAsync(int contestId, CancellationToken cancellationToken = default) =>
        db.ContestPlayers.CountAsync(p => p.ContestId == contestId, cancellationToken);

    public Task<int> AnsweredCountAsync(int contestId, int position, CancellationToken cancellationToken = default) =>
        db.ContestAnswers.CountAsync(a => a.ContestId == contestId && a.Position == position, cancellationToken);

    /// <summary>The contest, how many questions it has, and the question it is at (null before the first).</summary>
    private async Task<(Contest Contest, int Total, ContestQuestion? Question)?> CurrentAsync(int contestId, CancellationToken cancellationToken)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contestId, cancellationToken);
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
            contest.Phase == ContestPhase.Finished ? ContestRules.Winners(contest, players).Select(p => p.DisplayName).ToList() : [],
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
            winners = ContestRules.Winners(contest, players).Select(p => p.DisplayName).ToList();
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
