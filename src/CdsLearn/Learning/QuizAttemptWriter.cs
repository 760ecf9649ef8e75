using System.Threading.Channels;
using CdsLearn.Certificates;
using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CdsLearn.Learning;

/// <summary>
/// Stores graded quiz attempts by group commit. Submissions queue here; one writer takes everything waiting (up to
/// <see cref="MaxBatch"/>) and stores it in one transaction: one lookup of the attempt and draw ids, one insert, one pass of the
/// figure keeper over every touched household, one certificate check for every learner who passed, one commit (one
/// fsync). Each submitter is answered only once that commit is done, so an acknowledged attempt is durable.
///
/// SQLite lets one writer in at a time, so writing attempts one transaction each was bound by the work done inside
/// the lock (~6 ms, mostly the figure keeper's reads): about 110 a second (tools/BENCHMARKS.md). A batch pays that
/// work once for all of its attempts. When submissions are few, a batch is one attempt and nobody waits for others.
/// </summary>
public sealed class QuizAttemptWriter : IAsyncDisposable, IDisposable
{
    /// <summary>At most this many attempts per transaction, so one commit never holds the write lock for long.</summary>
    public const int MaxBatch = 200;

    private const int Runs = 3;

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>();
    private readonly IServiceScopeFactory scopes;
    private readonly ILogger<QuizAttemptWriter> logger;
    private readonly Task writing;

    public QuizAttemptWriter(IServiceScopeFactory scopes, ILogger<QuizAttemptWriter> logger)
    {
        this.scopes = scopes;
        this.logger = logger;
        writing = Task.Run(WriteAllAsync);
    }

    /// <summary>Attempts waiting for the writer (not counting the batch being written).</summary>
    public int Waiting => queue.Reader.Count;

    /// <summary>
    /// Stores the attempt once and answers after the commit: a repeated submit with the same attempt id returns the
    /// stored attempt unchanged; an attempt on a draw that another attempt graded, or with an id taken by another
    /// learner's attempt, is refused. Cancelling stops the wait, not the write: the attempt may still be stored, and a
    /// resend with the same id finds it.
    /// </summary>
    public Task<SubmitOutcome> StoreAsync(QuizAttempt attempt, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(attempt);
        if (!queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(QuizAttemptWriter));
        }
        return pending.Outcome.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await writing;
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task WriteAllAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }
            await WriteAsync(batch);
        }
    }

    /// <summary>Writes a batch; if it cannot be written, writes its attempts one at a time, so that one bad attempt
    /// fails only its own submitter.</summary>
    private async Task WriteAsync(IReadOnlyList<Pending> batch)
    {
        try
        {
            var outcomes = await WriteWithRetriesAsync(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Outcome.TrySetResult(outcomes[i]);
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            foreach (var pending in batch)
            {
                await WriteAsync([pending]);
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "Quiz attempt {AttemptId} could not be stored", batch[0].Attempt.Id);
            batch[0].Outcome.TrySetException(e);
        }
    }

    /// <summary>Another server's twin of a submit or attempt on the same draw (PostgreSQL), or another writer of the same
    /// certificate, can commit between our read and our insert and break a unique key; running again sees what it stored.</summary>
    private async Task<SubmitOutcome[]> WriteWithRetriesAsync(IReadOnlyList<Pending> batch)
    {
        for (var run = 1; ; run++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var issuer = scope.ServiceProvider.GetRequiredService<CertificateIssuer>();
            try
            {
                return await db.Database.CreateExecutionStrategy().ExecuteAsync(
                    ct => WriteOnceAsync(db, issuer, batch, ct), CancellationToken.None);
            }
            catch (DbUpdateException) when (run < Runs)
            {
            }
        }
    }

    private static async Task<SubmitOutcome[]> WriteOnceAsync(AppDbContext db, CertificateIssuer issuer, IReadOnlyList<Pending> batch, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = batch.Select(p => p.Attempt.Id).Distinct().ToList();
        var draws = batch.Select(p => p.Attempt.DrawId).OfType<Guid>().Distinct().Select(d => (Guid?)d).ToList();
        var found = await db.QuizAttempts.AsNoTracking().Where(a => ids.Contains(a.Id) || draws.Contains(a.DrawId)).ToListAsync(cancellationToken);
        var stored = found.Where(a => ids.Contains(a.Id)).ToDictionary(a => a.Id);
        var graded = found.Select(a => a.DrawId).OfType<Guid>().ToHashSet();
        var added = new Dictionary<Guid, QuizAttempt>();
        var outcomes = new SubmitOutcome[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var attempt = batch[i].Attempt;
            if (stored.TryGetValue(attempt.Id, out var existing) || added.TryGetValue(attempt.Id, out existing))
            {
                outcomes[i] = existing.UserId == attempt.UserId
                    ? new SubmitOutcome(SubmitStatus.AlreadyStored, existing, [])
                    : SubmitOutcome.Refused(SubmitStatus.IdOfAnotherLearner);
                continue;
            }
            if (attempt.DrawId is { } drawId && !graded.Add(drawId))
            {
                outcomes[i] = SubmitOutcome.Refused(SubmitStatus.DrawAlreadyGraded);
                continue;
            }
            db.QuizAttempts.Add(attempt);
            added[attempt.Id] = attempt;
            outcomes[i] = new SubmitOutcome(SubmitStatus.Stored, attempt, []);
        }
        if (added.Count == 0)
        {
            return outcomes;
        }
        await db.SaveChangesAsync(cancellationToken);
        var passed = added.Values.Where(a => a.Passed).Select(a => a.UserId).Distinct().ToList();
        var issued = await issuer.IssueEarnedAsync(passed, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // A learner with two new passes in one batch is told about the certificates with the later one.
        for (var i = batch.Count - 1; i >= 0; i--)
        {
            if (outcomes[i] is { Status: SubmitStatus.Stored, Attempt.Passed: true } outcome && issued.Remove(outcome.Attempt.UserId, out var certificates))
            {
                outcomes[i] = outcome with { NewCertificates = certificates };
            }
        }
        return outcomes;
    }

    private sealed class Pending(QuizAttempt attempt)
    {
        public QuizAttempt Attempt { get; } = attempt;

        /// <summary>Completed off the writer's loop, so a submitter's continuation never delays the next batch.</summary>
        public TaskCompletionSource<SubmitOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
