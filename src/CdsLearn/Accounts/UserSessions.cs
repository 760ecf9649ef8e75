using System.Security.Cryptography;
using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Accounts;

/// <summary>What a live session says, read on every signed-in request.</summary>
public sealed record LiveSession(string UserId, DateTime LastSeenAt, int AssistsEnded);

/// <summary>
/// Sign-in sessions kept on the server (<see cref="UserSession"/>), so that ending one takes effect at once for every
/// copy of its cookie, on every server: signing out ends it, a password change ends all of the account's. Every
/// signed-in request reads its session by primary key (one indexed lookup, and a write at most once a day) unless
/// this server read it less than <see cref="LiveSessionCache.RecheckEvery"/> ago and has not changed it since.
/// </summary>
public sealed class UserSessions(AppDbContext db, TimeProvider clock, LiveSessionCache cache)
{
    /// <summary>How long an unused sign-in lasts (the cookie's sliding lifetime too).</summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromDays(30);

    public static readonly TimeSpan SeenPrecision = TimeSpan.FromDays(1);

    private static readonly Func<AppDbContext, string, CancellationToken, Task<LiveSession?>> Find =
        EF.CompileAsyncQuery((AppDbContext db, string id, CancellationToken cancellationToken) =>
            db.UserSessions.Where(s => s.Id == id).Select(s => new LiveSession(s.UserId, s.LastSeenAt, s.AssistsEnded)).FirstOrDefault());

    public async Task<string> StartAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new UserSession { Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), UserId = userId, CreatedAt = now, LastSeenAt = now };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(session).State = EntityState.Detached;
        return session.Id;
    }

    /// <summary>The session if it is live, noting that it was used (a write only when the last note is a day old).
    /// A caller on every request asks <see cref="LiveSessionCache.Find"/> first, and builds this (and its database
    /// context) only when the session is not kept.</summary>
    public async Task<LiveSession?> UseAsync(string id, CancellationToken cancellationToken = default)
    {
        if (cache.Find(id) is { } kept)
        {
            return kept;
        }
        var ticket = cache.Before();
        var session = await Find(db, id, cancellationToken);
        if (session is null)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (now - session.LastSeenAt > SeenPrecision)
        {
            await db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);
            session = session with { LastSeenAt = now };
        }
        cache.Keep(id, session, ticket);
        return session;
    }

    public async Task EndAsync(string id, CancellationToken cancellationToken = default)
    {
        await db.UserSessions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
        cache.Forget(id);
    }

    /// <summary>Ends every session of the account (a new password: whoever had a cookie must sign in with it).</summary>
    public async Task EndAllAsync(string userId, CancellationToken cancellationToken = default)
    {
        await db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        cache.ForgetUser(userId);
    }

    /// <summary>Ends the "Học cùng tổ" session started in this sign-in (see <see cref="UserSession.AssistsEnded"/>).</summary>
    public async Task EndAssistAsync(string id, CancellationToken cancellationToken = default)
    {
        await db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.AssistsEnded, x => x.AssistsEnded + 1), cancellationToken);
        cache.Forget(id);
    }

    /// <summary>Deletes sessions whose cookie has expired: unused for longer than <see cref="IdleLifetime"/> (and the
    /// day that <see cref="UserSession.LastSeenAt"/> may lag).</summary>
    public Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var before = clock.GetUtcNow().UtcDateTime - IdleLifetime - SeenPrecision;
        return db.UserSessions.Where(s => s.LastSeenAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
