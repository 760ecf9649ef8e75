using CdsLearn.Content;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CdsLearn.Load;

/// <summary>
/// A fresh data folder with learners already in its database (or none), and the site to run on it as a separate
/// process: what the benchmarks (tools/CdsLearn.Bench) and the load tests (tests/CdsLearn.LoadTests) both start from.
/// Disposing it deletes the folder (unless kept) and, for a PostgreSQL run, the database made for it.
/// </summary>
public sealed class LoadWorkspace : IAsyncDisposable
{
    private readonly Population? population;
    private readonly bool keep;

    private LoadWorkspace(string folder, SiteLaunch launch, Course course, Population? population, bool keep)
    {
        Folder = folder;
        Launch = launch;
        Course = course;
        this.population = population;
        this.keep = keep;
    }

    public string Folder { get; }

    public string DataFolder => Launch.DataFolder;

    public SiteLaunch Launch { get; }

    public Course Course { get; }

    /// <summary>The learners written in before the site starts.</summary>
    public Population Population => population ?? throw new InvalidOperationException("this workspace was made without learners");

    public bool HasLearners => population is not null;

    /// <summary>The machine's load averages when the workspace was made (benchmarks report them beside each figure).</summary>
    public string LoadBefore { get; } = MachineLoad.Now();

    /// <param name="under">The folder under the temporary folder that holds every workspace of this kind.</param>
    /// <param name="siteAssembly">The built site, CdsLearn.Web.dll.</param>
    /// <param name="environment">The site's ASPNETCORE_ENVIRONMENT.</param>
    /// <param name="settings">The site's configuration (rate limits, database provider…), also used to open the database here.</param>
    /// <param name="learners">The learners to write in, or null for none.</param>
    /// <param name="keep">Keep the folder (database, the site's logs) after disposing.</param>
    public static async Task<LoadWorkspace> CreateAsync(string under, string siteAssembly, string environment,
        IReadOnlyDictionary<string, string> settings, PopulationSpec? learners, bool keep, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), under,
            DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6]);
        var launch = new SiteLaunch
        {
            Assembly = siteAssembly,
            DataFolder = Path.Combine(folder, "data"),
            Environment = environment,
            Settings = settings,
        };
        var course = launch.LoadCourse();
        Population? population = null;
        await using (var database = await LoadDatabase.OpenAsync(launch.DataFolder, cancellationToken, settings: launch.Settings))
        {
            if (learners is not null)
            {
                population = await LoadPopulation.CreateAsync(database, course, learners, cancellationToken);
            }
        }
        return new LoadWorkspace(folder, launch, course, population, keep);
    }

    /// <summary>Another workspace holding a copy of this one's data folder (database, keys): the same learners, and
    /// their sign-in cookies stay valid there. SQLite only.</summary>
    public LoadWorkspace Copy()
    {
        var folder = Folder + "-" + Guid.NewGuid().ToString("N")[..6];
        var launch = Launch with { DataFolder = Path.Combine(folder, "data") };
        foreach (var file in Directory.EnumerateFiles(DataFolder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(launch.DataFolder, Path.GetRelativePath(DataFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return new LoadWorkspace(folder, launch, Course, population, keep);
    }

    public Task<SiteProcess> StartSiteAsync(CancellationToken cancellationToken, int port = 0) =>
        SiteProcess.StartAsync(Launch with { Port = port }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (keep)
        {
            return;
        }
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
        // A PostgreSQL run's database is made for the run: drop it too.
        if (Launch.Settings.GetValueOrDefault("ConnectionStrings:Default") is { } connection
            && Launch.Settings.GetValueOrDefault("Database:Provider") == "Postgres")
        {
            NpgsqlConnection.ClearAllPools();
            var builder = new NpgsqlConnectionStringBuilder(connection);
            var name = builder.Database;
            builder.Database = "postgres";
            builder.Pooling = false;
            await using var server = new NpgsqlConnection(builder.ConnectionString);
            await server.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
