using System.Data.Common;
using CdsLearn.Accounts;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Learning;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Learning;

/// <summary>The site with a count of the transactions it commits.</summary>
public sealed class CommitCountingFactory : QuizRuleFactory
{
    public CommitCounter Commits { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureDbContext<AppDbContext>(options => options.AddInterceptors(Commits)));
    }
}

public sealed class CommitCounter : DbTransactionInterceptor
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref count);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Quiz attempts submitted while the writer is busy are stored together, one transaction for all of them
/// (<see cref="QuizAttemptWriter"/>), and each submitter still gets its own answer. The tests hold the database's
/// write lock so that submissions pile up, as they do under load.
/// </summary>
public class GroupCommitTests(CommitCountingFactory factory) : IClassFixture<CommitCountingFactory>
{
    private const string ModuleId = "an-toan-mang-nhan-biet-lua-dao";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SubmissionsThatQueueWhileTheDatabaseIsBusyAreCommittedTogether()
    {
        var learners = await NewAccountsAsync(30);
        var commitsBefore = factory.Commits.Count;
        Task<SubmitOutcome> blocked;
        Task<SubmitOutcome>[] submits;
        await using (await HoldWriteLockAsync())
        {
            blocked = await SubmitBehindLockAsync(learners[0]);
            submits = learners.Skip(1).Select((l, i) => SubmitAsync(l, Guid.NewGuid(), passed: i % 2 == 0)).ToArray();
            await WaitForQueueAsync(submits.Length);
            Assert.All(submits, s => Assert.False(s.IsCompleted));
        }
        Assert.True((await blocked).IsStored);
        var outcomes = await Task.WhenAll(submits);

        // The first submission was stuck behind the lock, the other 29 waited for it and went in one commit.
        Assert.Equal(2, factory.Commits.Count - commitsBefore);
        Assert.All(outcomes, o => Assert.Equal(SubmitStatus.Stored, o.Status));
        Assert.Equal(submits.Length, await StoredAsync(outcomes.Select(o => o.Attempt!.Id)));
        for (var i = 0; i < submits.Length; i++)
        {
            Assert.Equal(learners[i + 1], outcomes[i].Attempt!.UserId);
            Assert.Equal(i % 2 == 0, outcomes[i].Attempt!.Passed);
        }
    }

    [Fact]
    public async Task TwinsInOneBatchAreStoredOnceAndAnotherLearnersCopyIsRefused()
    {
        var (learner, other) = (await NewAccountsAsync(2)) is [var a, var b] ? (a, b) : throw new InvalidOperationException();
        var blocker = (await NewAccountsAsync(1))[0];
        var id = Guid.NewGuid();
        Task<SubmitOutcome> first, twin, stolen, blocked;
        await using (await HoldWriteLockAsync())
        {
            blocked = await SubmitBehindLockAsync(blocker);
            first = SubmitAsync(learner, id, passed: true);
            twin = SubmitAsync(learner, id, passed: false);
            stolen = SubmitAsync(other, id, passed: true);
            await WaitForQueueAsync(3);
        }

        Assert.True((await blocked).IsStored);
        var stored = await first;
        Assert.Equal(SubmitStatus.Stored, stored.Status);
        Assert.True(stored.Attempt!.Passed);
        var repeated = await twin;
        Assert.Equal(SubmitStatus.AlreadyStored, repeated.Status);
        Assert.Same(stored.Attempt, repeated.Attempt);
        Assert.Equal(SubmitStatus.IdOfAnotherLearner, (await stolen).Status);
        Assert.Null((await stolen).Attempt);
        Assert.Equal(1, await StoredAsync([id]));
    }

    [Fact]
    public async Task OneDrawSentAsTwoAttemptsInOneBatchIsGradedOnce()
    {
        var learner = (await NewAccountsAsync(1))[0];
        var blocker = (await NewAccountsAsync(1))[0];
        var module = Course.FindModule(ModuleId)!;
        var draw = QuizDraw.Create(module.Quiz, learner);
        var (wrongId, rightId) = (Guid.NewGuid(), Guid.NewGuid());
        Task<SubmitOutcome> first, second, resend, blocked;
        await using (await HoldWriteLockAsync())
        {
            blocked = await SubmitBehindLockAsync(blocker);
            first = SubmitDrawAsync(draw, wrongId, passed: false);
            second = SubmitDrawAsync(draw, rightId, passed: true);
            resend = SubmitDrawAsync(draw, wrongId, passed: false);
            await WaitForQueueAsync(3);
        }

        Assert.True((await blocked).IsStored);
        Assert.Equal(SubmitStatus.Stored, (await first).Status);
        Assert.False((await first).Attempt!.Passed);
        Assert.Equal(SubmitStatus.DrawAlreadyGraded, (await second).Status);
        Assert.Equal(SubmitStatus.AlreadyStored, (await resend).Status);
        Assert.Equal(1, await StoredAsync([wrongId, rightId]));
        Assert.Equal(1, await StoredAsync([wrongId]));
    }

