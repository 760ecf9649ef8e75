using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CdsLearn.Data;

/// <summary>Where the platform keeps its files: the SQLite database and generated keys.</summary>
public sealed record DataFolder(string Path)
{
    /// <summary>From the CDSLEARN_DATA environment variable (or Data:Folder), else a 'data' folder beside the app.</summary>
    public static DataFolder Resolve(IConfiguration configuration, string appRoot)
    {
        var configured = configuration["CDSLEARN_DATA"] ?? configuration["Data:Folder"];
        var path = System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
            ? System.IO.Path.Combine(appRoot, "data")
            : configured);
        Directory.CreateDirectory(path);
        return new DataFolder(path);
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);
}

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// The database. <c>Database:Provider</c> picks it: <c>Sqlite</c> (the default) uses the connection string
    /// 'Default' if given, else <c>cdslearn.db</c> in the data folder; <c>Postgres</c> needs 'Default' and takes its
    /// migrations from the CdsLearn.Postgres assembly. SQLite runs in WAL mode (set by the migrator), with a busy
    /// timeout and a retrying execution strategy so that concurrent writers wait for each other instead of failing
    /// with "database is locked".
    /// </summary>
    public static IServiceCollection AddCdsLearnData(this IServiceCollection services, IConfiguration configuration, DataFolder folder)
    {
        services.AddSingleton(folder);
        var provider = DatabaseProviders.Parse(configuration[DatabaseProviders.ConfigurationKey]);
        var connectionString = configuration.GetConnectionString("Default");
        if (provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Default is not set.");
        }
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = new SqliteConnectionStringBuilder { DataSource = folder.File("cdslearn.db") }.ToString();
        }
        // Contexts are pooled: a request's context comes with its internal services already built (building them
        // for every request was 4-5 % of the site's CPU in the learner loop). The options depend on configuration
        // only; the pool resets a context's tracker and connection when it comes back, and the figure keeper drops
        // what an unfinished transaction left pending (AppDbContext.Dispose).
        // Interceptors the host adds (the site's check that no query runs on a socket thread) come after the library's.
        services.AddDbContextPool<AppDbContext>((host, options) => DatabaseProviders.Configure(options, provider, connectionString)
            .AddInterceptors(host.GetServices<IInterceptor>()));
        services.AddHostedService<DatabaseMigrator>();
        // Seeders run in this order after the migrations.
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section);
        services.AddScoped<IDbSeeder, RoleSeeder>();
        services.AddScoped<IDbSeeder, CommuneSeeder>();
        services.AddScoped<IDbSeeder, DemoDataSeeder>();
        services.AddScoped<IDbSeeder, Households.HouseholdSearchBackfill>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<Figures.FigureRebuilder>();
        services.AddScoped<Figures.Dashboard>();
        services.AddScoped<Figures.QuarterlyReports>();
        services.AddScoped<Figures.QuarterTargets>();
        services.AddSingleton<Figures.ProvinceFigureCache>();
        services.AddSingleton<Figures.IFigureListener>(sp => sp.GetRequiredService<Figures.ProvinceFigureCache>());
        services.AddScoped<IDbSeeder>(sp => sp.GetRequiredService<Figures.FigureRebuilder>());
        services.AddHostedService<Figures.FigureYearWatcher>();
        return services;
    }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DatabaseProviders
{
    public const string ConfigurationKey = "Database:Provider";

    /// <summary>The assembly that holds the PostgreSQL migrations (SQLite's are in this one).</summary>
    public const string PostgresMigrationsAssembly = "CdsLearn.Postgres";

    public static DatabaseProvider Parse(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" or "SQLITE" => DatabaseProvider.Sqlite,
        "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException($"Database:Provider '{value}' is unknown: use Sqlite or Postgres."),
    };

    /// <summary>Connections one app server opens to PostgreSQL at most, unless its connection string says otherwise.</summary>
    public const int DefaultMaxPoolSize = 30;

    /// <summary>
    /// PostgreSQL refuses connections past <c>max_connections</c> (100 on a default install, 3 of them kept for
    /// superusers), and Npgsql's own pool limit is 100. Under 200 learners the site's pool grew past the server's
    /// slots; each refusal ("remaining connection slots are reserved") made Npgsql drop its pooled connections and
    /// open new ones, a fork and a SCRAM exchange each, and learner loops fell to 38–74/s with 5–7 s waits
    /// (tools/BENCHMARKS.md). A few connections kept busy do more: requests wait their turn for one. A connection
    /// string that sets its own Maximum Pool Size keeps it; several app servers together must stay under the
    /// server's max_connections (tools/deploy/README.md).
    /// </summary>
    public static string WithPoolLimit(string connectionString)
    {
        var keys = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant());
        if (keys.Any(k => k is "maximumpoolsize" or "maxpoolsize"))
        {
            return connectionString;
        }
        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = DefaultMaxPoolSize }.ConnectionString;
    }

    /// <summary>
    /// Both providers send a list the query filters on (<c>ids.Contains(x)</c>) as one parameter: a JSON array that
    /// SQLite reads with <c>json_each</c>, an array in PostgreSQL (<c>= ANY(@ids)</c>). EF 10's default writes one
    /// parameter per element (<c>IN (@ids1, @ids2…)</c>), whose SQL it builds again at every execution, compiled
    /// queries included (16 % of the learner loop's allocations, tools/BENCHMARKS.md); and a query that takes a list
    /// can then be compiled once (the issuer's evidence of a batch of learners, the result page's of one).
    /// </summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        return provider switch
        {
            DatabaseProvider.Postgres => options
                .UseNpgsql(WithPoolLimit(connectionString), npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly).EnableRetryOnFailure()
                    .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                .AddInterceptors(Figures.FigureTransactionInterceptor.Instance),
            _ => options
                .UseSqlite(connectionString, sqlite => sqlite.ExecutionStrategy(d => new SqliteRetryingExecutionStrategy(d))
                    .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                .AddInterceptors(SqliteConnectionInterceptor.Instance, Figures.FigureTransactionInterceptor.Instance),
        };
    }
}

