using System.Globalization;
using System.Reflection;
using CdsLearn.Content;
using CdsLearn.Load;

namespace CdsLearn.LoadTests.Infrastructure;

/// <summary>
/// A fresh data folder with learners already in its database, and the site to run on it as a separate process
/// (Testing environment, rate limits out of the way). LOAD_LEARNERS and LOAD_SECONDS change the size of the runs;
/// LOAD_KEEP=1 keeps the folder (database and the site's logs) for a look afterwards.
/// </summary>
public sealed class LoadWorkspace : IAsyncDisposable
{
    private LoadWorkspace(string folder, SiteLaunch launch, Course course, Population population)
    {
        Folder = folder;
        Launch = launch;
        Course = course;
        Population = population;
    }

    public static int Learners => Setting("LOAD_LEARNERS", 500);

    public static TimeSpan Duration => TimeSpan.FromSeconds(Setting("LOAD_SECONDS", 30));

    public string Folder { get; }

    public string DataFolder => Launch.DataFolder;

    public SiteLaunch Launch { get; }

    public Course Course { get; }

    public Population Population { get; }

    public static async Task<LoadWorkspace> CreateAsync(int learners, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cdslearn-load", Guid.NewGuid().ToString("N")[..12]);
        var launch = new SiteLaunch
        {
            Assembly = SiteAssembly(),
            DataFolder = Path.Combine(folder, "data"),
            Environment = "Testing",
            // Certificates from quiz passes alone, so that issuing them under load is part of what is checked
            // (AttemptCheck.CertificateDifferencesAsync expects that rule).
            Settings = new Dictionary<string, string>(SiteLaunch.NoRateLimits) { ["Certificates:SkillRestsOn"] = "Quizzes" },
        };
        var course = launch.LoadCourse();
        await using var database = await LoadDatabase.OpenAsync(launch.DataFolder, cancellationToken);
        var population = await LoadPopulation.CreateAsync(database, course, new PopulationSpec { Learners = learners }, cancellationToken);
        return new LoadWorkspace(folder, launch, course, population);
    }

    /// <summary>Another workspace holding a copy of this one's data folder (database, keys): the same learners, and
    /// their sign-in cookies stay valid there.</summary>
    public LoadWorkspace Copy()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cdslearn-load", Guid.NewGuid().ToString("N")[..12]);
        var launch = Launch with { DataFolder = Path.Combine(folder, "data") };
        foreach (var file in Directory.EnumerateFiles(DataFolder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(launch.DataFolder, Path.GetRelativePath(DataFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return new LoadWorkspace(folder, launch, Course, Population);
    }

    public Task<SiteProcess> StartSiteAsync(int port = 0) => SiteProcess.StartAsync(Launch with { Port = port }, TestContext.Current.CancellationToken);

    public static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable("LOAD_KEEP") != "1")
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean.
            }
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>The site built beside these tests (same configuration), or CDSLEARN_SITE.</summary>
    private static string SiteAssembly() =>
        Environment.GetEnvironmentVariable("CDSLEARN_SITE") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.GetFullPath(typeof(LoadWorkspace).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SiteAssembly").Value!);

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
