using System.CommandLine;
using System.Net;
using System.Text.Json;
using CdsLearn.Load;

namespace CdsLearn.Bench;

public static partial class ThroughputBench
{
    /// <summary>An anonymous lesson page from the site against the same bytes from nginx, with wrk, in one run:
    /// uncompressed against nginx sending the saved page, and gzip against nginx sending a copy gzipped beforehand
    /// (gzip_static), the most a static server can do. nginx serves each file at its plain path (no try_files).
    /// <c>--on-the-fly</c> adds nginx compressing every response at level 1. The two servers take turns in short
    /// slices (<c>--slices</c>), so that a neighbour's load on a shared machine, which moves over tens of seconds, weighs
    /// on both alike. <c>--kestrel</c> adds a third in the turns, Kestrel alone sending the site's bytes and headers
    /// (<see cref="KestrelAlone"/>): how much of the gap is the site's code and how much its server. nginx sends the
    /// site's headers too (its security headers, Cache-Control, Vary), so that both send the same bytes;
    /// <c>--plain-nginx</c> adds nginx without them to the turns, the yardstick of the runs before 7 December 2026.</summary>
    private static Command Lessons(TextWriter output)
    {
        var site = SiteOption();
        var seconds = SecondsOption(15);
        var keep = KeepOption();
        var connections = new Option<int>("--connections") { Description = "wrk connections, the same for both servers", DefaultValueFactory = _ => 64 };
        var threads = new Option<int>("--threads") { Description = "wrk threads", DefaultValueFactory = _ => 2 };
        var lesson = new Option<string?>("--lesson") { Description = "Lesson id (default: the course's first lesson)" };
        var onTheFly = new Option<bool>("--on-the-fly") { Description = "Also gzip against nginx compressing every response (gzip on, level 1)" };
        var slices = new Option<int>("--slices")
        {
            Description = "The measured seconds of each server are cut into this many slices, site and nginx taking turns", DefaultValueFactory = _ => 5,
        };
        var kestrel = new Option<bool>("--kestrel") { Description = "Also Kestrel alone (a bare ASP.NET Core app in this process) sending the site's bytes and headers" };
        var plainNginx = new Option<bool>("--plain-nginx") { Description = "Also nginx without the site's headers (the yardstick before 7 December 2026)" };
        var command = new Command("lessons", "Bài học: số yêu cầu mỗi giây của trang so với nginx (lesson page requests/s vs nginx)")
        {
            site, seconds, keep, connections, threads, lesson, onTheFly, slices, kestrel, plainNginx,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var bench = await PrepareAsync(parse.GetValue(site), null, parse.GetValue(keep), output, ct);
            await using var process = await bench.StartSiteAsync(ct);
            var path = "/bai-hoc/" + (parse.GetValue(lesson) ?? bench.Course.Skills[0].Modules[0].Lessons[0].Id);
            using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = process.BaseAddress };
            using var page = await http.GetAsync(path, ct);
            page.EnsureSuccessStatusCode();
            var body = await page.Content.ReadAsByteArrayAsync(ct);
            output.WriteLine($"{path}: {body.Length} bytes as an anonymous visitor gets it; Cache-Control {page.Headers.CacheControl}");
            var siteHeaders = await HeadersOfASecondVisitAsync(http, path, ct);
            output.WriteLine($"nginx adds the site's headers to its own: {string.Join(", ", StaticSite.Added(siteHeaders).Select(h => h.Key))}");
            await using var alone = parse.GetValue(kestrel) ? await StartKestrelAloneAsync(http, path, body, siteHeaders, ct) : null;

            var duration = TimeSpan.FromSeconds(parse.GetValue(seconds));
            var runs = new List<(string Name, bool Gzip, StaticCompression Nginx)> { ("identity", false, StaticCompression.None), ("gzip", true, StaticCompression.GzipPrecompressed) };
            if (parse.GetValue(onTheFly))
            {
                runs.Add(("gzip_on_the_fly", true, StaticCompression.GzipOnTheFly));
            }
            var results = new Dictionary<string, object>();
            var summary = new List<string>();
            foreach (var (name, gzip, compression) in runs)
            {
                var folder = Path.Combine(bench.Folder, "nginx-" + compression);
                StaticSite.Save(folder, path, body);
                await using var nginx = await StaticSite.StartAsync(folder, compression, siteHeaders, ct);
                await using var plain = parse.GetValue(plainNginx) ? await StartPlainNginxAsync(folder + "-plain", path, body, compression, ct) : null;
                string[] headers = gzip ? ["Accept-Encoding: gzip"] : [];
                var siteUrl = new Uri(process.BaseAddress, path).ToString();
                var nginxUrl = new Uri(nginx.BaseAddress, path).ToString();
                var siteEncoding = await EncodingAsync(siteUrl, gzip, ct);
                var nginxEncoding = await EncodingAsync(nginxUrl, gzip, ct);
                // Warm each (5 s for the site and Kestrel alone: tiered JIT settles; caches, connections), then measure them in turns with the same client.
                await Wrk.RunAsync(siteUrl, parse.GetValue(threads), parse.GetValue(connections), TimeSpan.FromSeconds(5), headers, cancellationToken: ct);
                await Wrk.RunAsync(nginxUrl, parse.GetValue(threads), parse.GetValue(connections), TimeSpan.FromSeconds(2), headers, cancellationToken: ct);
                var aloneUrl = alone is null ? null : new Uri(alone.BaseAddress, path).ToString();
                if (aloneUrl is not null)
                {
                    await Wrk.RunAsync(aloneUrl, parse.GetValue(threads), parse.GetValue(connections), TimeSpan.FromSeconds(5), headers, cancellationToken: ct);
                }
                var plainUrl = plain is null ? null : new Uri(plain.BaseAddress, path).ToString();
                if (plainUrl is not null)
                {
                    await Wrk.RunAsync(plainUrl, parse.GetValue(threads), parse.GetValue(connections), TimeSpan.FromSeconds(2), headers, cancellationToken: ct);
                }
                List<string> peerUrls = [nginxUrl, .. aloneUrl is null ? [] : new[] { aloneUrl }, .. plainUrl is null ? [] : new[] { plainUrl }];
                var (fromSite, peers, siteCpu, sliceRatios) = await TakeTurnsAsync(process, siteUrl, peerUrls,
                    parse.GetValue(threads), parse.GetValue(connections), duration, Math.Max(1, parse.GetValue(slices)), headers, ct);
                var fromNginx = peers[0];
                var fromAlone = aloneUrl is null ? null : peers[1];
                var fromPlain = plainUrl is null ? null : peers[^1];
                var ratio = fromSite.RequestsPerSecond / fromNginx.RequestsPerSecond;
                var against = compression switch
                {
                    StaticCompression.None => "nginx",
                    StaticCompression.GzipPrecompressed => "nginx gzip_static",
                    _ => "nginx gzip level 1",
                };
                output.WriteLine($"{name}: site {fromSite.RequestsPerSecond:F0}/s (p99 {fromSite.P99Ms} ms, {fromSite.BytesPerRequest} B/response, encoding {siteEncoding}), "
                    + $"{against} {fromNginx.RequestsPerSecond:F0}/s (p99 {fromNginx.P99Ms} ms, {fromNginx.BytesPerRequest} B/response, encoding {nginxEncoding}); "
                    + $"ratio {ratio:F2} (slices {sliceRatios.Min():F2}–{sliceRatios.Max():F2}); errors site {fromSite.Non2xx + fromSite.SocketErrors}, nginx {fromNginx.Non2xx + fromNginx.SocketErrors}; "
                    + $"CPU during the site's run: site {siteCpu.Site} %, machine {siteCpu.Machine} % (wrk included; 100 % = one core)");
                if (fromAlone is not null)
                {
                    output.WriteLine($"{name}: Kestrel alone {fromAlone.RequestsPerSecond:F0}/s (p99 {fromAlone.P99Ms} ms, {fromAlone.BytesPerRequest} B/response, errors {fromAlone.Non2xx + fromAlone.SocketErrors}); "
                        + $"site / Kestrel alone {fromSite.RequestsPerSecond / fromAlone.RequestsPerSecond:F2}, Kestrel alone / {against} {fromAlone.RequestsPerSecond / fromNginx.RequestsPerSecond:F2}");
                }
                if (fromPlain is not null)
                {
                    output.WriteLine($"{name}: {against} without the site's headers {fromPlain.RequestsPerSecond:F0}/s ({fromPlain.BytesPerRequest} B/response); "
                        + $"site / it {fromSite.RequestsPerSecond / fromPlain.RequestsPerSecond:F2}");
                }
                summary.Add($"{name} vs {against}: {ratio:F2}");
                results[name] = new
                {
                    Against = against,
                    SiteRps = Math.Round(fromSite.RequestsPerSecond),
                    NginxRps = Math.Round(fromNginx.RequestsPerSecond),
                    Ratio = Math.Round(ratio, 2),
                    SliceRatios = sliceRatios.Select(r => Math.Round(r, 2)).ToList(),
                    SiteP99Ms = fromSite.P99Ms,
                    NginxP99Ms = fromNginx.P99Ms,
                    SiteBytes = fromSite.BytesPerRequest,
                    NginxBytes = fromNginx.BytesPerRequest,
                    SiteEncoding = siteEncoding,
                    NginxEncoding = nginxEncoding,
                    SiteErrors = fromSite.Non2xx + fromSite.SocketErrors,
                    NginxErrors = fromNginx.Non2xx + fromNginx.SocketErrors,
                    SiteCpuPercent = siteCpu.Site,
                    MachineCpuPercent = siteCpu.Machine,
                    KestrelAloneRps = fromAlone is null ? (double?)null : Math.Round(fromAlone.RequestsPerSecond),
                    SiteToKestrelAlone = fromAlone is null ? (double?)null : Math.Round(fromSite.RequestsPerSecond / fromAlone.RequestsPerSecond, 2),
                    KestrelAloneToNginx = fromAlone is null ? (double?)null : Math.Round(fromAlone.RequestsPerSecond / fromNginx.RequestsPerSecond, 2),
                    PlainNginxRps = fromPlain is null ? (double?)null : Math.Round(fromPlain.RequestsPerSecond),
                    PlainNginxBytes = fromPlain?.BytesPerRequest,
                    SiteToPlainNginx = fromPlain is null ? (double?)null : Math.Round(fromSite.RequestsPerSecond / fromPlain.RequestsPerSecond, 2),
                };
            }
            var memory = process.ReadMemory();
            output.WriteLine($"ratios (site / nginx, target >= 0.9): {string.Join("; ", summary)}");
            output.WriteLine($"site memory: peak {memory.PeakRssMb} MB, now {memory.RssMb} MB; load {MachineLoad.Now()}");
            output.WriteLine(JsonSerializer.Serialize(new
            {
                Bench = "lessons",
                Lesson = path,
                PageBytes = body.Length,
                NginxAddedHeaders = StaticSite.Added(siteHeaders).Select(h => h.Key).ToList(),
                Connections = parse.GetValue(connections),
                Threads = parse.GetValue(threads),
                Seconds = duration.TotalSeconds,
                Runs = results,
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

    /// <summary>The site and its peers (nginx, then Kestrel alone if asked for) measured in turns,
    /// <paramref name="slices"/> each, for <paramref name="duration"/> each in all: requests per second over all of a
    /// server's slices, the worst slice's p99, the site's CPU during its own slices, and the ratio of each of the site's
    /// slices to the first peer's.</summary>
    private static async Task<(WrkResult Site, WrkResult[] Peers, (double Site, double Client, double Machine) SiteCpu, List<double> SliceRatios)> TakeTurnsAsync(
        SiteProcess process, string siteUrl, IReadOnlyList<string> peerUrls, int threads, int connections, TimeSpan duration, int slices, string[] headers, CancellationToken ct)
    {
        var slice = TimeSpan.FromSeconds(Math.Max(1, (int)(duration.TotalSeconds / slices)));
        var site = new List<WrkResult>();
        var peers = peerUrls.Select(_ => new List<WrkResult>()).ToArray();
        var cpu = new List<(double Site, double Client, double Machine)>();
        for (var i = 0; i < slices; i++)
        {
            var watch = new CpuWatch(process);
            site.Add(await Wrk.RunAsync(siteUrl, threads, connections, slice, headers, cancellationToken: ct));
            cpu.Add(watch.Percent());
            for (var p = 0; p < peerUrls.Count; p++)
            {
                peers[p].Add(await Wrk.RunAsync(peerUrls[p], threads, connections, slice, headers, cancellationToken: ct));
            }
        }
        static WrkResult Together(List<WrkResult> runs) => runs[0] with
        {
            Seconds = runs.Sum(r => r.Seconds),
            Requests = runs.Sum(r => r.Requests),
            RequestsPerSecond = runs.Sum(r => r.Requests) / runs.Sum(r => r.Seconds),
            P50Ms = runs.Max(r => r.P50Ms),
            P90Ms = runs.Max(r => r.P90Ms),
            P99Ms = runs.Max(r => r.P99Ms),
            Non2xx = runs.Sum(r => r.Non2xx),
            SocketErrors = runs.Sum(r => r.SocketErrors),
        };
        return (Together(site), peers.Select(Together).ToArray(),
            (Math.Round(cpu.Average(c => c.Site)), Math.Round(cpu.Average(c => c.Client)), Math.Round(cpu.Average(c => c.Machine))),
            site.Zip(peers[0], (a, b) => a.RequestsPerSecond / b.RequestsPerSecond).ToList());
    }

    /// <summary>nginx without the site's headers, serving the same page.</summary>
    private static Task<StaticSite> StartPlainNginxAsync(string folder, string path, byte[] body, StaticCompression compression, CancellationToken ct)
    {
        StaticSite.Save(folder, path, body);
        return StaticSite.StartAsync(folder, compression, cancellationToken: ct);
    }

    /// <summary>The headers of the site's kept copy of the lesson (a second visit), as the measured requests get them.</summary>
    private static async Task<KeyValuePair<string, string>[]> HeadersOfASecondVisitAsync(HttpClient http, string path, CancellationToken ct)
    {
        using var again = await http.GetAsync(path, ct);
        again.EnsureSuccessStatusCode();
        return again.Headers.Concat(again.Content.Headers).Select(h => KeyValuePair.Create(h.Key, string.Join(", ", h.Value))).ToArray();
    }

    /// <summary>Kestrel alone, with the site's headers and the site's own gzipped bytes.</summary>
    private static async Task<KestrelAlone> StartKestrelAloneAsync(HttpClient http, string path, byte[] body, KeyValuePair<string, string>[] headers, CancellationToken ct)
    {
        using var gzipRequest = new HttpRequestMessage(HttpMethod.Get, path);
        gzipRequest.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var gzipped = await http.SendAsync(gzipRequest, ct);
        gzipped.EnsureSuccessStatusCode();
        return await KestrelAlone.StartAsync(headers, body, await gzipped.Content.ReadAsByteArrayAsync(ct), ct);
    }

    /// <summary>The Content-Encoding a phone asking for gzip (or not) gets.</summary>
    private static async Task<string> EncodingAsync(string url, bool gzip, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (gzip)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        }
        using var response = await http.SendAsync(request, ct);
        return response.Content.Headers.ContentEncoding.FirstOrDefault() ?? "identity";
    }
}
