using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CdsLearn.Data;

/// <summary>Seeds data after migrations; each seeder must be idempotent (it runs at every start).</summary>
public interface IDbSeeder
{
    Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken);
}

/// <summary>Applies the committed migrations at start-up, switches SQLite to WAL, then runs the seeders.</summary>
public sealed class DatabaseMigrator(IServiceProvider services, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // One server at a time through migrations and seeders (see SeedingLock): EF Core's own migration lock did not
        // keep a second server starting at once from applying a later migration again on PostgreSQL.
        await using (await SeedingLock.TakeAsync(db, cancellationToken))
        {
            await db.Database.MigrateAsync(cancellationToken);
            if (db.Database.IsSqlite())
            {
                // WAL is a property of the database file: set once, it holds for every later connection.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
            }
            foreach (var seeder in scope.ServiceProvider.GetServices<IDbSeeder>())
            {
                await seeder.SeedAsync(scope.ServiceProvider, cancellationToken);
            }
        }
        logger.LogInformation("Database ready");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Several app servers on one PostgreSQL database may start at once (a province's first start, a restart of all).
/// Seeders check and then insert, so two at once both saw a role missing and the second failed on the unique key;
/// and with more than one migration to apply, the second server applied one again ("column already exists"). On PostgreSQL they run one server at a time under a session
/// advisory lock, which the server releases when done, or PostgreSQL when its connection ends. SQLite is one file on
/// one server: nothing to take.
/// </summary>
internal sealed class SeedingLock : IAsyncDisposable
{
    /// <summary>"CDSLSEED" as a number: any constant every server agrees on.</summary>
    private const long Key = 4847090686237164868;

    private readonly AppDbContext? db;

    private SeedingLock(AppDbContext? db) => this.db = db;

    public static async Task<SeedingLock> TakeAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return new SeedingLock(null);
        }
        // The lock belongs to the connection: keep this one open until it is released.
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({Key})", cancellationToken);
        return new SeedingLock(db);
    }

    public async ValueTask DisposeAsync()
    {
        if (db is null)
        {
            return;
        }
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({Key})");
        await db.Database.CloseConnectionAsync();
    }
}
