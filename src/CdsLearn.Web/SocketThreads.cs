using System.Data.Common;
using System.IO.Pipelines;
using System.Reflection;
using System.Runtime.CompilerServices;
using CdsLearn.Data;
using Microsoft.AspNetCore.Connections;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CdsLearn.Web;

/// <summary>
/// Kestrel in the way TechEmpower's entries run it, made safe for a site whose pages call SQLite synchronously.
/// With <see cref="InlineCompletionsVariable"/> and Kestrel's inline scheduling, a socket's read completes on the
/// runtime's socket thread (one per core) and the request is parsed and answered there, with no hop to the thread
/// pool and back: that is how a visitor's kept lesson (<see cref="AnonymousPageCache"/>) keeps up with nginx. A socket
/// thread serves every connection it holds, so nothing else may run on it: every other request leaves it at once
/// (<see cref="LeaveAsync"/>, before authentication, routing or any page), and while such a request runs, every read
/// or write of its connection that had to wait resumes on the thread pool too (a form posted in several packets on a
/// slow network, a WebSocket's frames, a large response to a slow phone; SignalR hands frames to its hubs through a
/// pipe of its own, on the pool in any case). Between requests the connection reads on the socket thread again, so
/// the next request is parsed there.
/// On only when the site runs as its own process (not inside the tests' host), on SQLite, and <c>Server:InlineSockets</c>
/// is not false: with PostgreSQL every query's reply is a socket read too, which would then complete on a socket thread
/// and go on with the page there. A database command on a socket thread is logged as an error
/// (<see cref="DatabaseCheck"/>); the load tests fail on it.
/// </summary>
public static class SocketThreads
{
    /// <summary>The runtime reads it once, when the process makes its first socket.</summary>
    public const string InlineCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Whether this process answers on the socket threads (set before the first socket, by
    /// <see cref="UseInlineSockets"/>).</summary>
    public static bool Inline { get; private set; }

    public static void UseInlineSockets(this WebApplicationBuilder builder)
    {
        if (Assembly.GetEntryAssembly() != typeof(SocketThreads).Assembly || !Wanted(builder.Configuration))
        {
            return;
        }
        Environment.SetEnvironmentVariable(InlineCompletionsVariable, "1");
        Inline = true;
        builder.WebHost.UseSockets(options => options.UnsafePreferInlineScheduling = true);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => connection =>
        {
            var away = new AwayRequests();
            connection.Features.Set(away);
            connection.Transport = Guard(connection.Transport, away);
            return next(connection);
        })));
        builder.Services.AddSingleton<IInterceptor, DatabaseCheck>();
    }

    /// <summary>Not turned off, and the database is not reached through sockets.</summary>
    internal static bool Wanted(IConfiguration configuration) => configuration.GetValue("Server:InlineSockets", true)
        && DatabaseProviders.Parse(configuration[DatabaseProviders.ConfigurationKey]) == DatabaseProvider.Sqlite;

    /// <summary>The connection's transport, whose waits resume on the thread pool while any of its requests is
    /// <paramref name="away"/> from the socket thread.</summary>
    internal static IDuplexPipe Guard(IDuplexPipe transport, AwayRequests away) => new Transport(transport, away);

    /// <summary>Leaves the socket thread for the thread pool, and keeps the connection's waits off it until the
    /// returned lease is disposed at the end of the request. Nothing to do where the site does not answer inline.</summary>
    public static Leaving LeaveAsync(HttpContext context)
    {
        if (context.Features.Get<AwayRequests>() is not { } away)
        {
            return default;
        }
        away.Enter();
        if (Thread.CurrentThread.IsThreadPoolThread)
        {
            return new Leaving(away, hop: false);
        }
        seenAnswering = true;
        return new Leaving(away, hop: true);
    }

    /// <summary>
    /// Awaited, goes on on the thread pool when it was made on another thread. It is never complete before it is
    /// awaited: an async method awaiting <c>Task.Yield</c> would be, when a pool thread is quicker than the caller's
    /// await, which then goes on synchronously, on the socket thread.
    /// </summary>
    public readonly struct Leaving : ICriticalNotifyCompletion
    {
        private readonly AwayRequests? away;
        private readonly bool hop;

        internal Leaving(AwayRequests away, bool hop)
        {
            this.away = away;
            this.hop = hop;
        }

        public Leaving GetAwaiter() => this;

        public bool IsCompleted => !hop;

        public Lease GetResult() => new(away);

        public void OnCompleted(Action continuation) => ThreadPool.QueueUserWorkItem(static go => go(), continuation, preferLocal: false);

        public void UnsafeOnCompleted(Action continuation) =>
            ThreadPool.UnsafeQueueUserWorkItem(static go => go(), continuation, preferLocal: false);
    }

    /// <summary>Set on a thread outside the pool once a request was seen running on it: a socket thread, whatever
    /// the runtime names it.</summary>
    [ThreadStatic]
    private static bool seenAnswering;

    /// <summary>Whether the current thread is one of the runtime's socket threads (for checks and tests): known by the
    /// name .NET 10 gives them, or, should a later runtime rename them, by a request having run on it.</summary>
    public static bool OnSocketThread => !Thread.CurrentThread.IsThreadPoolThread && (seenAnswering || Thread.CurrentThread.Name == ".NET Sockets");

    public readonly struct Lease : IDisposable
    {
        private readonly AwayRequests? away;

        internal Lease(AwayRequests? away) => this.away = away;

        public void Dispose() => away?.Exit();
    }

    /// <summary>The connection's requests that have left the socket thread (HTTP/2 runs several at once).</summary>
    internal sealed class AwayRequests
    {
        private int count;

        public bool Any => Volatile.Read(ref count) > 0;

        public void Enter() => Interlocked.Increment(ref count);

        public void Exit() => Interlocked.Decrement(ref count);
    }

    /// <summary>Logs a database command made on a socket thread, with where it came from: every connection on that
    /// thread waited for it. The first few only, should a change ever put a page there.</summary>
    internal sealed class DatabaseCheck(ILogger<DatabaseCheck> logger) : DbCommandInterceptor
    {
        public const string Message = "A database command ran on a socket thread";

        private int logged;

        public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
        {
            if (OnSocketThread && Interlocked.Increment(ref logged) <= 10)
            {
                logger.LogError("{Message}: {Command}\n{Stack}", Message, result.CommandText, Environment.StackTrace);
            }
            return result;
        }
    }

    /// <summary>A read or write that had to wait, while a request of the connection is away, goes on on the pool.</summary>
    private static ValueTask<T> OffSocketThread<T>(ValueTask<T> pending, AwayRequests away) =>
        pending.IsCompleted || !away.Any ? pending : ResumeOnPoolAsync(pending);

    private static async ValueTask<T> ResumeOnPoolAsync<T>(ValueTask<T> pending)
    {
        var result = await pending;
        if (!Thread.CurrentThread.IsThreadPoolThread)
        {
            await Task.Yield();
        }
        return result;
    }

    private sealed class Transport(IDuplexPipe inner, AwayRequests away) : IDuplexPipe
    {
        public PipeReader Input { get; } = new Reader(inner.Input, away);

        public PipeWriter Output { get; } = new Writer(inner.Output, away);
    }

    private sealed class Reader(PipeReader inner, AwayRequests away) : PipeReader
    {
        public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default) =>
            OffSocketThread(inner.ReadAsync(cancellationToken), away);

        public override bool TryRead(out ReadResult result) => inner.TryRead(out result);

        public override void AdvanceTo(SequencePosition consumed) => inner.AdvanceTo(consumed);

        public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => inner.AdvanceTo(consumed, examined);

        public override void CancelPendingRead() => inner.CancelPendingRead();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
    }

    private sealed class Writer(PipeWriter inner, AwayRequests away) : PipeWriter
    {
        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) =>
            OffSocketThread(inner.FlushAsync(cancellationToken), away);

        public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default) =>
            OffSocketThread(inner.WriteAsync(source, cancellationToken), away);

        public override void Advance(int bytes) => inner.Advance(bytes);

        public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes;

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
    }
}
