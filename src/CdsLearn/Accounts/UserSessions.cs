using System.Security.Cryptography;
using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Accounts;

/// <summary>What a live session says, read on every signed-in request.</summary>
public sealed record LiveSession(string UserId, DateTime LastSeenAt, int AssistsEnded);

/// <summary>
/// Sign-in sessions kept on the server (<see cref="UserSession"/>), so that ending one takes effect at once for every
/// copy of its cookie, on every server: signing out ends it, a password change ends all of the account's. Every
/// signed-in request reads its session by primary key: one indexed lookup, and a write at most once a day.
/// </summary>
public sealed class UserSessions(AppDbContext db, TimeProvider clock)
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

    /// <summary>The session if it is live, noting that it was used (a write only when the last note is a day old).</summary>
    public async Task<LiveSession?> UseAsync(string id, CancellationToken cancellationToken = default)
    {
        var session = await Find(db, id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (session is not null && now - session.LastSeenAt > SeenPrecision)
        {
            await db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);
        }
        return session;
    }

    public Task EndAsync(string id, CancellationToken cancellationToken = default) =>
        db.UserSessions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Ends every session of the account (a new password: whoever had a cookie must sign in with it).</summary>
    public Task EndAllAsync(string userId, CancellationToken cancellationToken = default) =>
        db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Ends the "Học cùng tổ" session started in this sign-in (see <see cref="UserSession.AssistsEnded"/>).</summary>
    public Task EndAssistAsync(string id, CancellationToken cancellationToken = default) =>
        db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.AssistsEnded, x => x.AssistsEnded + 1), cancellationToken);

    /// <summary>Deletes sessions whose cookie has expired: unused for longer than <see cref="IdleLifetime"/> (and the
    /// day that <see cref="UserSession.LastSeenAt"/> may lag).</summary>
    public Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var before = clock.GetUtcNow().UtcDateTime - IdleLifetime - SeenPrecision;
        return db.UserSessions.Where(s => s.LastSeenAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
