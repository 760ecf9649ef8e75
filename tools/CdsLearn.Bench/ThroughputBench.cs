using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CdsLearn.Accounts;
using CdsLearn.Content;
using CdsLearn.Learning;
using CdsLearn.Load;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

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

    /// <summary>An anonymous lesson page from the site against the same bytes from nginx, with wrk, in one run:
    /// uncompressed against nginx sending the saved page, and gzip against nginx sending a copy gzipped beforehand
    /// (gzip_static), the most a static server can do. nginx serves each file at its plain path (no try_files).
    /// <c>--on-the-fly</c> adds nginx compressing every response at level 1. The two servers take turns in short
    /// slices (<c>--slices</c>), so that a neighbour's load on a shared machine, which moves over tens of seconds, weighs
    /// on both alike. <c>--kestrel</c> adds a third in the turns, Kestrel alone sending the site's bytes and headers
    /// (<see cref="KestrelAlone"/>): how much of the gap is the site's code and how much its server.</summary>
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
        var command = new Command("lessons", "Bài học: số yêu cầu mỗi giây của trang so với nginx (lesson page requests/s vs nginx)")
        {
            site, seconds, keep, connections, threads, lesson, onTheFly, slices, kestrel,
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
            await using var alone = parse.GetValue(kestrel) ? await StartKestrelAloneAsync(http, path, body, ct) : null;

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
                await using var nginx = await StaticSite.StartAsync(folder, compression, ct);
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
                var (fromSite, peers, siteCpu, sliceRatios) = await TakeTurnsAsync(process, siteUrl, aloneUrl is null ? [nginxUrl] : [nginxUrl, aloneUrl],
                    parse.GetValue(threads), parse.GetValue(connections), duration, Math.Max(1, parse.GetValue(slices)), headers, ct);
                var fromNginx = peers[0];
                var fromAlone = peers.Length > 1 ? peers[1] : null;
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
                Connections = parse.GetValue(connections),
                Threads = parse.GetValue(threads),
                Seconds = duration.TotalSeconds,
                Runs = results,
                SitePeakRssMb = memory.PeakRssMb,
                LoadBefore = bench.LoadBefore,
                LoadAfter = MachineLoad.Now(),
                Site = bench.Launch.Assembly,
            }, Json));
            return 0;
        });
        return command;
    }

    /// <summary>Learners opening quizzes and submitting them as fast as the site answers; every acknowledged
    /// submission checked in the database after the site is killed with SIGKILL.</summary>
    private static Command Quiz(TextWriter output)
    {
        var site = SiteOption();
        var seconds = SecondsOption(30);
        var keep = KeepOption();
        var learners = new Option<int>("--learners") { Description = "Concurrent learners", DefaultValueFactory = _ => 200 };
        // 60 s: after 5 s the site was still compiling (tiered JIT: a fifth of its CPU in the JIT 30-50 s after start),
        // so the figure was of a site warming up, not of one that has run for a while (issue 20). 30 s was not enough
        // either: with the machine saturated the JIT's background thread gets little of it, and in the first 20 s
        // measured after a 30 s warm-up it still took 9.4 % of the site's CPU; the site's compiled methods stopped
        // growing about 60 s after its start (perf map: 41k at 27 s, 54.3k at 57 s, 54.4k from 72 s on).
        var warmup = new Option<int>("--warmup") { Description = "Seconds of load before measuring (the site's JIT settles)", DefaultValueFactory = _ => 60 };
        var noResult = new Option<bool>("--no-result") { Description = "Learners do not open the result page after submitting" };
        var submissionsOnly = new Option<bool>("--submissions-only")
        {
            Description = "Learners open --quiz-pages-ahead quiz pages before the run, then only submit on them (each once: a draw grades one attempt) and open no result: the submission path alone",
        };
        var pagesAhead = new Option<int>("--quiz-pages-ahead")
        {
            Description = "With --submissions-only, quiz pages each learner opens before the run; one used up opens a new one during the run",
            DefaultValueFactory = _ => 150,
        };
        var countSql = new Option<int>("--count-sql") { Description = "Instead: one learner submits N quizzes with EF's command log on, and the statements per request are counted" };
        var inProcess = new Option<bool>("--in-process") { Description = "Instead: submit through QuizService in this process (no HTTP), one writer, then --learners writers" };
        var writeGate = new Option<bool>("--write-gate") { Description = "With --in-process, an experiment: submissions wait their turn in an async queue (SemaphoreSlim) instead of SQLite's busy wait" };
        var synchronousNormal = new Option<bool>("--synchronous-normal") { Description = "With --in-process, an experiment: PRAGMA synchronous=NORMAL (no fsync per commit; not durable against power loss)" };
        var postgres = new Option<string?>("--postgres")
        {
            Description = "Run the site on PostgreSQL: a connection string without Database (a role that may create databases); a fresh database is made for the run",
        };
        var ownHouseholds = new Option<bool>("--own-households") { Description = "One learner per household (by default about two share one)" };
        var command = new Command("quiz", "Nộp bài kiểm tra: số bài mỗi giây và độ trễ p99 (quiz submissions/s, p99)")
        {
            site, seconds, keep, learners, warmup, noResult, submissionsOnly, pagesAhead, countSql, inProcess, writeGate, synchronousNormal, postgres, ownHouseholds,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(countSql) is > 0 and var count)
            {
                return await CountSqlAsync(parse.GetValue(site), count, parse.GetValue(keep), output, ct);
            }
            if (parse.GetValue(inProcess))
            {
                return await InProcessAsync(parse.GetValue(site), parse.GetValue(learners), parse.GetValue(seconds), parse.GetValue(keep),
                    parse.GetValue(writeGate), parse.GetValue(synchronousNormal), output, ct);
            }
            var spec = new PopulationSpec { Learners = parse.GetValue(learners), OneLearnerPerHousehold = parse.GetValue(ownHouseholds) };
            var onPostgres = parse.GetValue(postgres) is { Length: > 0 };
            var provider = onPostgres
                ? new Dictionary<string, string>
                {
                    ["Database:Provider"] = "Postgres",
                    ["ConnectionStrings:Default"] = parse.GetValue(postgres)!.TrimEnd(';') + $";Database=cdslearn_bench_{DateTime.UtcNow:yyyyMMddHHmmss}",
                }
                : null;
            await using var bench = await PrepareAsync(parse.GetValue(site), spec, parse.GetValue(keep), output, ct, provider);
            var commit = FsyncFloor(bench.Folder);
            output.WriteLine($"SQLite on this disk, WAL, synchronous=FULL, one connection: {commit.PerSecond:F0} commits/s ({commit.Ms:F2} ms each)");
            var process = await bench.StartSiteAsync(ct);
            try
            {
                var onlySubmit = parse.GetValue(submissionsOnly);
                var behaviour = new LearnerBehaviour
                {
                    LessonsBeforeQuiz = 0, DoubleSubmit = 0, ViewResult = !parse.GetValue(noResult) && !onlySubmit,
                    QuizPagesAhead = onlySubmit ? parse.GetValue(pagesAhead) : 0,
                };
                using var run = new LoadRun(process.BaseAddress, bench.Population, bench.Course, behaviour);
                var signIn = await run.SignInAllAsync(8, ct);
                output.WriteLine($"{run.Learners.Count} learners signed in in {signIn.TotalSeconds:F1} s");
                if (behaviour.QuizPagesAhead > 0)
                {
                    var opened = await run.OpenQuizPagesAheadAsync(8, ct);
                    output.WriteLine($"{run.Learners.Count * behaviour.QuizPagesAhead} quiz pages opened ahead in {opened.TotalSeconds:F1} s");
                }

                using var stop = new CancellationTokenSource();
                var load = run.RunAsync(stop.Token);
                await Task.Delay(TimeSpan.FromSeconds(parse.GetValue(warmup)), ct);
                run.Stats.Reset();
                var cpu = new CpuWatch(process);
                var from = DateTime.UtcNow;
                await Task.Delay(TimeSpan.FromSeconds(parse.GetValue(seconds)), ct);
                var until = DateTime.UtcNow;
                var window = run.Stats.Elapsed.TotalSeconds;
                var cpuUsed = cpu.Percent();
                var memory = process.ReadMemory();
                var loadAfter = MachineLoad.Now();
                stop.Cancel();
                await load;
                await run.ResolveUnansweredAsync(TimeSpan.FromSeconds(30));
                var acknowledged = run.Ledger.Acknowledged.Count(a => a.At >= from && a.At < until);
                var submit = run.Stats.LatencyOf(Step.Submit);
                var quiz = run.Stats.LatencyOf(Step.Quiz);
                var result = run.Stats.LatencyOf(Step.Result);

                // Durable means it survives the process dying without a goodbye: SIGKILL, then read the file.
                await process.KillAsync();
                await using var database = await LoadDatabase.OpenAsync(bench.Launch.DataFolder, ct, settings: bench.Launch.Settings);
                var comparison = AttemptCheck.Compare(run.Ledger.Acknowledged,
                    await AttemptCheck.StoredAsync(database, bench.Population.Learners.Select(l => l.UserId), ct));
                var integrity = onPostgres ? "n/a (PostgreSQL)" : LoadDatabase.IntegrityCheck(bench.Launch.DataFolder);

                output.WriteLine($"{window:F1} s measured: {acknowledged} submissions acknowledged ({acknowledged / window:F0}/s), "
                    + $"{run.Stats.Requests} requests ({run.Stats.Requests / window:F0}/s); submit p50 {submit.P50} ms p90 {submit.P90} ms p99 {submit.P99} ms max {submit.Max} ms; "
                    + $"quiz page p99 {quiz.P99} ms; result page p99 {result.P99} ms");
                output.WriteLine($"answers: {run.Stats.Summary()}");
                // The site's CPU time per acknowledged submission: on a shared machine the rate moves with the
                // neighbours' load, the work each submission (with its pages) costs the site much less.
                var cpuPerSubmission = acknowledged == 0 ? 0 : Math.Round(cpuUsed.Site * 10 / (acknowledged / window), 2);
                output.WriteLine($"CPU (100 % = one core of {Environment.ProcessorCount}): site {cpuUsed.Site} %, learners (this process) {cpuUsed.Client} %, whole machine {cpuUsed.Machine} %; "
                    + $"site CPU per submission {cpuPerSubmission} ms");
                output.WriteLine($"after SIGKILL: {comparison}; integrity_check {integrity}");
                output.WriteLine($"site memory: peak {memory.PeakRssMb} MB, now {memory.RssMb} MB; load {loadAfter}");
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    Bench = "quiz",
                    Database = onPostgres ? "PostgreSQL" : "SQLite",
                    OwnHouseholds = spec.OneLearnerPerHousehold,
                    Learners = run.Learners.Count,
                    Seconds = Math.Round(window, 1),
                    ViewResult = behaviour.ViewResult,
                    SubmissionsOnly = onlySubmit,
                    QuizPagesAhead = behaviour.QuizPagesAhead,
                    SubmissionsPerSecond = Math.Round(acknowledged / window, 1),
                    RequestsPerSecond = Math.Round(run.Stats.Requests / window, 1),
                    SubmitP50Ms = submit.P50,
                    SubmitP90Ms = submit.P90,
                    SubmitP99Ms = submit.P99,
                    SubmitMaxMs = submit.Max,
                    QuizPageP99Ms = quiz.P99,
                    ResultPageP99Ms = result.P99,
                    ServerErrors = run.Stats.ServerErrors,
                    NoAnswer = run.Stats.TransportFailures,
                    StoredExactlyTheAcknowledged = comparison.StoredExactlyTheAcknowledged,
                    IntegrityCheck = integrity,
                    SqliteCommitsPerSecond = Math.Round(commit.PerSecond),
                    SiteCpuPercent = cpuUsed.Site,
                    SiteCpuMsPerSubmission = cpuPerSubmission,
                    ClientCpuPercent = cpuUsed.Client,
                    MachineCpuPercent = cpuUsed.Machine,
                    SitePeakRssMb = memory.PeakRssMb,
                    LoadBefore = bench.LoadBefore,
                    LoadAfter = loadAfter,
                    Site = bench.Launch.Assembly,
                }, Json));
                return comparison.StoredExactlyTheAcknowledged ? 0 : 1;
            }
            finally
            {
                await process.DisposeAsync();
            }
        });
        return command;
    }

    /// <summary>The submission's database work alone: QuizService.SubmitAsync in this process, no HTTP, no pages, no
    /// cookies; first one writer, then one per learner at once (all in households, 70 % of attempts passed).</summary>
    private static async Task<int> InProcessAsync(string? site, int learners, int seconds, bool keep, bool writeGate, bool synchronousNormal, TextWriter output, CancellationToken ct)
    {
        var spec = new PopulationSpec { Learners = learners };
        await using var bench = await PrepareAsync(site, spec, keep, output, ct);
        await using var database = await LoadDatabase.OpenAsync(bench.Launch.DataFolder, ct, bench.Launch.ContentFolder, settings: bench.Launch.Settings, configure: services =>
        {
            if (synchronousNormal)
            {
                services.ConfigureDbContext<Data.AppDbContext>(options => options.AddInterceptors(new SynchronousNormal()));
            }
        });
        using var gate = new SemaphoreSlim(1, 1);
        output.WriteLine($"experiments: write gate {(writeGate ? "on" : "off")}, synchronous {(synchronousNormal ? "NORMAL" : "FULL (as the site)")}");
        var modules = bench.Course.Skills.SelectMany(s => s.Modules).ToList();
        var results = new Dictionary<string, object>();
        foreach (var writers in new[] { 1, learners })
        {
            var latencies = new List<double>();
            var done = 0;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
            {
                var random = new Random(w);
                var learner = bench.Population.Learners[w];
                while (!stop.IsCancellationRequested)
                {
                    var module = modules[random.Next(modules.Count)];
                    var draw = QuizDraw.Create(module.Quiz, learner.UserId);
                    var right = random.NextDouble() < 0.7;
                    var answers = draw.Questions.ToDictionary(q => q.Number, q =>
                    {
                        var question = module.Quiz.FindQuestion(q.Number)!;
                        return (IReadOnlyCollection<int>)(right ? question.CorrectOptions.ToList() : [question.Options.First(o => !o.IsCorrect).Index]);
                    });
                    var started = Stopwatch.GetTimestamp();
                    await using var scope = database.CreateScope();
                    var quizzes = scope.ServiceProvider.GetRequiredService<QuizService>();
                    if (writeGate)
                    {
                        await gate.WaitAsync(CancellationToken.None);
                    }
                    try
                    {
                        await quizzes.SubmitAsync(Guid.NewGuid(), draw, answers, cancellationToken: CancellationToken.None);
                    }
                    finally
                    {
                        if (writeGate)
                        {
                            gate.Release();
                        }
                    }
                    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    lock (latencies)
                    {
                        latencies.Add(ms);
                    }
                    Interlocked.Increment(ref done);
                }
            }, CancellationToken.None)));
            var elapsed = clock.Elapsed.TotalSeconds;
            var cpuPercent = Math.Round((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / elapsed * 100);
            latencies.Sort();
            double At(double p) => Math.Round(latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)], 1);
            output.WriteLine($"{writers} writer(s): {done / elapsed:F0} submissions/s; p50 {At(0.5)} ms, p99 {At(0.99)} ms; CPU of this process {cpuPercent} % (100 % = one core)");
            results[writers == 1 ? "one_writer" : "many_writers"] = new { Writers = writers, PerSecond = Math.Round(done / elapsed, 1), P50Ms = At(0.5), P99Ms = At(0.99), CpuPercent = cpuPercent };
        }
        output.WriteLine(JsonSerializer.Serialize(new
        {
            Bench = "quiz-in-process",
            Seconds = seconds,
            WriteGate = writeGate,
            Synchronous = synchronousNormal ? "NORMAL" : "FULL",
            OneWriter = results["one_writer"],
            ManyWriters = results["many_writers"],
            LoadBefore = bench.LoadBefore,
            LoadAfter = MachineLoad.Now(),
        }, Json));
        return 0;
    }

    /// <summary>Runs after the site's own pragmas on every connection: commits no longer wait for an fsync.</summary>
    private sealed class SynchronousNormal : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
    {
        public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection,
            Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous = NORMAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous = NORMAL;";
            command.ExecuteNonQuery();
        }
    }

    /// <summary>One learner, EF's command log and the request log on: how many SQL statements opening a quiz and
    /// submitting it run (each statement is put down to the request under way; the learner sends one at a time).</summary>
    private static async Task<int> CountSqlAsync(string? site, int count, bool keep, TextWriter output, CancellationToken ct)
    {
        var spec = new PopulationSpec { Learners = 1 };
        await using var bench = await PrepareAsync(site, spec, keep, output, ct, new Dictionary<string, string>
        {
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
            // "Compiling query expression": a query EF did not find in its compiled-query cache.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Query"] = "Debug",
            ["Logging:Console:FormatterOptions:SingleLine"] = "true",
        });
        var process = await bench.StartSiteAsync(ct);
        var stats = new LoadStats();
        using var learner = new SimulatedLearner(process.BaseAddress, bench.Population.Learners[0], bench.Population.Password, bench.Course,
            new LearnerBehaviour(), stats, new AttemptLedger(), 1);
        if (!await learner.SignInAsync(ct))
        {
            throw new InvalidOperationException("sign-in failed");
        }
        var modules = bench.Course.Skills.SelectMany(s => s.Modules).ToList();
        var kinds = new Dictionary<Guid, string>();
        for (var i = 0; i < count; i++)
        {
            // In course order, each module failed once then passed: the last pass of a skill issues its certificate.
            var module = modules[i / 2 % modules.Count];
            var right = i % 2 == 1;
            var sitting = await learner.OpenQuizAsync(module, right, ct) ?? throw new InvalidOperationException("no quiz page");
            if (await learner.SubmitAsync(sitting, ct) is not true)
            {
                throw new InvalidOperationException("submission not acknowledged");
            }
            var completesSkill = right && module.Id == bench.Course.FindSkill(module.SkillId)!.Modules[^1].Id;
            kinds[sitting.AttemptId] = !right ? "failed" : completesSkill ? "passed, certificate issued" : "passed";
        }
        await process.StopAsync();
        var log = await File.ReadAllLinesAsync(process.LogFile, ct);
        await process.DisposeAsync();

        // Statements per request: "Request starting HTTP/1.1 POST http://…/kiem-tra/x …" opens a request, and every
        // "Executed DbCommand" until "Request finished" belongs to it.
        var perRequest = new List<(string Method, string Path, List<string> Sql, List<string> Compiled)>();
        foreach (var line in log)
        {
            if (RequestStartPattern().Match(line) is { Success: true } start)
            {
                perRequest.Add((start.Groups["method"].Value, start.Groups["path"].Value, [], []));
            }
            else if (line.Contains("Compiling query expression", StringComparison.Ordinal) && !line.Contains("Contests", StringComparison.Ordinal) && perRequest.Count > 0)
            {
                perRequest[^1].Compiled.Add(line);
            }
            // The contest timer's once-a-second look for expired questions is not the request's.
            else if (line.Contains("Executed DbCommand", StringComparison.Ordinal) && !line.Contains("FROM \"Contests\"", StringComparison.Ordinal) && perRequest.Count > 0)
            {
                perRequest[^1].Sql.Add(line);
            }
        }
        var quizPages = perRequest.Where(r => r.Method == "GET" && r.Path.StartsWith("/kiem-tra/", StringComparison.Ordinal) && !r.Path.StartsWith("/kiem-tra/ket-qua", StringComparison.Ordinal)).ToList();
        var submissions = perRequest.Where(r => r.Method == "POST" && r.Path.StartsWith("/kiem-tra/", StringComparison.Ordinal)).ToList();
        // Submissions come in the order they were sent, as the attempts were made.
        var byKind = submissions.Zip(kinds.Values).GroupBy(x => x.Second, x => x.First.Sql.Count)
            .ToDictionary(g => g.Key, g => Math.Round(g.Average(), 1));
        var example = submissions.Zip(kinds.Values).Where(x => x.Second == "passed").Select(x => x.First.Sql).FirstOrDefault() ?? [];
        output.WriteLine("the statements of one passed submission:");
        foreach (var sql in example)
        {
            var text = SqlTextPattern().Match(sql).Groups["sql"].Value;
            output.WriteLine("  " + (text.Length > 140 ? text[..140] + "…" : text));
        }
        var quizPage = quizPages.Count == 0 ? 0 : Math.Round(quizPages.Average(r => r.Sql.Count), 1);
        // Past the first few submissions every query shape has been seen once: what is compiled still is compiled every time.
        var compiledLater = submissions.Skip(6).Select(r => r.Compiled.Count).DefaultIfEmpty(0).Average();
        output.WriteLine($"queries compiled by EF per submission after the first six: {compiledLater:F1}");
        foreach (var compiled in submissions.Skip(6).SelectMany(r => r.Compiled).Take(3))
        {
            output.WriteLine("  " + (compiled.Length > 300 ? compiled[..300] + "…" : compiled));
        }
        output.WriteLine($"SQL statements: quiz page {quizPage}; submissions " + string.Join(", ", byKind.Select(k => $"{k.Key} {k.Value}"))
            + $" — {count} submissions by one learner of a household");
        output.WriteLine(JsonSerializer.Serialize(new
        {
            Bench = "quiz-sql",
            Submissions = count,
            QuizPageStatements = quizPage,
            SubmitFailedStatements = byKind.GetValueOrDefault("failed"),
            SubmitPassedStatements = byKind.GetValueOrDefault("passed"),
            SubmitPassedWithCertificateStatements = byKind.GetValueOrDefault("passed, certificate issued"),
            QueriesCompiledPerSubmission = Math.Round(compiledLater, 1),
            Site = bench.Launch.Assembly,
        }, Json));
        return 0;
    }

    [GeneratedRegex(@"Request starting HTTP/[\d.]+ (?<method>[A-Z]+) https?://[^/\s]+(?<path>/\S*)")]
    private static partial Regex RequestStartPattern();

    [GeneratedRegex(@"CommandTimeout='\d+'\] (?<sql>.*)$")]
    private static partial Regex SqlTextPattern();

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
                Site = bench.Launch.Assembly,
            }, Json));
            return 0;
        });
        return command;
    }

    /// <summary>Sign-ins through the form, each on a fresh phone (no cookies): the password hash is the cost.</summary>
    private static Command SignIn(TextWriter output)
    {
        var site = SiteOption();
        var seconds = SecondsOption(15);
        var keep = KeepOption();
        var learners = new Option<int>("--learners") { Description = "Accounts signed in in turn", DefaultValueFactory = _ => 200 };
        var concurrency = new Option<int>("--concurrency") { Description = "Sign-ins under way at once", DefaultValueFactory = _ => 16 };
        var command = new Command("signin", "Đăng nhập: số lần mỗi giây và chi phí băm mật khẩu (sign-ins/s, hash cost)")
        {
            site, seconds, keep, learners, concurrency,
        };
        command.SetAction(async (parse, ct) =>
        {
            var spec = new PopulationSpec { Learners = parse.GetValue(learners) };
            await using var bench = await PrepareAsync(parse.GetValue(site), spec, parse.GetValue(keep), output, ct);
            var population = bench.Population;
            var hash = HashCost(population.Password);
            output.WriteLine($"password hash: Identity V3, PBKDF2-HMAC-SHA512, {population.PasswordIterations} iterations; "
                + $"one verification takes {hash.MedianMs:F1} ms here (median of {hash.Runs}, one thread, site idle) → at most ~{Environment.ProcessorCount * 1000 / hash.MedianMs:F0}/s on {Environment.ProcessorCount} cores");
            await using var process = await bench.StartSiteAsync(ct);

            var stats = new LoadStats();
            var ledger = new AttemptLedger();
            var next = -1;
            var signedIn = 0;
            var failed = 0;
            async Task WorkAsync(CancellationToken stop)
            {
                while (!stop.IsCancellationRequested)
                {
                    var account = population.Learners[(int)((uint)Interlocked.Increment(ref next) % population.Learners.Count)];
                    using var phone = new SimulatedLearner(process.BaseAddress, account, population.Password, bench.Course, new LearnerBehaviour(), stats, ledger, 1);
                    if (await phone.SignInAsync(CancellationToken.None))
                    {
                        Interlocked.Increment(ref signedIn);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
            }
            using (var warm = new CancellationTokenSource(TimeSpan.FromSeconds(3)))
            {
                await Task.WhenAll(Enumerable.Range(0, parse.GetValue(concurrency)).Select(_ => WorkAsync(warm.Token)));
            }
            stats.Reset();
            signedIn = 0;
            failed = 0;
            var cpu = new CpuWatch(process);
            using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(parse.GetValue(seconds))))
            {
                await Task.WhenAll(Enumerable.Range(0, parse.GetValue(concurrency)).Select(_ => WorkAsync(stop.Token)));
            }
            var window = stats.Elapsed.TotalSeconds;
            var used = cpu.Percent();
            var post = stats.LatencyOf(Step.SignIn);
            var memory = process.ReadMemory();
            output.WriteLine($"{window:F1} s: {signedIn} sign-ins ({signedIn / window:F1}/s), {failed} failed; sign-in post p50 {post.P50} ms p99 {post.P99} ms; "
                + $"answers {stats.Summary()}");
            output.WriteLine($"CPU: site {used.Site} %, this process {used.Client} %, machine {used.Machine} % (100 % = one core)");
            output.WriteLine($"site memory: peak {memory.PeakRssMb} MB, now {memory.RssMb} MB; load {MachineLoad.Now()}");
            output.WriteLine(JsonSerializer.Serialize(new
            {
                Bench = "signin",
                Concurrency = parse.GetValue(concurrency),
                Seconds = Math.Round(window, 1),
                SignInsPerSecond = Math.Round(signedIn / window, 1),
                Failed = failed,
                PostP50Ms = post.P50,
                PostP99Ms = post.P99,
                Pbkdf2 = "HMAC-SHA512",
                Iterations = population.PasswordIterations,
                HashMs = Math.Round(hash.MedianMs, 1),
                Cores = Environment.ProcessorCount,
                SiteCpuPercent = used.Site,
                MachineCpuPercent = used.Machine,
                SitePeakRssMb = memory.PeakRssMb,
                LoadBefore = bench.LoadBefore,
                LoadAfter = MachineLoad.Now(),
                Site = bench.Launch.Assembly,
            }, Json));
            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    /// <summary>Identity's own verification of the password, timed in this process.</summary>
    private static (double MedianMs, int Runs) HashCost(string password)
    {
        var hasher = new PasswordHasher<AppUser>();
        var user = new AppUser();
        var hash = hasher.HashPassword(user, password);
        var times = new List<double>();
        for (var i = 0; i < 21; i++)
        {
            var clock = Stopwatch.StartNew();
            if (hasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Success)
            {
                throw new InvalidOperationException("the hash does not verify");
            }
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[times.Count / 2], times.Count);
    }

    /// <summary>The floor under durable writes on this disk: one connection committing one-row transactions with the
    /// site's settings (WAL, synchronous=FULL); each commit waits for an fsync of the WAL.</summary>
    private static (double PerSecond, double Ms) FsyncFloor(string folder)
    {
        var file = Path.Combine(folder, "fsync-floor.db");
        using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            connection.Open();
            using var setup = connection.CreateCommand();
            setup.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);";
            setup.ExecuteNonQuery();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO t (v) VALUES ('x')";
            const int Commits = 300;
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Commits; i++)
            {
                using var transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                insert.ExecuteNonQuery();
                transaction.Commit();
            }
            var seconds = clock.Elapsed.TotalSeconds;
            File.Delete(file + "-wal");
            return (Commits / seconds, seconds * 1000 / Commits);
        }
    }

    /// <summary>Kestrel alone, with the headers of the site's cached copy of the lesson (a second visit) and the site's
    /// own gzipped bytes.</summary>
    private static async Task<KestrelAlone> StartKestrelAloneAsync(HttpClient http, string path, byte[] body, CancellationToken ct)
    {
        using var again = await http.GetAsync(path, ct);
        again.EnsureSuccessStatusCode();
        using var gzipRequest = new HttpRequestMessage(HttpMethod.Get, path);
        gzipRequest.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var gzipped = await http.SendAsync(gzipRequest, ct);
        gzipped.EnsureSuccessStatusCode();
        var headers = again.Headers.Concat(again.Content.Headers).Select(h => KeyValuePair.Create(h.Key, string.Join(", ", h.Value)));
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

    [GeneratedRegex("href=\"(?<href>/verify/[^\"]+)\"")]
    private static partial Regex VerifyLinkPattern();

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
        output.WriteLine($"site {workspace.Launch.Assembly} ({workspace.Launch.Environment}), data {workspace.DataFolder}; {Environment.ProcessorCount} cores, load {MachineLoad.Now()}"
            + (workspace.HasLearners ? $"; {workspace.Population.Learners.Count} learners written in {workspace.Population.Elapsed.TotalSeconds:F1} s" : ""));
        return workspace;
    }
}
