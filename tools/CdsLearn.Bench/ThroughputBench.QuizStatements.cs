using System.Text.Json;
using System.Text.RegularExpressions;
using CdsLearn.Load;

namespace CdsLearn.Bench;

public static partial class ThroughputBench
{
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
}
