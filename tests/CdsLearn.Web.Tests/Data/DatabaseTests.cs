using System.Net;
using CdsLearn.Accounts;
using CdsLearn.Data;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Data;

public class DatabaseTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    [Fact]
    public async Task TheModelHasNoChangesMissingFromTheMigrations()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(db.Database.HasPendingModelChanges(), "add a migration for each provider: see README, Schema changes");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
    }

#if !POSTGRES_TESTS
    [Fact]
    public async Task TheDatabaseLivesInTheDataFolderInWalMode()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Opened as the site opens it (through EF, whose interceptor sets a handle up once): opened directly, the pool may
        // hand out a handle no query has used yet, without the per-handle settings the site never goes without.
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        command.CommandText = "PRAGMA busy_timeout;";
        Assert.Equal(10000L, (long?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        Assert.True(File.Exists(Path.Combine(factory.DataFolder, "cdslearn.db")));
    }

    /// <summary>The settings are made once per pooled handle (not on every open): a connection opened again, by
    /// another request's context, still fsyncs every commit and checks foreign keys.</summary>
    [Fact]
    public async Task AConnectionOpenedAgainFromThePoolKeepsEveryCommitDurable()
    {
        var ct = TestContext.Current.CancellationToken;
        for (var open = 0; open < 3; open++)
        {
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Database.OpenConnectionAsync(ct);
            using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA synchronous;";
            Assert.Equal(2L, (long?)await command.ExecuteScalarAsync(ct)); // FULL
            command.CommandText = "PRAGMA foreign_keys;";
            Assert.Equal(1L, (long?)await command.ExecuteScalarAsync(ct));
            command.CommandText = "PRAGMA busy_timeout;";
            Assert.Equal(10000L, (long?)await command.ExecuteScalarAsync(ct));
            // Reads go through the page cache: a memory map is dropped and faulted in again after every commit.
            command.CommandText = "PRAGMA mmap_size;";
            Assert.Equal(0L, (long?)await command.ExecuteScalarAsync(ct));
            await db.Database.CloseConnectionAsync();
        }
    }
#else
    [Fact]
    public void TheSiteRunsOnPostgresAndKeepsNoDatabaseInTheDataFolder()
    {
        using var scope = factory.Services.CreateScope();
        Assert.True(scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.IsNpgsql());
        Assert.False(File.Exists(Path.Combine(factory.DataFolder, "cdslearn.db")));
    }
#endif

    [Fact]
    public async Task TheKeysLiveInTheDatabaseSoEveryServerSharesThem()
    {
        // A sign-in makes the site protect a cookie: the data protection key it makes for that goes to the database.
        using var site = new SiteClient(factory);
        await site.GetAsync("/tai-khoan/dang-nhap");
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ct = TestContext.Current.CancellationToken;
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync(ct));
        Assert.True(await db.StoredSecrets.AnyAsync(s => s.Name == CdsLearn.Certificates.CertificatesServiceCollectionExtensions.SecretName, ct));
        // Beside them on local disk only the key-encryption key, which other servers are given by configuration.
        Assert.Equal(["key-encryption-key"], Directory.GetFiles(Path.Combine(factory.DataFolder, "keys")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task EveryInstallHasTheRolesAndTheProvincesCommunesButNoDemoAccounts()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var roles = await db.Roles.Select(r => r.Name).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Roles.All.Order(), roles.Order());
        Assert.Equal(75, await db.Communes.CountAsync(TestContext.Current.CancellationToken));
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "admin", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task HealthzAnswersWhenTheDatabaseIsReachable()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}

public class DemoDataTests(DemoSiteFactory factory) : IClassFixture<DemoSiteFactory>
{
    [Theory]
    [InlineData("hocvien", Roles.Learner)]
    [InlineData("tovien", Roles.TeamMember)]
    [InlineData("canboxa", Roles.CommuneOfficer)]
    [InlineData("skhcn", Roles.ProvinceStaff)]
    [InlineData("admin", Roles.Admin)]
    public async Task DevelopmentSeedsOneDemoAccountPerRoleThatCanSignIn(string userName, string role)
    {
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByNameAsync(userName);
            Assert.NotNull(user);
            Assert.Equal([role], await users.GetRolesAsync(user));
        }
        using var site = new SiteClient(factory);
        var login = await site.GetAsync("/tai-khoan/dang-nhap");
        var home = await site.SubmitAsync(login, "main form", SiteClient.Fields(("Input.UserName", userName), ("Input.Password", CdsLearnFactory.DemoPassword)));
        Assert.NotNull(home.QuerySelector("form[action='/tai-khoan/dang-xuat']"));
    }

    [Fact]
    public async Task TheDemoLearnerBelongsToAHouseholdInADemoVillage()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var learner = await db.Users.SingleAsync(u => u.UserName == "hocvien", TestContext.Current.CancellationToken);
        var member = await db.HouseholdMembers.SingleAsync(m => m.UserId == learner.Id, TestContext.Current.CancellationToken);
        var household = await db.Households.SingleAsync(h => h.Id == member.HouseholdId, TestContext.Current.CancellationToken);
        var village = await db.Villages.Include(v => v.Commune).SingleAsync(v => v.Id == household.VillageId, TestContext.Current.CancellationToken);
        Assert.Equal(DemoDataSeeder.DemoCommune, village.Commune!.Name);
        Assert.True(await db.Households.CountAsync(TestContext.Current.CancellationToken) >= 3);
        Assert.True(await db.TeamMembers.AnyAsync(t => db.Users.Any(u => u.Id == t.UserId && u.UserName == "tovien"), TestContext.Current.CancellationToken));
    }
}

/// <summary>An install from before the keys moved into the database, with its signing key in <c>keys/</c>.</summary>
public sealed class OlderInstallFactory : CdsLearnFactory
{
    public OlderInstallFactory()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        KeyPem = key.ExportECPrivateKeyPem();
        Directory.CreateDirectory(Path.Combine(DataFolder, "keys"));
        File.WriteAllText(Path.Combine(DataFolder, "keys", CdsLearn.Certificates.CertificatesServiceCollectionExtensions.KeyFileName), KeyPem);
    }

    public string KeyPem { get; }
}

public class OlderInstallTests(OlderInstallFactory factory) : IClassFixture<OlderInstallFactory>
{
    [Fact]
    public async Task AnOlderInstallsSigningKeyIsCarriedIntoTheDatabaseSoPrintedCertificatesStayValid()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.StoredSecrets.Where(s => s.Name == CdsLearn.Certificates.CertificatesServiceCollectionExtensions.SecretName)
            .Select(s => s.Value).SingleAsync(TestContext.Current.CancellationToken);
        var kek = factory.Services.GetRequiredService<CdsLearn.Keys.KeyEncryptionKey>();
        Assert.Equal(factory.KeyPem, kek.OpenText(stored, CdsLearn.Certificates.CertificatesServiceCollectionExtensions.SealPurpose));
    }
}
