using System.Globalization;
using System.Reflection;
using CdsLearn.Load;

namespace CdsLearn.LoadTests.Infrastructure;

/// <summary>
/// How the load tests run: the site built beside them (or CDSLEARN_SITE) in the Testing environment, rate limits out
/// of the way, on a <see cref="LoadWorkspace"/> under /tmp/cdslearn-load. LOAD_LEARNERS and LOAD_SECONDS change the
/// size of the runs; LOAD_KEEP=1 keeps the folders (database and the site's logs) for a look afterwards.
/// </summary>
public static class LoadSettings
{
    public static int Learners => Setting("LOAD_LEARNERS", 500);

    public static TimeSpan Duration => TimeSpan.FromSeconds(Setting("LOAD_SECONDS", 30));

    public static Task<LoadWorkspace> CreateWorkspaceAsync(int learners, CancellationToken cancellationToken) =>
        LoadWorkspace.CreateAsync("cdslearn-load", SiteAssembly(), "Testing",
            // Certificates from quiz passes alone, so that issuing them under load is part of what is checked
            // (AttemptCheck.CertificateDifferencesAsync expects that rule).
            new Dictionary<string, string>(SiteLaunch.NoRateLimits) { ["Certificates:SkillRestsOn"] = "Quizzes" },
            new PopulationSpec { Learners = learners }, keep: Environment.GetEnvironmentVariable("LOAD_KEEP") == "1", cancellationToken);

    public static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    /// <summary>The site built beside these tests (same configuration), or CDSLEARN_SITE.</summary>
    private static string SiteAssembly() =>
        Environment.GetEnvironmentVariable("CDSLEARN_SITE") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.GetFullPath(typeof(LoadSettings).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SiteAssembly").Value!);

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
