using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CdsLearn.Content;

namespace CdsLearn.Load;

/// <summary>How to start the site as its own process: `dotnet CdsLearn.Web.dll` on a data folder and a loopback port.</summary>
public sealed record SiteLaunch
{
    /// <summary>The built site, e.g. src/CdsLearn.Web/bin/Release/net10.0/CdsLearn.Web.dll.</summary>
    public required string Assembly { get; init; }

    public required string DataFolder { get; init; }

    /// <summary>"Production" for benchmarks, "Testing" for tests (neither seeds demo data).</summary>
    public string Environment { get; init; } = "Production";

    /// <summary>0: a free port is chosen.</summary>
    public int Port { get; init; }

    /// <summary>Configuration given as environment variables (keys with ':' are written with '__').</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Rate limits so high that hundreds of learners behind one loopback address never meet them.</summary>
    public static IReadOnlyDictionary<string, string> NoRateLimits { get; } = new Dictionary<string, string>
    {
        ["RateLimits:SignInPerMinute"] = "100000000",
        ["RateLimits:VerifyPerMinute"] = "100000000",
        ["RateLimits:QuizSubmitsPerMinute"] = "100000000",
        ["RateLimits:RegistrationsPerHour"] = "100000000",
        ["RateLimits:PasswordChangesPerMinute"] = "100000000",
        ["RateLimits:JoinCodesPerMinute"] = "100000000",
    };

    /// <summary>The site's content root: the folder holding wwwroot (the project folder for a build, the folder
    /// itself for a publish), so styles and scripts are served as in a deployment.</summary>
    public string ContentRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(Assembly))!); dir is not null; dir = dir.Parent)
            {
                if (Directory.Exists(Path.Combine(dir.FullName, "wwwroot")))
                {
                    return dir.FullName;
                }
            }
            return Path.GetDirectoryName(Path.GetFullPath(Assembly))!;
        }
    }

    /// <summary>The course: the repository's content/ above the site (or the copy a publish carries).</summary>
    public string ContentFolder => ContentServiceCollectionExtensions.ResolveFolder("", ContentRoot);

    /// <summary>The course the site serves, read by the learners to answer quizzes (the pages never say which options are right).</summary>
    public Course LoadCourse()
    {
        var loaded = new CourseLoader(new MarkdownRenderer()).Load(ContentFolder);
        if (loaded.HasErrors)
        {
            throw new InvalidOperationException($"the course in {ContentFolder} has errors");
        }
        return loaded.Course;
    }

    /// <summary>The site's dll: CDSLEARN_SITE if set, else src/CdsLearn.Web/bin/{configuration}/net10.0 of the repository
    /// holding <paramref name="from"/>.</summary>
    public static string FindAssembly(string from, string configuration)
    {
        if (System.Environment.GetEnvironmentVariable("CDSLEARN_SITE") is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }
        for (var dir = new DirectoryInfo(Path.GetFullPath(from)); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "CdsLearn.Web", "bin", configuration, "net10.0", "CdsLearn.Web.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"CdsLearn.Web.dll ({configuration}) not found above {from}: build it with `dotnet build src/CdsLearn.Web -c {configuration}` or set CDSLEARN_SITE");
    }
}

