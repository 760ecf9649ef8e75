using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using CdsLearn.Learning;
using CdsLearn.Load;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Bench;

public static partial class ThroughputBench
{
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
                    Processor = MachineLoad.Processor(),
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
            Processor = MachineLoad.Processor(),
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
}
