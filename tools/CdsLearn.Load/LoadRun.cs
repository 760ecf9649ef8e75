using System.Diagnostics;
using CdsLearn.Content;

namespace CdsLearn.Load;

/// <summary>
/// Many simulated learners against one site, all at once: each signs in, then goes through lessons and quizzes until
/// told to stop. A learner whose request got no answer (the site down) waits a moment and carries on, sending its
/// unanswered submission again first.
/// </summary>
public sealed class LoadRun : IDisposable
{
    /// <param name="signedIn">Cookies of learners signed in earlier, by user id: they start signed in.</param>
    public LoadRun(Uri site, Population population, Course course, LearnerBehaviour behaviour, int? learners = null, int seed = 1,
        IReadOnlyDictionary<string, System.Net.CookieContainer>? signedIn = null)
    {
        Population = population;
        Learners = population.Learners.Take(learners ?? population.Learners.Count)
            .Select((account, i) => new SimulatedLearner(site, account, population.Password, course, behaviour, Stats, Ledger, seed * 100_003 + i,
                signedIn?.GetValueOrDefault(account.UserId)))
            .ToList();
    }

    /// <summary>Each learner's cookies, by user id (copies), to start another run signed in.</summary>
    public IReadOnlyDictionary<string, System.Net.CookieContainer> Cookies() =>
        Learners.ToDictionary(l => l.Account.UserId, l => SimulatedLearner.Copy(l.Cookies));

    public Population Population { get; }

    public LoadStats Stats { get; } = new();

    public AttemptLedger Ledger { get; } = new();

    public IReadOnlyList<SimulatedLearner> Learners { get; }

    /// <summary>Signs every learner in, <paramref name="concurrency"/> at a time; returns how long it took.
    /// Throws if any sign-in fails.</summary>
    public async Task<TimeSpan> SignInAllAsync(int concurrency = 16, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Learners, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (learner, ct) => await learner.SignInAsync(ct));
        var failed = Learners.Where(l => !l.SignedIn).ToList();
        if (failed.Count > 0)
        {
            throw new InvalidOperationException($"{failed.Count} learners could not sign in (first: {failed[0].Account.UserName}); "
                + Stats.Summary() + "\n" + string.Join('\n', Stats.Samples));
        }
        return clock.Elapsed;
    }

    /// <summary>Has every learner open its <see cref="LearnerBehaviour.QuizPagesAhead"/> quiz pages,
    /// <paramref name="concurrency"/> learners at a time; returns how long it took. Throws if a page was not served.</summary>
    public async Task<TimeSpan> OpenQuizPagesAheadAsync(int concurrency = 16, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var failed = 0;
        await Parallel.ForEachAsync(Learners, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (learner, ct) =>
            {
                if (!await learner.OpenQuizPagesAheadAsync(ct))
                {
                    Interlocked.Increment(ref failed);
                }
            });
        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} learners could not open their quiz pages; " + Stats.Summary() + "\n" + string.Join('\n', Stats.Samples));
        }
        return clock.Elapsed;
    }

    /// <summary>Every learner learns until <paramref name="stop"/>; a step under way when it comes is finished, so no
    /// submission is cut off by the end of the run.</summary>
    public Task RunAsync(CancellationToken stop) => Task.WhenAll(Learners.Select(learner => Task.Run(async () =>
    {
        var random = new Random(learner.Account.UserId.GetHashCode(StringComparison.Ordinal));
        // Learners do not all start in the same millisecond.
        await Task.Delay(random.Next(0, 500), CancellationToken.None);
        while (!stop.IsCancellationRequested)
        {
            if (!learner.SignedIn ? !await learner.SignInAsync(CancellationToken.None) : !await learner.StepAsync(CancellationToken.None))
            {
                await Task.Delay(random.Next(200, 700), CancellationToken.None);
            }
        }
    }, CancellationToken.None)));

    /// <summary>Sends every submission still without an answer again, until answered (at most <paramref name="limit"/>).</summary>
    public Task ResolveUnansweredAsync(TimeSpan limit) =>
        Task.WhenAll(Learners.Where(l => l.Unanswered is not null).Select(l => l.ResolveUnansweredAsync(limit)));

    public void Dispose()
    {
        foreach (var learner in Learners)
        {
            learner.Dispose();
        }
    }
}
