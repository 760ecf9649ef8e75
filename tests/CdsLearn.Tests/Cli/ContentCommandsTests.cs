using System.CommandLine;
using System.Text.Json;
using System.Text.RegularExpressions;
using CdsLearn.Cli;
using CdsLearn.Content;
using CdsLearn.Tests.Content;

namespace CdsLearn.Tests.Cli;

public partial class ContentCommandsTests
{
    [GeneratedRegex(@"^(?<path>.+):(?<line>\d+): (?<message>.+)$")]
    private static partial Regex ProblemLine();

    [GeneratedRegex(@"^(?<errors>\d+) error\(s\), (?<warnings>\d+) warning\(s\)$")]
    private static partial Regex Summary();

    [Fact]
    public void LintFailsABrokenCourseAndPointsAtFileAndLine()
    {
        using var course = TempCourse.Valid()
            .Write($"{TempCourse.Module}/quiz.md", TempCourse.QuizFile(questions: 3, draw: 5))
            .Write($"{TempCourse.Module}/02-bai-hai.md", "---\nid: bai-mot\ntitle: Bài hai\norder: 2\nminutes: 3\n---\n\n[x](khong-co.md)\n");
        var output = new StringWriter();

        var exitCode = ContentCommands.Lint(course.Root, strict: false, output);

        Assert.Equal(1, exitCode);
        var lines = Lines(output);
        var problems = lines[..^1];
        Assert.NotEmpty(problems);
        Assert.All(problems, line => Assert.Matches(ProblemLine(), line));
        Assert.All(problems, line => Assert.True(File.Exists(ProblemLine().Match(line).Groups["path"].Value), $"no such file: {line}"));
        var quiz = Path.Combine(course.Root, TempCourse.Module, "quiz.md");
        var lesson = Path.Combine(course.Root, TempCourse.Module, "02-bai-hai.md");
        Assert.Contains($"{quiz}:1: the pool holds 3 questions, fewer than draw: 5", problems);
        Assert.Contains($"{lesson}:1: id 'bai-mot' is already used by {TempCourse.Module}/01-bai-mot.md", problems);
        Assert.Contains($"{lesson}:8: link 'khong-co.md' leads to no file of the course", problems);
        Assert.Contains($"{quiz}:1: warning: the pool holds 3 questions; a quiz needs at least 8", problems);
        var summary = Summary().Match(lines[^1]);
        Assert.True(summary.Success, lines[^1]);
        Assert.Equal("3", summary.Groups["errors"].Value);
        Assert.Equal(problems.Length - 3, int.Parse(summary.Groups["warnings"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void LintPassesTheRealCourse()
    {
        var output = new StringWriter();

        var exitCode = ContentCommands.Lint(RepositoryContent.Folder, strict: false, output);

        Assert.True(exitCode == 0, output.ToString());
        Assert.Matches(@"^0 error\(s\), \d+ warning\(s\)$", Lines(output)[^1]);
    }

    [Fact]
    public void LintPassesACourseWithOnlyWarningsUnlessStrict()
    {
        // A picture that no lesson shows is a warning.
        using var course = TempCourse.Valid().Write($"{TempCourse.Module}/hinh/bi-quen.svg", TempCourse.Svg);
        var relaxed = new StringWriter();
        var strict = new StringWriter();

        var relaxedExit = ContentCommands.Lint(course.Root, strict: false, relaxed);
        var strictExit = ContentCommands.Lint(course.Root, strict: true, strict);

        Assert.Equal(0, relaxedExit);
        Assert.Equal(1, strictExit);
        Assert.Contains(Lines(relaxed), line => line.Contains(": warning: ", StringComparison.Ordinal));
        Assert.StartsWith("0 error(s), ", Lines(relaxed)[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void LintReportsAMissingFolder()
    {
        var missing = Path.Combine(Path.GetTempPath(), "cdslearn-tests", Guid.NewGuid().ToString("N"));
        var output = new StringWriter();

        var exitCode = ContentCommands.Lint(missing, strict: false, output);

        Assert.Equal(2, exitCode);
        Assert.Equal([$"{missing}:0: no such folder"], Lines(output));
    }

    [Fact]
    public void StatsAsJsonMatchTheLoadedCourse()
    {
        var expected = CourseStats.Of(new CourseLoader(new MarkdownRenderer()).Load(RepositoryContent.Folder).Course);
        var output = new StringWriter();
        var errors = new StringWriter();

        var exitCode = ContentCommands.Stats(RepositoryContent.Folder, json: true, output, errors);

        Assert.Equal(0, exitCode);
        Assert.Empty(errors.ToString());
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.Equal(expected.Skills, root.GetProperty("skills").GetInt32());
        Assert.Equal(expected.Modules, root.GetProperty("modules").GetInt32());
        Assert.Equal(expected.Lessons, root.GetProperty("lessons").GetInt32());
        Assert.Equal(expected.QuizQuestions, root.GetProperty("quizQuestions").GetInt32());
        Assert.Equal(expected.ReadingMinutes, root.GetProperty("readingMinutes").GetInt32());
        Assert.Equal(expected.LongestOptionRightPercent, root.GetProperty("longestOptionRightPercent").GetDouble());
        Assert.Equal(expected.PracticeTasks, root.GetProperty("practiceTasks").GetInt32());
        Assert.Equal(expected.ObservedTasks, root.GetProperty("observedTasks").GetInt32());
        Assert.Equal(expected.Images, root.GetProperty("images").GetInt32());
        Assert.Equal(expected.MeanLessonWords, root.GetProperty("meanLessonWords").GetInt32());
        Assert.Equal(expected.MaxLessonWords, root.GetProperty("maxLessonWords").GetInt32());
        Assert.Equal(expected.GlossaryTerms, root.GetProperty("glossaryTerms").GetInt32());
        Assert.Equal(5, expected.Skills);
        Assert.True(expected.ObservedTasks >= 10, $"the course lists {expected.ObservedTasks} observed tasks");
        Assert.True(expected.Lessons > 0 && expected.QuizQuestions > 0 && expected.ReadingMinutes > 0, expected.ToString());
    }

    [Fact]
    public void StatsCountATemporaryCourse()
    {
        using var course = TempCourse.Valid();
        var output = new StringWriter();

        var exitCode = ContentCommands.Stats(course.Root, json: false, output, new StringWriter());

        Assert.Equal(0, exitCode);
        Assert.Equal(
            ["skills: 1", "modules: 2", "lessons: 4", "quiz questions: 16", "reading minutes: 12", "right option longest: 0 %",
                "practice tasks: 0", "observed tasks: 2", "images: 0", "lesson words: mean 15, max 15", "glossary terms: 0"],
            Lines(output));
    }

    [Fact]
    public void StatsAsJsonCountPicturesLessonLengthAndGlossaryTerms()
    {
        // Issue 17's keys: distinct pictures lessons show (one picture shown twice counts once), the mean lesson
        // length rounded and the longest, and the glossary's terms.
        var picture = "![Màn hình VNeID có nút Ví giấy tờ](hinh/vi.svg)";
        using var course = TempCourse.Valid()
            .Write($"{TempCourse.Module}/hinh/vi.svg", TempCourse.Svg)
            .Write($"{TempCourse.Module}/01-bai-mot.md", TempCourse.LessonFile("bai-mot", 1, body: "Chữ.\n\n" + picture))
            .Write($"{TempCourse.Module}/02-bai-hai.md", TempCourse.LessonFile("bai-hai", 2, body: "Một hai ba bốn năm sáu.\n\n" + picture))
            .Write("_giai-thich-tu/vi.md", "---\nterm: \"ví\"\n---\nChỗ cất giấy tờ.\n");
        var output = new StringWriter();

        Assert.Equal(0, ContentCommands.Stats(course.Root, json: true, output, new StringWriter()));

        var root = JsonDocument.Parse(output.ToString()).RootElement;
        // 12 + 1, 12 + 6, 15 and 15 words: 15.25.
        Assert.Equal((1, 15, 18, 1), (root.GetProperty("images").GetInt32(), root.GetProperty("meanLessonWords").GetInt32(),
            root.GetProperty("maxLessonWords").GetInt32(), root.GetProperty("glossaryTerms").GetInt32()));
    }

    [Fact]
    public void StatsAsJsonGiveTheShareOfQuestionsWhoseRightOptionIsTheLongest()
    {
        // 3 of the course's 16 single-answer questions (two quizzes of 8) have the longest option right: 18.75 %.
        // The other quiz stays at "Chưa đúng" / "Đúng", where the right option is the shorter.
        var quiz = TempCourse.QuizFile(questions: 8, draw: 5);
        var giveaway = 0;
        quiz = System.Text.RegularExpressions.Regex.Replace(quiz, @"- \[x\] Đúng", m => giveaway++ < 3 ? "- [x] Đúng, làm như vậy" : m.Value);
        using var course = TempCourse.Valid().Write($"{TempCourse.Module}/quiz.md", quiz);
        var output = new StringWriter();

        var exitCode = ContentCommands.Stats(course.Root, json: true, output, new StringWriter());

        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.Equal(18.8, root.GetProperty("longestOptionRightPercent").GetDouble());
        Assert.Equal(0, root.GetProperty("practiceTasks").GetInt32());
        Assert.Equal(2, root.GetProperty("observedTasks").GetInt32());
        Assert.Equal(16, root.GetProperty("quizQuestions").GetInt32());
    }

    [Fact]
    public void StatsRefuseABrokenCourse()
    {
        using var course = TempCourse.Valid().Write($"{TempCourse.Module}/quiz.md", TempCourse.QuizFile(questions: 3, draw: 5));
        var output = new StringWriter();
        var errors = new StringWriter();

        var exitCode = ContentCommands.Stats(course.Root, json: true, output, errors);

        Assert.Equal(1, exitCode);
        Assert.Empty(output.ToString());
        Assert.Contains($"cdslearn content lint {course.Root}", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheCommandLineReachesLintAndStats()
    {
        using var course = TempCourse.Valid().Write($"{TempCourse.Module}/hinh/bi-quen.svg", TempCourse.Svg);
        var output = new StringWriter();
        var errors = new StringWriter();
        var root = new RootCommand { ContentCommands.Create(output, errors) };

        var strictExit = root.Parse(["content", "lint", course.Root, "--strict"]).Invoke();
        var statsExit = root.Parse(["content", "stats", course.Root, "--json"]).Invoke();

        Assert.Equal(1, strictExit);
        Assert.Equal(0, statsExit);
        var text = output.ToString();
        var json = text[text.IndexOf('{', StringComparison.Ordinal)..];
        using var stats = JsonDocument.Parse(json);
        Assert.Equal(16, stats.RootElement.GetProperty("quizQuestions").GetInt32());
    }

    private static string[] Lines(StringWriter output) =>
        output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
