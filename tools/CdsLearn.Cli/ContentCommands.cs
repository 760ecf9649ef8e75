using System.CommandLine;
using System.Text.Json;
using CdsLearn.Content;

namespace CdsLearn.Cli;

/// <summary>`cdslearn content lint [DIR]` and `cdslearn content stats [DIR] [--json]`.</summary>
public static class ContentCommands
{
    public static Command Create(TextWriter output, TextWriter errors)
    {
        var content = new Command("content", "Check and measure the course under content/");

        var lintDir = FolderArgument();
        var strict = new Option<bool>("--strict") { Description = "Fail on style warnings too" };
        var lint = new Command("lint", "Print file:line: message for every problem; exit 1 if there are errors") { lintDir, strict };
        lint.SetAction(parse => Lint(parse.GetValue(lintDir)!, parse.GetValue(strict), output));

        var statsDir = FolderArgument();
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var stats = new Command("stats", "Count skills, modules, lessons, quiz questions, reading minutes and how often the right option is the longest") { statsDir, json };
        stats.SetAction(parse => Stats(parse.GetValue(statsDir)!, parse.GetValue(json), output, errors));

        content.Subcommands.Add(lint);
        content.Subcommands.Add(stats);
        return content;
    }

    public static int Lint(string folder, bool strict, TextWriter output)
    {
        if (!Directory.Exists(folder))
        {
            output.WriteLine($"{folder}:0: no such folder");
            return 2;
        }
        var result = Load(folder);
        foreach (var problem in result.Problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line))
        {
            var file = Path.Combine(folder, problem.File);
            output.WriteLine(problem.IsError ? $"{file}:{problem.Line}: {problem.Message}" : $"{file}:{problem.Line}: warning: {problem.Message}");
        }
        var errorCount = result.Problems.Count(p => p.IsError);
        var warningCount = result.Problems.Count - errorCount;
        output.WriteLine($"{errorCount} error(s), {warningCount} warning(s)");
        return errorCount > 0 || (strict && warningCount > 0) ? 1 : 0;
    }

    public static int Stats(string folder, bool json, TextWriter output, TextWriter errors)
    {
        var result = Load(folder);
        if (result.HasErrors)
        {
            errors.WriteLine($"The course has errors; run: cdslearn content lint {folder}");
            return 1;
        }
        var stats = CourseStats.Of(result.Course);
        output.WriteLine(json
            ? JsonSerializer.Serialize(stats, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true })
            : $"skills: {stats.Skills}\nmodules: {stats.Modules}\nlessons: {stats.Lessons}\nquiz questions: {stats.QuizQuestions}\nreading minutes: {stats.ReadingMinutes}\n"
                + $"right option longest: {stats.LongestOptionRightPercent.ToString(System.Globalization.CultureInfo.InvariantCulture)} %\n"
                + $"practice tasks: {stats.PracticeTasks}\nobserved tasks: {stats.ObservedTasks}\nimages: {stats.Images}\n"
                + $"lesson words: mean {stats.MeanLessonWords}, max {stats.MaxLessonWords}\nglossary terms: {stats.GlossaryTerms}");
        return 0;
    }

    private static ContentLoadResult Load(string folder) => new CourseLoader(new MarkdownRenderer()).Load(folder);

    private static Argument<string> FolderArgument() => new("DIR")
    {
        Description = "The course folder",
        Arity = ArgumentArity.ZeroOrOne,
        DefaultValueFactory = _ => "content",
    };
}
