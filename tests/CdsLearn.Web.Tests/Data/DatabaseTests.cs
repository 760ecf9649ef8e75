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
        Assert.False(db.Database.HasPendingModelChanges(), "run: dotnet ef migrations add <Name> --project src/CdsLearn --startup-project src/CdsLearn.Web --output-dir Data/Migrations");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheDatabaseLivesInTheDataFolderInWalMode()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        command.CommandText = "PRAGMA busy_timeout;";
        Assert.Equal(10000L, (long?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        Assert.True(File.Exists(Path.Combine(factory.DataFolder, "cdslearn.db")));
        Assert.True(File.Exists(Path.Combine(factory.DataFolder, "keys", "certificate-signing-key.pem")));
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
