using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace CdsLearn.Web.Tests.Infrastructure;

/// <summary>
/// A connection's transport as the site wraps it when it answers on the socket threads (<see cref="SocketThreads"/>).
/// A dedicated thread stands for the runtime's socket thread: it completes the pipe's waits, whose continuations then
/// run inline on it, as Kestrel's inline scheduling does. The real site in its own process is checked under load by
/// the load tests (no database command on a socket thread, a form whose body arrives late).
/// </summary>
public class SocketThreadsTests
{
    private static readonly PipeOptions Inline = new(readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline,
        pauseWriterThreshold: 16, resumeWriterThreshold: 8, useSynchronizationContext: false);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AReadThatWaitedGoesOnOnTheThreadPoolOnlyWhileARequestIsAway(bool away)
    {
        var input = new Pipe(Inline);
        var transport = Guarded(input, new Pipe(Inline), away);

        var read = transport.Input.ReadAsync(TestContext.Current.CancellationToken);
        Assert.False(read.IsCompleted, "the read did not wait");
        var reading = WhereItGoesOnAsync(read);
        OnSocketThread(() => input.Writer.WriteAsync(new byte[] { 1, 2, 3 }).AsTask().GetAwaiter().GetResult());

        // Away: the page's code goes on on the pool. Between requests the next one is read on the socket thread.
        Assert.Equal(away, await reading);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AWriteThatWaitedForASlowReaderGoesOnOnTheThreadPoolOnlyWhileARequestIsAway(bool away)
    {
        var output = new Pipe(Inline);
        var transport = Guarded(new Pipe(Inline), output, away);

        // More than the pipe holds: the write waits until the socket has sent some.
        var write = transport.Output.WriteAsync(new byte[64], TestContext.Current.CancellationToken);
        Assert.False(write.IsCompleted, "the write did not wait");
        var writing = WhereItGoesOnAsync(write);
        OnSocketThread(() =>
        {
            Assert.True(output.Reader.TryRead(out var sent));
            output.Reader.AdvanceTo(sent.Buffer.End);
        });

        Assert.Equal(away, await writing);
    }

    /// <summary>A request that leaves the socket thread goes on on the pool even when a pool thread has done its
    /// part of the hop before the request's code awaits it: an async method awaiting <c>Task.Yield</c> was complete by
    /// then, and the await went on synchronously, on the socket thread (a browser's sign-in ran its queries there).</summary>
    [Fact]
    public async Task ARequestLeavesTheSocketThreadEvenWhenThePoolIsQuickerThanItsAwait()
    {
        var context = new DefaultHttpContext();
        var requests = new SocketThreads.AwayRequests();
        context.Features.Set(requests);
        Task<bool>? onPool = null;

        OnSocketThread(() => onPool = RunsOnThePoolAsync(context));

        Assert.True(await onPool!, "the request went on on the socket thread");
        Assert.False(requests.Any, "the request did not come back");
    }

    [Fact]
    public async Task AThreadARequestRanOnCountsAsASocketThreadWhateverTheRuntimeNamesIt()
    {
        // The check on database commands must not go quiet should a later runtime rename its socket threads.
        var context = new DefaultHttpContext();
        context.Features.Set(new SocketThreads.AwayRequests());
        bool before = true, after = false;
        Task<bool>? onSocketThreadAfterLeaving = null;

        OnSocketThread(() =>
        {
            before = SocketThreads.OnSocketThread;
            onSocketThreadAfterLeaving = OnSocketThreadAfterLeavingAsync(context);
            after = SocketThreads.OnSocketThread;
        });

        Assert.False(await onSocketThreadAfterLeaving!, "the request goes on on the pool");
        Assert.False(before, "a thread of its own is not a socket thread before a request runs on it");
        Assert.True(after, "the thread the request ran on is not recognised");
    }

    private static async Task<bool> OnSocketThreadAfterLeavingAsync(HttpContext context)
    {
        using (await SocketThreads.LeaveAsync(context))
        {
            return SocketThreads.OnSocketThread;
        }
    }

    /// <summary>Asks to leave, lets the pool be quick, then awaits; true when the request's code runs on the pool.</summary>
    private static async Task<bool> RunsOnThePoolAsync(HttpContext context)
    {
        var leaving = SocketThreads.LeaveAsync(context);
        Thread.Sleep(200);
        using (await leaving)
        {
            return Thread.CurrentThread.IsThreadPoolThread;
        }
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("Sqlite", "true", true)]
    [InlineData(null, "false", false)]
    [InlineData("Postgres", null, false)]
    [InlineData("postgres", "true", false)]
    public void TheSocketThreadsAnswerOnlyOnSqliteAndUnlessTurnedOff(string? provider, string? inline, bool wanted)
    {
        var settings = new Dictionary<string, string?> { [CdsLearn.Data.DatabaseProviders.ConfigurationKey] = provider, ["Server:InlineSockets"] = inline };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings.Where(s => s.Value is not null)).Build();
        Assert.Equal(wanted, SocketThreads.Wanted(configuration));
    }

    [Fact]
    public void AwayCountsEveryRequestOfTheConnection()
    {
        var requests = new SocketThreads.AwayRequests();
        requests.Enter();
        requests.Enter();
        requests.Exit();
        Assert.True(requests.Any);
        requests.Exit();
        Assert.False(requests.Any);
    }

    /// <summary>The site's wrapper over a transport reading <paramref name="input"/> and writing <paramref name="output"/>,
    /// with one request of the connection away from the socket thread, or none.</summary>
    private static IDuplexPipe Guarded(Pipe input, Pipe output, bool away)
    {
        var requests = new SocketThreads.AwayRequests();
        if (away)
        {
            requests.Enter();
        }
        return SocketThreads.Guard(new Duplex(input.Reader, output.Writer), requests);
    }

    /// <summary>True when the code after the wait runs on the thread pool.</summary>
    private static async Task<bool> WhereItGoesOnAsync<T>(ValueTask<T> pending)
    {
        await pending.ConfigureAwait(false);
        return Thread.CurrentThread.IsThreadPoolThread;
    }

    /// <summary>Runs on a thread of its own, not the pool's, as the runtime's socket thread.</summary>
    private static void OnSocketThread(Action action)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }) { Name = "socket thread stand-in" };
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw failure;
        }
    }

    private sealed record Duplex(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
