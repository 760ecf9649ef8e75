using CdsLearn.Accounts;
using CdsLearn.Data;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Accounts;

/// <summary>
/// A server keeps the sessions it read lately (<see cref="LiveSessionCache"/>) instead of reading the session row on
/// every request. What this server ends takes effect at once (<see cref="SessionTests"/>); what another server ends,
/// on the same database, reaches this one within <see cref="LiveSessionCache.RecheckEvery"/>.
/// </summary>
public class SessionRecheckTests(ClockedSiteFactory factory) : IClassFixture<ClockedSiteFactory>
{
    [Fact]
    public async Task SigningOutOnAnotherServerSignsThisServersCopyOutWithinTheRecheckInterval()
    {
        using var phone = await Learner.RegisterAsync(factory);
        Assert.True(await SignedInAsync(phone.Site), "the phone should be signed in");

        await OnAnotherServerAsync(async sessions => await sessions.EndAsync(await SessionIdOfAsync(phone.UserName)));

        factory.Clock.Advance(LiveSessionCache.RecheckEvery + TimeSpan.FromSeconds(1));
        Assert.False(await SignedInAsync(phone.Site), "a sign-out on another server is not seen here after the recheck interval");
    }

    [Fact]
    public async Task APasswordChangeOnAnotherServerSignsThisServersPhonesOutWithinTheRecheckInterval()
    {
        using var phone = await Learner.RegisterAsync(factory);
        Assert.True(await SignedInAsync(phone.Site), "the phone should be signed in");

        await OnAnotherServerAsync(async sessions => await sessions.EndAllAsync(await UserIdOfAsync(phone.UserName)));

        factory.Clock.Advance(LiveSessionCache.RecheckEvery + TimeSpan.FromSeconds(1));
        Assert.False(await SignedInAsync(phone.Site), "a password change on another server is not seen here after the recheck interval");
    }

    /// <summary>Another app server: its own sessions kept in memory, the same database.</summary>
    private async Task OnAnotherServerAsync(Func<UserSessions, Task> act)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await act(new UserSessions(db, factory.Clock, new LiveSessionCache(factory.Clock)));
    }

    private async Task<string> UserIdOfAsync(string userName)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
    }

    private async Task<string> SessionIdOfAsync(string userName)
    {
        var userId = await UserIdOfAsync(userName);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.UserSessions.Where(s => s.UserId == userId).Select(s => s.Id).SingleAsync(TestContext.Current.CancellationToken);
    }

    private static Task<bool> SignedInAsync(SiteClient site) => SecurityStampTests.SignedInAsync(site);
}
