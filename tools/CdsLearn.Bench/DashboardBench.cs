using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CdsLearn.Households;
using CdsLearn.Load;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Bench;

/// <summary>
/// `cdslearn-bench dashboard --data DIR`: how long the dashboard's queries take on a database, run after run, and with
/// `--url` how long the site takes to answer the pages (sign-in with --user/--password). A measurement, not a test:
/// it prints the figures and ends with one line of JSON holding the medians in ms.
/// </summary>
public static partial class DashboardBench
{
    public static Command Create(TextWriter output)
    {
        var data = new Option<string?>("--data") { Description = "Thư mục dữ liệu (data folder) of the database to measure" };
        var runs = new Option<int>("--runs") { Description = "Số lần đo mỗi trang (runs per page)", DefaultValueFactory = _ => 30 };
        var url = new Option<string?>("--url") { Description = "Also time the pages of a running site, e.g. http://127.0.0.1:5080" };
        var user = new Option<string>("--user") { Description = "Province staff account for --url", DefaultValueFactory = _ => "skhcn" };
        var password = new Option<string>("--password") { Description = "Its password", DefaultValueFactory = _ => "hocso2026" };
        var detail = new Option<bool>("--detail") { Description = "Also time each query of the overview on its own" };
        var dashboard = new Command("dashboard", "Đo thời gian trang số liệu (time the dashboard)") { data, runs, url, user, password, detail };
        dashboard.SetAction(async (parse, ct) =>
        {
            var results = new Dictionary<string, double>();
            output.WriteLine($"{Environment.ProcessorCount} cores ({MachineLoad.Processor()}), load {MachineLoad.Now()}");
            var folder = parse.GetValue(data) ?? Environment.GetEnvironmentVariable("CDSLEARN_DATA")
                ?? throw new InvalidOperationException("--data DIR (or CDSLEARN_DATA): the data folder to measure");
            await using var database = await LoadDatabase.OpenAsync(folder, ct, configure: s => s.AddHouseholds());
            var services = database.Services;
            var count = Math.Max(3, parse.GetValue(runs));
            // A figure changed before every view, as a learner's pass or a household edit changes it: one commune's,
            // a different one each time, so its figures must be read again. Then every commune changed (nothing reused),
            // then no change since the last view.
            var cache = services.GetRequiredService<Figures.ProvinceFigureCache>();
            var communeIds = await CommuneIdsAsync(services, ct);
            var random = new Random(1);
            void OneChanged() => cache.OnCommitted(new Figures.FigureChange(new HashSet<int> { communeIds[random.Next(communeIds.Count)] }, new HashSet<int>(), []));
            void AllChanged() => cache.OnCommitted(new Figures.FigureChange(communeIds.ToHashSet(), new HashSet<int>(), []));
            results["overview_ms"] = await MedianAsync(output, "overview, a commune changed", count, () => { OneChanged(); return OverviewAsync(services, ct); });
            results["communes_ms"] = await MedianAsync(output, "commune table, one changed", count, () => { OneChanged(); return CommuneTableAsync(services, ct); });
            results["overview_all_changed_ms"] = await MedianAsync(output, "overview, all changed", count, () => { AllChanged(); return OverviewAsync(services, ct); });
            results["communes_all_changed_ms"] = await MedianAsync(output, "commune table, all changed", count, () => { AllChanged(); return CommuneTableAsync(services, ct); });
            results["overview_unchanged_ms"] = await MedianAsync(output, "overview, no change since", count, () => OverviewAsync(services, ct));
            results["communes_unchanged_ms"] = await MedianAsync(output, "commune table, no change", count, () => CommuneTableAsync(services, ct));
            if (parse.GetValue(detail))
            {
                await PartsAsync(output, services, count, ct);
            }
            if (parse.GetValue(url) is { Length: > 0 } site)
            {
                using var http = await SignInAsync(site, parse.GetValue(user)!, parse.GetValue(password)!, ct);
                results["overview_http_ms"] = await MedianAsync(output, "GET /so-lieu", count, () => GetAsync(http, "/so-lieu", ct));
                results["communes_http_ms"] = await MedianAsync(output, "GET /so-lieu/xa", count, () => GetAsync(http, "/so-lieu/xa", ct));
            }
            output.WriteLine($"load {MachineLoad.Now()}");
            output.WriteLine(JsonSerializer.Serialize(results));
            return 0;
        });
        return dashboard;
    }

    private static async Task<List<int>> CommuneIdsAsync(IServiceProvider root, CancellationToken ct)
    {
        using var scope = root.CreateScope();
        var communes = await scope.ServiceProvider.GetRequiredService<Figures.Dashboard>().CommunesAsync(Scope.Province, ct);
        return communes.Select(c => c.Id).ToList();
    }

