using CdsLearn.Accounts;
using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Keys;
using CdsLearn.Learning;
using CdsLearn.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CdsLearn.Load;

/// <summary>
/// The platform's data services over a data folder, in the load tool's own process: the same migrations, seeders and
/// figure keeper as the site. Used to create learners before the site starts and to check the database after it
/// stopped (or was killed).
/// </summary>
public sealed class LoadDatabase : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private LoadDatabase(ServiceProvider services, string dataFolder)
    {
        this.services = services;
        DataFolder = dataFolder;
    }

    public string DataFolder { get; }

    /// <summary>Opens the database of the data folder, creating and migrating it if needed (no demo data). With a
    /// course folder, the learning services (QuizService…) are there too, to submit attempts without the site.
    /// <paramref name="settings"/> are the site's own (e.g. Database:Provider and ConnectionStrings:Default for PostgreSQL).</summary>
    public static async Task<LoadDatabase> OpenAsync(
        string dataFolder, CancellationToken cancellationToken = default, string? contentFolder = null, Action<IServiceCollection>? configure = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var path = Path.GetFullPath(dataFolder);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Data:Folder", path), new("CDSLEARN_DATA", path), new("Seed:DemoData", "false"), new("Content:Folder", contentFolder)])
            .AddInMemoryCollection((settings ?? new Dictionary<string, string>()).Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddSingleton<IHostEnvironment>(new LoadHostEnvironment(path));
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        collection.AddCdsLearnData(configuration, Data.DataFolder.Resolve(configuration, path));
        collection.AddAccounts();
        collection.AddSingleton(TimeProvider.System);
        if (contentFolder is not null)
        {
            collection.AddContent();
            collection.AddKeys();
            collection.AddLearning();
            collection.AddCertificates();
        }
        configure?.Invoke(collection);
        var provider = collection.BuildServiceProvider();
        foreach (var migrator in provider.GetServices<IHostedService>().OfType<DatabaseMigrator>())
        {
            await migrator.StartAsync(cancellationToken);
        }
        return new LoadDatabase(provider, path);
    }

    /// <summary>A scope of the platform's services (AppDbContext, FigureRebuilder, …).</summary>
    public AsyncServiceScope CreateScope() => services.CreateAsyncScope();

    /// <summary>The singletons (the province figure cache…), for tools that look inside.</summary>
    public IServiceProvider Services => services;

    /// <summary>`PRAGMA integrity_check` of the data folder's database: "ok" for a sound file, else the problems found.
    /// Works on a database the site left behind when killed (opening it replays the WAL).</summary>
    public static string IntegrityCheck(string dataFolder)
    {
        using var connection = Open(dataFolder);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(0));
        }
        return string.Join('\n', lines);
    }

    /// <summary>The ids of every stored quiz attempt, read with a plain connection.</summary>
    public static HashSet<Guid> StoredAttemptIds(string dataFolder)
    {
        using var connection = Open(dataFolder);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Id\" FROM \"QuizAttempts\"";
        using var reader = command.ExecuteReader();
        var ids = new HashSet<Guid>();
        while (reader.Read())
        {
            ids.Add(Guid.Parse(reader.GetString(0)));
        }
        return ids;
    }

    /// <summary>Runs one statement with a plain connection (the tests use it to spoil a database on purpose).</summary>
    public static int Execute(string dataFolder, string sql)
    {
        using var connection = Open(dataFolder);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    private static SqliteConnection Open(string dataFolder)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(Path.GetFullPath(dataFolder), "cdslearn.db"),
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        // Pooled connections would keep the file open while the site uses it.
        SqliteConnection.ClearAllPools();
    }

    private sealed class LoadHostEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";
        public string ApplicationName { get; set; } = "CdsLearn.Load";
        public string ContentRootPath { get; set; } = root;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
