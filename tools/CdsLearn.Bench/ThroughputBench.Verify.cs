using System.CommandLine;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CdsLearn.Load;

namespace CdsLearn.Bench;

public static partial class ThroughputBench
{
    /// <summary>Certificate checks: typed codes (/verify?ma=) and scanned QR links (/verify/{code}?d=…&amp;s=…), with wrk.</summary>
    private static Command Verify(TextWriter output)
    {
        var site = SiteOption();
        var seconds = SecondsOption(15);
        var keep = KeepOption();
        var connections = new Option<int>("--connections") { Description = "wrk connections", DefaultValueFactory = _ => 64 };
        var certificates = new Option<int>("--certificates") { Description = "Certificates in the database, all checked in turn", DefaultValueFactory = _ => 2000 };
        var links = new Option<int>("--links") { Description = "How many of them are also checked by QR link", DefaultValueFactory = _ => 300 };
        var command = new Command("verify", "Kiểm tra chứng chỉ: số lần mỗi giây (certificate verifications/s)")
        {
            site, seconds, keep, connections, certificates, links,
        };
        command.SetAction(async (parse, ct) =>
        {
            var count = parse.GetValue(certificates);
            var spec = new PopulationSpec { Learners = Math.Max(100, (count + 4) / 5), Certificates = count, ProvinceStaff = true };
            await using var bench = await PrepareAsync(parse.GetValue(site), spec, parse.GetValue(keep), output, ct);
            await using var process = await bench.StartSiteAsync(ct);
            var codes = bench.Population.CertificateCodes;

            // The QR links are signed by the site's key: province staff read them off the certificates' pages.
            var stats = new LoadStats();
            using var staff = new SimulatedLearner(process.BaseAddress, new LearnerAccount("", bench.Population.ProvinceStaffUserName!, "", 0),
                bench.Population.Password, bench.Course, new LearnerBehaviour(), stats, new AttemptLedger(), 1);
            if (!await staff.SignInAsync(ct))
            {
                throw new InvalidOperationException("province staff could not sign in: " + stats.Summary());
            }
            var linkPaths = new List<string>();
            foreach (var code in codes.Take(parse.GetValue(links)))
            {
                var page = await staff.GetAsync($"/chung-chi/{code}", cancellationToken: ct);
                if (page?.Body is { } html && VerifyLinkPattern().Match(html) is { Success: true } link)
                {
                    linkPaths.Add(WebUtility.HtmlDecode(link.Groups["href"].Value));
                }
            }
            var typedPaths = codes.Select(c => "/verify?ma=" + c).ToList();
            using var http = new HttpClient { BaseAddress = process.BaseAddress };
            foreach (var sample in new[] { typedPaths[0], linkPaths[0] })
            {
                var html = await http.GetStringAsync(sample, ct);
                if (!html.Contains("Chứng chỉ thật", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"{sample} does not say the certificate is genuine");
                }
            }

            var duration = TimeSpan.FromSeconds(parse.GetValue(seconds));
            var results = new Dictionary<string, WrkResult>();
            var siteCpu = new Dictionary<string, double>();
            foreach (var (name, paths) in new[] { ("typed", typedPaths), ("link", linkPaths) })
            {
                var script = Wrk.PathsScript(Path.Combine(bench.Folder, name + ".lua"), paths);
                var url = process.BaseAddress.ToString().TrimEnd('/');
                await Wrk.RunAsync(url, 2, parse.GetValue(connections), TimeSpan.FromSeconds(5), luaScript: script, cancellationToken: ct);
                var cpu = new CpuWatch(process);
                results[name] = await Wrk.RunAsync(url, 2, parse.GetValue(connections), duration, luaScript: script, cancellationToken: ct);
                var used = cpu.Percent();
                siteCpu[name] = used.Site;
                var r = results[name];
                output.WriteLine($"{name} ({paths.Count} different): {r.RequestsPerSecond:F0}/s, p50 {r.P50Ms} ms, p99 {r.P99Ms} ms, {r.Non2xx} non-2xx, {r.SocketErrors} socket errors; "
                    + $"CPU: site {used.Site} %, machine {used.Machine} % (wrk included; 100 % = one core)");
            }
            var memory = process.ReadMemory();
            output.WriteLine($"site memory: peak {memory.PeakRssMb} MB, now {memory.RssMb} MB; load {MachineLoad.Now()}");
            output.WriteLine(JsonSerializer.Serialize(new
            {
                Bench = "verify",
                Certificates = codes.Count,
                Connections = parse.GetValue(connections),
                Seconds = duration.TotalSeconds,
                TypedPerSecond = Math.Round(results["typed"].RequestsPerSecond),
                TypedP50Ms = results["typed"].P50Ms,
                TypedP99Ms = results["typed"].P99Ms,
                LinkPerSecond = Math.Round(results["link"].RequestsPerSecond),
                LinkP50Ms = results["link"].P50Ms,
                LinkP99Ms = results["link"].P99Ms,
                TypedSiteCpuPercent = siteCpu["typed"],
                LinkSiteCpuPercent = siteCpu["link"],
                Errors = results.Values.Sum(r => r.Non2xx + r.SocketErrors),
                SitePeakRssMb = memory.PeakRssMb,
                LoadBefore = bench.LoadBefore,
                LoadAfter = MachineLoad.Now(),
                Processor = MachineLoad.Processor(),
                Site = bench.Launch.Assembly,
            }, Json));
            return 0;
        });
        return command;
    }

    [GeneratedRegex("href=\"(?<href>/verify/[^\"]+)\"")]
    private static partial Regex VerifyLinkPattern();
}