    /// <summary>The queries of the overview page for province staff (see Pages/Dashboard/Index.cshtml.cs).</summary>
    private static async Task OverviewAsync(IServiceProvider root, CancellationToken ct)
    {
        using var scope = root.CreateScope();
        var dashboard = scope.ServiceProvider.GetRequiredService<Figures.Dashboard>();
        var communes = await dashboard.CommunesAsync(Scope.Province, ct);
        await dashboard.VisibleCommunesAsync(Scope.Province, ct);
        var total = await dashboard.TotalAsync(Scope.Province, communes, "Toàn tỉnh", ct);
        await dashboard.TeamsByCommuneAsync(ct);
        await dashboard.OverdueByCommuneAsync(communes, ct);
        await dashboard.TargetsAsync(dashboard.CurrentQuarter, ct);
        _ = total.CoverageOf(dashboard.CurrentQuarter);
    }

    /// <summary>The queries of the commune table (see Pages/Dashboard/Communes.cshtml.cs).</summary>
    private static async Task CommuneTableAsync(IServiceProvider root, CancellationToken ct)
    {
        using var scope = root.CreateScope();
        var dashboard = scope.ServiceProvider.GetRequiredService<Figures.Dashboard>();
        var communes = await dashboard.CommunesAsync(Scope.Province, ct);
        await dashboard.TeamsByCommuneAsync(ct);
        await dashboard.OverdueByCommuneAsync(communes, ct);
        _ = communes.OrderByDescending(c => c.CoverageOf(dashboard.CurrentQuarter)).ToList();
    }

    /// <summary>Each query of the overview on its own, to see where the time goes.</summary>
    private static async Task PartsAsync(TextWriter output, IServiceProvider root, int runs, CancellationToken ct)
    {
        using var scope = root.CreateScope();
        var dashboard = scope.ServiceProvider.GetRequiredService<Figures.Dashboard>();
        var communes = await dashboard.CommunesAsync(Scope.Province, ct);
        var cache = root.GetRequiredService<Figures.ProvinceFigureCache>();
        var communeIds = communes.Select(c => c.Id).ToList();
        var next = 0;
        await MedianAsync(output, "  one commune's figures", runs, () =>
        {
            cache.OnCommitted(new Figures.FigureChange(new HashSet<int> { communeIds[next++ % communeIds.Count] }, new HashSet<int>(), []));
            return dashboard.CommunesAsync(Scope.Province, ct);
        });
        await MedianAsync(output, "  all communes' figures", runs, () =>
        {
            cache.OnCommitted(new Figures.FigureChange(communeIds.ToHashSet(), new HashSet<int>(), []));
            return dashboard.CommunesAsync(Scope.Province, ct);
        });
        await MedianAsync(output, "  province total", runs, () => dashboard.TotalAsync(Scope.Province, communes, "", ct));
        await MedianAsync(output, "  one commune's teams", runs, () =>
        {
            cache.Teams.Changed([communeIds[next++ % communeIds.Count]]);
            return dashboard.TeamsByCommuneAsync(ct);
        });
        await MedianAsync(output, "  all communes' teams", runs, () =>
        {
            cache.Teams.Changed(communeIds);
            return dashboard.TeamsByCommuneAsync(ct);
        });
        await MedianAsync(output, "  teams, kept", runs, () => dashboard.TeamsByCommuneAsync(ct));
        await MedianAsync(output, "  one commune's overdue", runs, () =>
        {
            cache.OpenAssignments.Changed([communeIds[next++ % communeIds.Count]]);
            return dashboard.OverdueByCommuneAsync(communes, ct);
        });
        await MedianAsync(output, "  all communes' overdue", runs, () =>
        {
            cache.OpenAssignments.Changed(communeIds);
            return dashboard.OverdueByCommuneAsync(communes, ct);
        });
        await MedianAsync(output, "  overdue, kept", runs, () => dashboard.OverdueByCommuneAsync(communes, ct));
        await MedianAsync(output, "  visible communes", runs, () => dashboard.VisibleCommunesAsync(Scope.Province, ct));
        await MedianAsync(output, "  targets", runs, () => dashboard.TargetsAsync(dashboard.CurrentQuarter, ct));
    }

    private static async Task<double> MedianAsync(TextWriter output, string name, int runs, Func<Task> run)
    {
        for (var i = 0; i < 3; i++)
        {
            await run();
        }
        var times = new List<double>();
        // On a shared machine a view waits for a core more than it works: the process's CPU time per view says
        // what the view costs whatever the other sessions do (GC and the JIT's background threads included).
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await run();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / runs;
        times.Sort();
        var median = times[times.Count / 2];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-26} median {median,7:0.0} ms   p90 {times[(int)(times.Count * 0.9)],7:0.0} ms   min {times[0],7:0.0} ms   CPU {cpu,6:0.0} ms/run   ({runs} runs)"));
        return Math.Round(median, 1);
    }

    private static async Task GetAsync(HttpClient http, string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, ct);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync(ct);
    }

    private static async Task<HttpClient> SignInAsync(string site, string user, string password, CancellationToken ct)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(site) };
        var form = await http.GetStringAsync("/tai-khoan/dang-nhap", ct);
        var token = Token().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent([new("Input.UserName", user), new("Input.Password", password), new("__RequestVerificationToken", token)]);
        using var response = await http.PostAsync("/tai-khoan/dang-nhap", content, ct);
        if (response.StatusCode != HttpStatusCode.Found)
        {
            throw new InvalidOperationException($"Could not sign in as {user} at {site}");
        }
        return http;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