/// <summary>
/// Sets per-connection pragmas. <c>synchronous=FULL</c>: in WAL mode every commit is fsynced before it is
/// acknowledged, so an acknowledged quiz attempt survives a crash and a power cut; NORMAL would survive only a crash.
/// No <c>mmap_size</c> (SQLite's default, reads through each connection's page cache): in WAL mode a connection that
/// sees another's commit drops its cache and, with a map, unmaps the whole file and faults every page in again; with
/// learners submitting there are 20–30 commits a second, and in the learner loop's profile that was 8 % of the site's
/// CPU (page faults under <c>btreeInitPage</c>, <c>munmap</c>), of which less than half came back as reads through
/// the page cache.
/// The province dashboard, for which the map was set, keeps its figures now and did not move without it (issue 20,
/// tools/BENCHMARKS.md).
/// These settings belong to the SQLite connection handle, which Microsoft.Data.Sqlite's pool keeps open between uses,
/// so they are set once per handle: setting them on each open parsed and ran the statements again for every query.
/// <para>
/// A context also keeps its connection open from its first query until it is disposed or goes back to the context
/// pool (which disposes the connection, returning the handle to SQLite's pool). EF opens and closes the connection
/// around each query, and every open registers EF's SQL functions and collation on the handle again: 2 % of the site's
/// CPU and 4 % of its allocations in the learner loop, where each request runs several queries (tools/BENCHMARKS.md).
/// An open connection outside a transaction holds no lock, so other connections' writes and checkpoints go on.
/// An explicit <c>CloseConnection</c> is kept open too, until the context ends; PostgreSQL's connections are not
/// touched (a few are shared by all requests, see <see cref="DatabaseProviders.DefaultMaxPoolSize"/>).
/// </para>
/// </summary>
internal sealed class SqliteConnectionInterceptor : DbConnectionInterceptor
{
    public static readonly SqliteConnectionInterceptor Instance = new();

    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";

    /// <summary>The native handles already set; an entry goes with its handle.</summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is SqliteConnection sqlite && IsNew(sqlite))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
            configured.AddOrUpdate(sqlite.Handle!, this);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is SqliteConnection sqlite && IsNew(sqlite))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            configured.AddOrUpdate(sqlite.Handle!, this);
        }
    }

    public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();

    public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        ValueTask.FromResult(InterceptionResult.Suppress());

    private bool IsNew(SqliteConnection connection) => connection.Handle is not { } handle || !configured.TryGetValue(handle, out _);
}

/// <summary>Retries a unit of work when SQLite reports the database busy or locked after the busy timeout.</summary>
public sealed class SqliteRetryingExecutionStrategy(ExecutionStrategyDependencies dependencies)
    : ExecutionStrategy(dependencies, maxRetryCount: 6, maxRetryDelay: TimeSpan.FromSeconds(2))
{
    protected override bool ShouldRetryOn(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 }
        || exception.InnerException is SqliteException { SqliteErrorCode: 5 or 6 };
}
