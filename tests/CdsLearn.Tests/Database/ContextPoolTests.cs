using System.Data;
using CdsLearn.Data;
using CdsLearn.Figures;
using CdsLearn.Geography;
using CdsLearn.Households;
using CdsLearn.Tests.Figures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Tests.Database;

/// <summary>The site's contexts are pooled (AddCdsLearnData): a request gets one already built, with the figure
/// listeners, and nothing one request left in it reaches the next.</summary>
public sealed class ContextPoolTests : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "cdslearn-tests", Guid.NewGuid().ToString("N"));
    private readonly FigureRecorder recorder = new();
    private ServiceProvider services = null!;
    private int communeId;
    private int villageId;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Data:Folder", folder)]).Build();
        services = new ServiceCollection()
            .AddLogging()
            .AddCdsLearnData(configuration, DataFolder.Resolve(configuration, folder))
            .AddSingleton<IFigureListener>(recorder)
            .BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync(Ct);
        var commune = new Commune { Name = "Xã Thử" };
        db.Communes.Add(commune);
        await db.SaveChangesAsync(Ct);
        var village = new Village { CommuneId = commune.Id, Name = "Bản Thử" };
        db.Villages.Add(village);
        await db.SaveChangesAsync(Ct);
        (communeId, villageId) = (commune.Id, village.Id);
    }

    [Fact]
    public async Task TheNextRequestGetsTheSameContextBackAndItStillTellsTheListenersWhatItCommitted()
    {
        AppDbContext first;
        await using (var scope = services.CreateAsyncScope())
        {
            first = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        }
        recorder.Changes.Clear();

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Same(first, db);
            db.Households.Add(NewHousehold("H-1"));
            await db.SaveChangesAsync(Ct);
        }

        var change = Assert.Single(recorder.Changes);
        Assert.Contains(communeId, change.CommuneIds);
        Assert.Contains(villageId, change.VillageIds);
    }

    [Fact]
    public async Task AChangeAnUnfinishedTransactionLeftPendingIsNotAnnouncedWhenTheNextRequestCommits()
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // Begun and never committed nor rolled back: the request ends (an exception, a client gone) with the
            // household's figure change pending in the context's keeper.
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await db.Database.BeginTransactionAsync(Ct);
                db.Households.Add(NewHousehold("H-UNFINISHED"));
                await db.SaveChangesAsync(Ct);
            });
        }
        recorder.Changes.Clear();

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(Ct);
                db.Communes.Single(c => c.Id == communeId).ZaloUrl = "https://zalo.me/g/thu";
                await db.SaveChangesAsync(Ct);
                await transaction.CommitAsync(Ct);
            });
            Assert.False(await db.Households.AnyAsync(h => h.Code == "H-UNFINISHED", Ct));
        }

        // Only the commune edit of this request (a place change), not the other request's household.
        Assert.DoesNotContain(recorder.Changes, c => c.VillageIds.Contains(villageId));
    }

    /// <summary>A request's context opens its SQLite connection at its first query and keeps it for the rest, commits
    /// included (EF would open and close it around each query, registering its SQL functions on the handle every time);
    /// the connection is closed, its handle back in SQLite's pool, when the context goes back to the context pool.</summary>
    [Fact]
    public async Task ARequestsQueriesAndCommitsShareOneOpeningOfItsConnection()
    {
        var states = new List<ConnectionState>();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Database.GetDbConnection().StateChange += (_, e) => states.Add(e.CurrentState);
            Assert.True(await db.Villages.AnyAsync(Ct));
            db.Households.Add(NewHousehold("H-OPEN"));
            await db.SaveChangesAsync(Ct); // with the figure keeper's queries, in a transaction
            Assert.Equal(1, await db.Households.CountAsync(Ct));
            Assert.Equal([ConnectionState.Open], states);
        }
        Assert.Equal([ConnectionState.Open, ConnectionState.Closed], states);
    }

    private Household NewHousehold(string code)
    {
        var household = new Household { VillageId = villageId, Code = code, HeadName = "Lò Văn Ba", JoinCode = CdsLearn.Rules.ShortCode.New(8), CreatedAt = DateTime.UtcNow };
        household.Members.Add(new HouseholdMember { FullName = "Lò Văn Ba", BirthYear = 1970 });
        HouseholdEditor.Refresh(household);
        return household;
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temp folder is cleaned by the system.
        }
    }
}
