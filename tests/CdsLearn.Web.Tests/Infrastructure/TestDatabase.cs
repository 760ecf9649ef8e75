#if POSTGRES_TESTS
using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
#endif
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;

namespace CdsLearn.Web.Tests.Infrastructure;

/// <summary>
/// The database a test site runs on. Here: SQLite in the site's fresh data folder. The same tests compiled into
/// CdsLearn.Web.Tests.Postgres (symbol POSTGRES_TESTS) give each site a fresh PostgreSQL database on the server named
/// by the environment variable <c>CDSLEARN_TEST_POSTGRES</c> (a connection string without a database), and drop it
/// afterwards.
/// </summary>
public sealed class TestDatabase
{
    public const string ServerVariable = "CDSLEARN_TEST_POSTGRES";

#if POSTGRES_TESTS
    public static bool IsPostgres => true;

    private static readonly string? Server = Environment.GetEnvironmentVariable(ServerVariable);

    private string? name;

    /// <summary>The site's connection string, once configured (another site can join the same database).</summary>
    public string? ConnectionString { get; private set; }

    /// <summary>Why these tests cannot run here, or null when they can.</summary>
    public static string? SkipReason => string.IsNullOrWhiteSpace(Server)
        ? $"no PostgreSQL server: set {ServerVariable} (e.g. Host=127.0.0.1;Username=...;Password=...) to run the suite on it"
        : null;

    /// <summary>A fresh database for the site, or <paramref name="join"/>: another site's, which this one leaves
    /// for its owner to drop.</summary>
    public void Configure(IWebHostBuilder builder, string? join = null)
    {
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("ConnectionStrings:Default", join ?? CreateEmpty());
    }

    /// <summary>Makes the fresh database (dropped by <see cref="Drop"/>) and returns its connection string. It starts
    /// as a copy of <see cref="Template"/>: the committed migrations already applied, no row seeded (each site still
    /// seeds its own roles, communes and keys at start-up).</summary>
    public string CreateEmpty()
    {
        name = "cdslearn_test_" + Guid.NewGuid().ToString("N");
        Execute($"CREATE DATABASE \"{name}\" TEMPLATE \"{Template.Value}\"");
        // The test sites commit without waiting for the disk (synchronous_commit=off): a crash of the throwaway server
        // is no case here, and committed rows are visible to every other connection at once as before.
        ConnectionString = new NpgsqlConnectionStringBuilder(Server) { Database = name, Options = "-c synchronous_commit=off" }.ToString();
        return ConnectionString;
    }

    public void Drop()
    {
        NpgsqlConnection.ClearAllPools();
        if (name is null)
        {
            return;
        }
        // FORCE ends the site's leftover connections, and an autovacuum worker's too if the role may signal it
        // (pg_signal_backend, granted by .ci/run); without that right a busy database is tried again a little later.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                return;
            }
            catch (PostgresException) when (attempt < 10)
            {
                Thread.Sleep(500);
            }
        }
    }

    /// <summary>
    /// The schema every test database is copied from, made once per version of the migrations: applying the ~10
    /// migrations took about as long as a small test class, for each of the suite's ~60 sites; CREATE DATABASE … TEMPLATE
    /// copies the files instead. The name carries the migrations assembly's MVID (deterministic builds: it changes
    /// exactly when the assembly's content does), so a changed migration makes a new template and drops the old.
    /// </summary>
    private static readonly Lazy<string> Template = new(CreateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    private const string TemplatePrefix = "cdslearn_test_template_";

    private static string CreateTemplate()
    {
        var version = System.Reflection.Assembly.Load(DatabaseProviders.PostgresMigrationsAssembly).ManifestModule.ModuleVersionId.ToString("N")[..16];
        var template = TemplatePrefix + version;
        foreach (var stale in Names($"SELECT datname FROM pg_database WHERE datname LIKE '{TemplatePrefix}%' AND datname <> '{template}'"))
        {
            TryExecute($"DROP DATABASE IF EXISTS \"{stale}\" WITH (FORCE)");
        }
        if (Names($"SELECT datname FROM pg_database WHERE datname = '{template}'").Count > 0)
        {
            return template;
        }
        // Built under another name and renamed when complete: a second test run starting at the same moment never
        // copies a half-migrated template.
        var building = "cdslearn_test_building_" + Guid.NewGuid().ToString("N");
        Execute($"CREATE DATABASE \"{building}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(Server) { Database = building, Pooling = false }.ToString();
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseProviders.Configure(options, DatabaseProvider.Postgres, connectionString);
        using (var db = new AppDbContext(options.Options))
        {
            db.Database.Migrate();
        }
        if (!TryExecute($"ALTER DATABASE \"{building}\" RENAME TO \"{template}\""))
        {
            // The other run finished first: use its template.
            Execute($"DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)");
        }
        return template;
    }

    private static List<string> Names(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ToString());
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    private static bool TryExecute(string sql)
    {
        try
        {
            Execute(sql);
            return true;
        }
        catch (PostgresException)
        {
            return false;
        }
    }

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ToString());
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
#else
    public static bool IsPostgres => false;

    public static string? SkipReason => null;

    public string? ConnectionString => null;

    /// <summary>SQLite: the site makes its database in its data folder by itself.</summary>
    public void Configure(IWebHostBuilder builder, string? join = null)
    {
    }

    public void Drop() => SqliteConnection.ClearAllPools();
#endif
}