    /// <summary>What holds when two servers each take one of the attempts: neither has seen the other's, and the
    /// database refuses the second (the writer then runs its batch again and sees the first).</summary>
    [Fact]
    public async Task TheDatabaseRefusesASecondAttemptOnOneDraw()
    {
        var learner = (await NewAccountsAsync(1))[0];
        var drawId = Guid.NewGuid();
        QuizAttempt Attempt() => new()
        {
            Id = Guid.NewGuid(), UserId = learner, DrawId = drawId, ModuleId = ModuleId, SkillId = "an-toan-mang", SheetJson = "{}",
            Correct = 5, Total = 5, ScorePercent = 100, PassPercent = 80, Passed = true, SubmittedAt = DateTime.UtcNow,
        };
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.QuizAttempts.Add(Attempt());
            await db.SaveChangesAsync(Ct);
        }
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.QuizAttempts.Add(Attempt());
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        }
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Equal(1, await db.QuizAttempts.CountAsync(a => a.DrawId == drawId, Ct));
        }
    }

    [Fact]
    public async Task AnAttemptThatCannotBeStoredFailsAloneAndTheRestOfItsBatchIsStored()
    {
        var learners = await NewAccountsAsync(5);
        Task<SubmitOutcome>[] good;
        Task<SubmitOutcome> bad;
        await using (await HoldWriteLockAsync())
        {
            var blocked = await SubmitBehindLockAsync(learners[0]);
            // No such account: the foreign key refuses the attempt, and with it the whole batch's transaction.
            bad = SubmitAsync("no-such-account", Guid.NewGuid(), passed: true);
            good = [blocked, .. learners.Skip(1).Select(l => SubmitAsync(l, Guid.NewGuid(), passed: true))];
            await WaitForQueueAsync(learners.Count);
        }

        await Assert.ThrowsAsync<DbUpdateException>(() => bad);
        var outcomes = await Task.WhenAll(good);
        Assert.Equal(learners.Count, await StoredAsync(outcomes.Select(o => o.Attempt!.Id)));
    }

    [Fact]
    public async Task APassThatCompletesASkillIsToldItsCertificateEvenInABatch()
    {
        var learners = await NewAccountsAsync(4);
        var blocker = (await NewAccountsAsync(1))[0];
        var skill = Course.Skills.First(s => s.Modules.Count > 0);
        foreach (var learner in learners)
        {
            foreach (var module in skill.Modules.Skip(1))
            {
                await SubmitAsync(learner, Guid.NewGuid(), passed: true, module);
            }
        }
        Task<SubmitOutcome>[] last;
        await using (await HoldWriteLockAsync())
        {
            await SubmitBehindLockAsync(blocker);
            last = learners.Select(l => SubmitAsync(l, Guid.NewGuid(), passed: true, skill.Modules[0])).ToArray();
            await WaitForQueueAsync(learners.Count);
        }

        foreach (var (outcome, learner) in (await Task.WhenAll(last)).Zip(learners))
        {
            var certificate = Assert.Single(outcome.NewCertificates, c => c.SkillId == skill.Id);
            Assert.Equal(learner, certificate.UserId);
        }
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(learners.Count, await db.Certificates.CountAsync(c => learners.Contains(c.UserId) && c.SkillId == skill.Id, Ct));
    }

    private Course Course => factory.Services.GetRequiredService<CourseCatalog>().Current;

    private async Task<List<string>> NewAccountsAsync(int count)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var user = new AppUser { UserName = "hv" + Guid.NewGuid().ToString("N")[..12], FullName = "Người học " + i, CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user)).Succeeded);
            ids.Add(user.Id);
        }
        return ids;
    }

    /// <summary>Submits in a scope of its own, as a request does. The attempt is queued before this returns, so
    /// submissions queue in the order they are made.</summary>
    private async Task<SubmitOutcome> SubmitAsync(string userId, Guid attemptId, bool passed, Module? module = null)
    {
        module ??= Course.FindModule(ModuleId)!;
        var draw = QuizDraw.Create(module.Quiz, userId);
        var answers = QuizAnswers.For(module.Quiz, draw, passed);
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<QuizService>().SubmitAsync(attemptId, draw, answers, cancellationToken: Ct);
    }

    private async Task<SubmitOutcome> SubmitDrawAsync(QuizDraw draw, Guid attemptId, bool passed)
    {
        var answers = QuizAnswers.For(Course.FindModule(draw.ModuleId)!.Quiz, draw, passed);
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<QuizService>().SubmitAsync(attemptId, draw, answers, cancellationToken: Ct);
    }

    /// <summary>Submits a pass and waits until the writer has taken it and is held by the lock: what is submitted
    /// next queues behind it.</summary>
    private async Task<Task<SubmitOutcome>> SubmitBehindLockAsync(string userId)
    {
        var submit = SubmitAsync(userId, Guid.NewGuid(), passed: true);
        await WaitForQueueAsync(0);
        // Taken off the queue; give it a moment to reach the lock.
        await Task.Delay(200, Ct);
        Assert.False(submit.IsCompleted);
        return submit;
    }

    /// <summary>Waits until this many submissions wait behind the one being written.</summary>
    private async Task WaitForQueueAsync(int waiting)
    {
        var writer = factory.Services.GetRequiredService<QuizAttemptWriter>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (writer.Waiting != waiting)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{writer.Waiting} submissions waiting, expected {waiting}");
            await Task.Delay(10, Ct);
        }
    }

    /// <summary>Takes the database's write lock for quiz attempts until disposed (rolled back): SQLite's one writer
    /// lock, PostgreSQL's lock on the attempts table.</summary>
    private async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var transaction = await db.Database.BeginTransactionAsync(Ct);
        // SQLite's transactions begin IMMEDIATE, taking its one write lock; PostgreSQL needs the table locked.
        if (TestDatabase.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("""LOCK TABLE "QuizAttempts" IN EXCLUSIVE MODE""", Ct);
        }
        return new Held(scope, transaction);
    }

    private async Task<int> StoredAsync(IEnumerable<Guid> ids)
    {
        var list = ids.ToList();
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().QuizAttempts.CountAsync(a => list.Contains(a.Id), Ct);
    }

    private sealed class Held(AsyncServiceScope scope, IAsyncDisposable transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await scope.DisposeAsync();
        }
    }
}
