using System.Data.Common;
using CdsLearn.Contests;
using CdsLearn.Data;
using CdsLearn.Web.Pages.Contests;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Contests;

/// <summary>The timer that locks questions asks the database only while a question is open: a site with no contest
/// running does no work four times a second. A site of its own, so no other test's contest is open.</summary>
public class ContestTimerTests(ContestTimerTests.Site factory) : IClassFixture<ContestTimerTests.Site>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheTimerLooksOnlyWhileAQuestionIsOpenAndStillLocksItOnTime()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        await using var host = new Phone(factory);
        await host.SignInAsync(world.UserNames[HouseholdWorld.OfficerOfA], HouseholdWorld.Password);
        var contest = await ContestTests.CreateAsync(factory, host, world, "Thi giờ", ContestMode.Points, 2);
        await using var player = new Phone(factory);
        await player.JoinAsync(contest.Code, "Người chơi");
        await player.ConnectAsync();
        Assert.True((await player.EnterAsync(contest.Code)).GetProperty("ok").GetBoolean());

        // In the lobby no question is open: the timer looks once in its idle interval at most.
        var idle = await LooksDuringAsync(TimeSpan.FromSeconds(3));
        Assert.InRange(idle, 0, 1);

        // The host opens a question: the timer wakes at once and looks every tick.
        await ContestTests.ActAsync(host, contest.Id, "Next");
        await player.WaitForStateAsync(s => s.Phase() == "question");
        var open = await LooksDuringAsync(TimeSpan.FromSeconds(1));
        Assert.InRange(open, 2, 8);

        // Time is up by the server's clock: locked within a tick or two, not an idle interval.
        factory.Clock.Advance(TimeSpan.FromSeconds(21));
        var locking = System.Diagnostics.Stopwatch.StartNew();
        await player.WaitForStateAsync(s => s.Phase() == "revealed", seconds: 2);
        Assert.True(locking.Elapsed < ContestTimer.Idle / 2, $"locked after {locking.ElapsedMilliseconds} ms");
        Assert.Equal(ContestPhase.Revealed, await ContestTests.QueryAsync(factory, db => db.Contests.Where(c => c.Id == contest.Id).Select(c => c.Phase).SingleAsync(Ct)));

        // Revealed: idle again.
        await Task.Delay(ContestTimer.Tick * 2, Ct);
        Assert.InRange(await LooksDuringAsync(TimeSpan.FromSeconds(3)), 0, 1);
    }

    private async Task<int> LooksDuringAsync(TimeSpan span)
    {
        var before = factory.Looks.Count;
        await Task.Delay(span, Ct);
        return factory.Looks.Count - before;
    }

    /// <summary>The site with a count of the timer's queries.</summary>
    public sealed class Site : ClockedSiteFactory
    {
        public LookCounter Looks { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(Looks));
        }
    }

    public sealed class LookCounter : DbCommandInterceptor
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
        {
            if (result.CommandText.StartsWith("-- " + ContestGame.DueTag, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref count);
            }
            return result;
        }
    }
}
