#if POSTGRES_TESTS
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

    /// <summary>Makes the fresh database (dropped by <see cref="Drop"/>) and returns its connection string.</summary>
    public string CreateEmpty()
    {
        name = "cdslearn_test_" + Guid.NewGuid().ToString("N");
        Execute($"CREATE DATABASE \"{name}\"");
        ConnectionString = new NpgsqlConnectionStringBuilder(Server) { Database = name }.ToString();
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
