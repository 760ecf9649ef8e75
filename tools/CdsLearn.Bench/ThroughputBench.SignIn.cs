using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using CdsLearn.Accounts;
using CdsLearn.Load;
using Microsoft.AspNetCore.Identity;

namespace CdsLearn.Bench;

public static partial class ThroughputBench
{
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
                Processor = MachineLoad.Processor(),
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
}