/// <summary>
/// The site running as a separate process, so it can be killed with SIGKILL mid-request and started again on the same
/// data folder, and its memory read from /proc. Its console output goes to a log file beside the data folder.
/// </summary>
public sealed class SiteProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;
    private readonly Lock logLock = new();

    private SiteProcess(Process process, StreamWriter log, SiteLaunch launch, string logFile)
    {
        this.process = process;
        this.log = log;
        Launch = launch;
        LogFile = logFile;
        BaseAddress = new Uri($"http://127.0.0.1:{launch.Port}");
    }

    public SiteLaunch Launch { get; }

    public Uri BaseAddress { get; }

    public string LogFile { get; }

    /// <summary>Starts the site and waits until /healthz answers (migrations and seeders done).</summary>
    public static async Task<SiteProcess> StartAsync(SiteLaunch launch, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(launch.Assembly))
        {
            throw new FileNotFoundException("the site is not built", launch.Assembly);
        }
        launch = launch with { Port = launch.Port == 0 ? FreePort() : launch.Port };
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = launch.ContentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.GetFullPath(launch.Assembly));
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(launch.ContentRoot);
        var environment = start.Environment;
        // Whatever the caller's shell says (a developer's ASPNETCORE_ENVIRONMENT=Development would seed demo data).
        foreach (var key in environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("CdsLearn", StringComparison.OrdinalIgnoreCase)
            || k is "DOTNET_ENVIRONMENT" or "DOTNET_STARTUP_HOOKS" or "CDSLEARN_DATA").ToList())
        {
            environment.Remove(key);
        }
        environment["ASPNETCORE_ENVIRONMENT"] = launch.Environment;
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{launch.Port}";
        environment["CDSLEARN_DATA"] = Path.GetFullPath(launch.DataFolder);
        environment["Content__Folder"] = launch.ContentFolder;
        environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in launch.Settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var logFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(launch.DataFolder))!,
            $"site-{DateTime.UtcNow:HHmmss}-{launch.Port}-{Guid.NewGuid().ToString("N")[..4]}.log");
        var log = new StreamWriter(logFile) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        var site = new SiteProcess(process, log, launch, logFile);
        process.OutputDataReceived += (_, e) => site.Write(e.Data);
        process.ErrorDataReceived += (_, e) => site.Write(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await site.WaitUntilReadyAsync(TimeSpan.FromSeconds(120), cancellationToken);
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
        return site;
    }

    /// <summary>SIGKILL: no shutdown, no flush, requests cut off wherever they are.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
        }
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then up to 30 s for a clean shutdown before SIGKILL.</summary>
    public async Task StopAsync()
    {
        if (process.HasExited)
        {
            return;
        }
        using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            await term.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    /// <summary>CPU time the site has used so far (user + system).</summary>
    public TimeSpan CpuTime()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    /// <summary>The process's resident memory now and at its peak (VmRSS, VmHWM in /proc/PID/status), in MB.</summary>
    public ProcessMemory ReadMemory() => ProcessMemory.Read(process.Id);

    /// <summary>The last lines of the site's console output, for a failure message.</summary>
    public string LogTail(int lines = 40)
    {
        lock (logLock)
        {
            log.Flush();
        }
        using var reader = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var text = new StreamReader(reader);
        var all = text.ReadToEnd().Split('\n');
        return string.Join('\n', all.TakeLast(lines));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        process.Dispose();
        lock (logLock)
        {
            log.Dispose();
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (logLock)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives after the site was disposed.
            }
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < limit)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the site exited with code {process.ExitCode} while starting:\n{LogTail()}");
            }
            try
            {
                using var response = await http.GetAsync("/healthz", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Busy migrating.
            }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"the site did not answer /healthz within {limit.TotalSeconds} s:\n{LogTail()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Resident memory of a process in MB: now (VmRSS) and the peak so far (VmHWM).</summary>
public sealed record ProcessMemory(double RssMb, double PeakRssMb)
{
    public static ProcessMemory Read(int processId)
    {
        double rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) / 1024.0;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) / 1024.0;
            }
        }
        return new ProcessMemory(Math.Round(rss, 1), Math.Round(peak, 1));
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}

/// <summary>The machine's load averages (/proc/loadavg), noted with every measurement: other work shares the cores.</summary>
public static class MachineLoad
{
    public static string Now() => File.Exists("/proc/loadavg")
        ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
        : "?";

    /// <summary>The processor's model and clock (/proc/cpuinfo), noted with every measurement: the same build's figures
    /// moved more between two processors than with any change (tools/BENCHMARKS.md, 7 December).</summary>
    public static string Processor() => File.Exists("/proc/cpuinfo") ? Processor(File.ReadAllText("/proc/cpuinfo")) : "?";

    /// <summary>The first "model name" and "cpu MHz" given, e.g. "AMD EPYC, 2596 MHz"; "?" where neither is (some
    /// virtual machines and other architectures leave them out).</summary>
    public static string Processor(string cpuinfo)
    {
        var fields = cpuinfo.Split('\n').Select(line => line.Split(':', 2)).Where(parts => parts.Length == 2)
            .Select(parts => (Name: parts[0].Trim(), Value: parts[1].Trim())).Where(f => f.Value.Length > 0).ToList();
        var model = fields.FirstOrDefault(f => f.Name == "model name").Value;
        var clock = double.TryParse(fields.FirstOrDefault(f => f.Name == "cpu MHz").Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var mhz)
            ? $"{mhz.ToString("F0", CultureInfo.InvariantCulture)} MHz"
            : null;
        var named = string.Join(", ", new[] { model, clock }.OfType<string>());
        return named.Length > 0 ? named : "?";
    }

    /// <summary>Busy and total jiffies of all cores so far (/proc/stat), to tell how busy the machine was between two readings.</summary>
    public static (long Busy, long Total) CpuTicks()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + fields[4];
        var total = fields.Take(8).Sum();
        return (total - idle, total);
    }
}

/// <summary>Where the CPU went during a measurement: the site, the load generator (this process), everything else.</summary>
public sealed class CpuWatch
{
    private readonly SiteProcess site;
    private readonly TimeSpan siteStart;
    private readonly TimeSpan selfStart;
    private readonly (long Busy, long Total) machineStart;
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();

    public CpuWatch(SiteProcess site)
    {
        this.site = site;
        siteStart = site.CpuTime();
        selfStart = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        machineStart = MachineLoad.CpuTicks();
    }

    /// <summary>Percent of one core (200 = both cores of a 2-core machine) used by the site, by this process, and by the
    /// whole machine since the watch started.</summary>
    public (double Site, double Client, double Machine) Percent()
    {
        var seconds = clock.Elapsed.TotalSeconds;
        var siteCpu = (site.CpuTime() - siteStart).TotalSeconds;
        var selfCpu = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - selfStart).TotalSeconds;
        var (busy, total) = MachineLoad.CpuTicks();
        var machine = (double)(busy - machineStart.Busy) / Math.Max(1, total - machineStart.Total) * Environment.ProcessorCount * 100;
        return (Math.Round(siteCpu / seconds * 100), Math.Round(selfCpu / seconds * 100), Math.Round(machine));
    }
}
