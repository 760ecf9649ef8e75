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
        logger.LogInformation("Database ready");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
