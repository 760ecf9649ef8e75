using System.CommandLine;
using System.Text.Json;
using CdsLearn.Load;

namespace CdsLearn.Bench;

/// <summary>
/// `cdslearn-bench lessons|quiz|verify|signin`: throughput of the site started here as its own process (a Release
/// build, Production environment, rate limits out of the way) on a fresh data folder, over loopback. Measurements,
/// not tests: each prints what it saw and ends with one line of JSON. Figures and commands: tools/BENCHMARKS.md.
/// </summary>
public static partial class ThroughputBench
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static IEnumerable<Command> Create(TextWriter output) => [Lessons(output), Quiz(output), Verify(output), SignIn(output)];

    private static Option<string?> SiteOption() => new("--site")
    {
        Description = "The built site (default: src/CdsLearn.Web/bin/Release/net10.0/CdsLearn.Web.dll above the current folder, or CDSLEARN_SITE)",
    };

    private static Option<int> SecondsOption(int seconds) => new("--seconds") { Description = "Seconds measured", DefaultValueFactory = _ => seconds };

    private static Option<bool> KeepOption() => new("--keep") { Description = "Keep the work folder (database, site log) under /tmp/cdslearn-bench" };

    /// <summary>A fresh workspace under /tmp/cdslearn-bench: learners written in before the site starts, the Release
    /// site to run on it in Production with rate limits out of the way.</summary>
    private static async Task<LoadWorkspace> PrepareAsync(string? site, PopulationSpec? spec, bool keep, TextWriter output, CancellationToken ct,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>(SiteLaunch.NoRateLimits);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }
        var assembly = site is { Length: > 0 } ? Path.GetFullPath(site) : SiteLaunch.FindAssembly(Directory.GetCurrentDirectory(), "Release");
        var workspace = await LoadWorkspace.CreateAsync("cdslearn-bench", assembly, "Production", all, spec, keep, ct);
        output.WriteLine($"site {workspace.Launch.Assembly} ({workspace.Launch.Environment}), data {workspace.DataFolder}; {Environment.ProcessorCount} cores ({MachineLoad.Processor()}), load {MachineLoad.Now()}"
            + (workspace.HasLearners ? $"; {workspace.Population.Learners.Count} learners written in {workspace.Population.Elapsed.TotalSeconds:F1} s" : ""));
        return workspace;
    }
}
