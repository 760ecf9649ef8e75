using CdsLearn.Certificates;
using CdsLearn.Households;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Live;

/// <summary>
/// Two app servers behind one address, as a province runs them when one machine is not enough: one PostgreSQL
/// database, one Redis (the server named by <c>CDSLEARN_TEST_REDIS</c>, e.g. 127.0.0.1:6379), separate data folders,
/// one key-encryption key given to both by configuration.
/// </summary>
public sealed class TwoServers : IAsyncDisposable
{
    public const string RedisVariable = "CDSLEARN_TEST_REDIS";

    private static readonly string? Redis = Environment.GetEnvironmentVariable(RedisVariable);

    private TwoServers(string channelPrefix)
    {
        var key = NewKeyEncryptionKey();
        First = new Server(channelPrefix, joinDatabase: null, key);
        _ = First.Server; // started first: it makes the database the second one joins
        Second = new Server(channelPrefix, First.DatabaseConnectionString, key);
        _ = Second.Server;
    }

    public Server First { get; }

    public Server Second { get; }

    /// <summary>Two servers, or the test skipped (failed under CI) when no Redis is configured.</summary>
    public static TwoServers Start()
    {
        if (string.IsNullOrWhiteSpace(Redis))
        {
            var reason = $"no Redis server: set {RedisVariable} (e.g. 127.0.0.1:6379) to run the two-server tests";
            Assert.SkipWhen(Environment.GetEnvironmentVariable("CI") != "true", reason);
            Assert.Fail(reason);
        }
        // A channel prefix of their own, so that test runs sharing a Redis never hear each other.
        return new TwoServers("cdslearn-test-" + Guid.NewGuid().ToString("N"));
    }

    public async ValueTask DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
    }

    /// <summary>A key-encryption key, as the value of <c>Keys:EncryptionKey</c>.</summary>
    public static string NewKeyEncryptionKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public sealed class Server(string channelPrefix, string? joinDatabase, string keyEncryptionKey) : CdsLearnFactory
    {
        protected override string? JoinDatabase => joinDatabase;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("SignalR:Redis", Redis);
            builder.UseSetting("SignalR:ChannelPrefix", channelPrefix);
            builder.UseSetting("Keys:EncryptionKey", keyEncryptionKey);
        }
    }
}

public class TwoServersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ALiveEventRaisedOnOneServerReachesADashboardConnectedToTheOther()
    {
        await using var servers = TwoServers.Start();
        var world = await HouseholdWorld.CreateAsync(servers.First);
        // Signed in on the first server, connected to the second: the second reads the first's cookie (one key ring).
        await using var officer = await DashboardListener.ConnectAsync(servers.First, servers.Second, world, HouseholdWorld.OfficerOfA);

        // The second server joins the officer's groups on Redis a moment after the connection opens (a subscription
        // round trip), so a change made in that moment may go unheard: changes keep coming until one is heard.
        for (var change = 0; change < 20 && !officer.Figures.Any(m => m.Communes.Contains(world.A2.CommuneId)); change++)
        {
            using (var scope = servers.First.Services.CreateScope())
            {
                await scope.ServiceProvider.GetRequiredService<HouseholdEditor>()
                    .CreateAsync(Scope.Province, new HouseholdInput(world.A2.Id, "R" + Guid.NewGuid().ToString("N")[..6], "Hộ mới"), 1980, null, Ct);
            }
            await Task.Delay(500, Ct);
        }

        await officer.WaitForAsync(m => m.Communes.Contains(world.A2.CommuneId));
    }

    [Fact]
    public async Task ACertificateSignedOnOneServerVerifiesOnTheOther()
    {
        await using var servers = TwoServers.Start();
        var claims = new CertificateClaims("ABCD-EFGH", "an-toan-mang", new DateOnly(2026, 11, 23), "Lò V. M.");
        var signature = servers.First.Services.GetRequiredService<CertificateSigner>().Sign(claims);
        Assert.True(servers.Second.Services.GetRequiredService<CertificateSigner>().Verify(claims, signature));
    }

    [Fact]
    public async Task TwoServersStartingAtOnceOnAnEmptyDatabaseBothComeUpAndSeedOnce()
    {
        // A database both join before either has started: the first start of a province with two app servers.
        var database = new TestDatabase();
        var empty = database.CreateEmpty();
        try
        {
            await BothStartAsync(empty);
        }
        finally
        {
            database.Drop();
        }
    }

    private static async Task BothStartAsync(string empty)
    {
        var prefix = "cdslearn-test-" + Guid.NewGuid().ToString("N");
        var key = TwoServers.NewKeyEncryptionKey();
        await using var first = new TwoServers.Server(prefix, empty, key);
        await using var second = new TwoServers.Server(prefix, empty, key);

        await Task.WhenAll(Task.Run(() => first.Server, Ct), Task.Run(() => second.Server, Ct));

        foreach (var server in new[] { first, second })
        {
            using var client = server.CreateClient();
            Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/healthz", Ct)).StatusCode);
        }
        using var scope = first.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CdsLearn.Data.AppDbContext>();
        Assert.Equal(CdsLearn.Accounts.Roles.All.Count, await db.Roles.CountAsync(Ct));
        Assert.Equal(75, await db.Communes.CountAsync(Ct));
    }
}
