using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Learning;

namespace CdsLearn.Tests.Content;

/// <summary>The starter section ("Bắt đầu với điện thoại", <c>starter: true</c>): loaded apart from the five skills,
/// at most one, order 0 and order 0 only.</summary>
public class StarterSectionTests
{
    private const string Folder = "00-bat-dau";

    private static string StarterFile(string id = "bat-dau", string order = "0", string extra = "") =>
        $"---\nid: {id}\ntitle: \"Bắt đầu với điện thoại\"\nstarter: true\norder: {order}\nsummary: \"Cho người mới dùng điện thoại.\"\n{extra}---\n\nGiới thiệu.\n";

    /// <summary>The valid course with a starter section of one module (one lesson, a quiz) in <paramref name="folder"/>.</summary>
    private static TempCourse WithStarter(string folder = Folder, string id = "bat-dau", string skillFile = "")
    {
        var course = TempCourse.Valid();
        course.Write($"{folder}/skill.md", skillFile.Length > 0 ? skillFile : StarterFile(id));
        course.Write($"{folder}/01-mang/module.md", TempCourse.ModuleFile($"{id}-mang", order: 1));
        course.Write($"{folder}/01-mang/01-du-lieu.md", TempCourse.LessonFile($"{id}-du-lieu", order: 1));
        course.Write($"{folder}/01-mang/quiz.md", TempCourse.QuizFile(questions: 8, draw: 5));
        return course;
    }

    [Fact]
    public void LoadsTheStarterApartFromTheSkills()
    {
        using var course = WithStarter();

        var result = course.Load();

        Assert.False(result.HasErrors, string.Join('\n', result.Problems));
        var loaded = result.Course;
        var starter = Assert.IsType<Skill>(loaded.Starter);
        Assert.True(starter.IsStarter);
        Assert.Equal(0, starter.Order);
        Assert.Equal("ky-nang", Assert.Single(loaded.Skills).Id);
        Assert.DoesNotContain(loaded.Skills, s => s.IsStarter);
        // Its pages work like any skill's: found by id, its lessons have neighbours.
        Assert.Same(starter, loaded.FindSkill("bat-dau"));
        Assert.Equal("bat-dau", loaded.FindModule("bat-dau-mang")!.SkillId);
        var lesson = loaded.FindLesson("bat-dau-du-lieu")!;
        Assert.Equal((null, null), loaded.Neighbours(lesson));
        Assert.Equal("Bắt đầu với điện thoại", starter.ShortTitle);
        Assert.Empty(starter.ObservedTasks);
    }

    [Fact]
    public void ACourseWithoutAStarterHasNone()
    {
        using var course = TempCourse.Valid();

        Assert.Null(course.Load().Course.Starter);
    }

    [Fact]
    public void TheStarterIsNotASkillInTheStatsButItsLessonsAreLessons()
    {
        using var course = WithStarter();

        var stats = CourseStats.Of(course.Load().Course);

        Assert.Equal(1, stats.Skills);
        Assert.Equal(3, stats.Modules);
        Assert.Equal(5, stats.Lessons);
        Assert.Equal(2, stats.ObservedTasks);
    }

    [Fact]
    public void TheStarterEarnsNoCertificateAndCountsForNothing()
    {
        using var course = WithStarter();
        var loaded = course.Load().Course;
        var passedStarter = new LearnerEvidence([new Proof("bat-dau-mang", DateTime.UtcNow)], [], []);

        var counted = Earning.Counting(loaded, passedStarter, []);

        Assert.Empty(Earning.Unheld(loaded, Evidence.Quizzes, Earning.RequiredSkills(loaded, new CertificateOptions()), counted, []));
        Assert.Equal(["ky-nang"], Earning.RequiredSkills(loaded, new CertificateOptions()));
        var progress = new LearnerProgress(new HashSet<string> { "bat-dau-du-lieu" }, counted, [], Evidence.All).For(loaded, loaded.Starter!);
        Assert.True(progress.Missing.IsEmpty);
        Assert.Null(progress.Certificate);
        Assert.Equal(100, progress.Percent);
    }

    [Fact]
    public void PassingTheStartersQuizSendsTheLearnerToSkillOne()
    {
        using var course = WithStarter();
        var loaded = course.Load().Course;
        var counted = Earning.Counting(loaded, new LearnerEvidence([new Proof("bat-dau-mang", DateTime.UtcNow)], [], []), []);
        var learner = new LearnerProgress(new HashSet<string>(), counted, [], Evidence.All);

        var next = NextStep.After(loaded, learner, loaded.Starter!, "bat-dau-mang", []);

        Assert.Equal(NextStepKind.NextSkill, next.Kind);
        Assert.Equal("ky-nang", next.Skill.Id);
        Assert.False(next.IsLast);
    }

    [Fact]
    public void ShortIsOptionalAndNoObservedListIsNeeded()
    {
        using var course = WithStarter();

        Assert.DoesNotContain(course.Load().Problems, p => p.File == Folder + "/skill.md");
    }

    [Fact]
    public void AShortNameGivenToTheStarterStillFits()
    {
        using var course = WithStarter(skillFile: StarterFile(extra: "short: \"Bắt đầu với chiếc điện thoại thông minh\"\n"));

        var error = Assert.Single(course.Load().Problems, p => p.IsError);

        Assert.Equal((Folder + "/skill.md", 7), (error.File, error.Line));
        Assert.StartsWith("'short' has", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASecondStarterIsAnErrorAtItsLine()
    {
        using var course = WithStarter();
        course.Write("00-bat-dau-hai/skill.md", StarterFile("bat-dau-hai"));
        course.Write("00-bat-dau-hai/01-mang/module.md", TempCourse.ModuleFile("bat-dau-hai-mang", order: 1));
        course.Write("00-bat-dau-hai/01-mang/01-bai.md", TempCourse.LessonFile("bat-dau-hai-bai", order: 1));
        course.Write("00-bat-dau-hai/01-mang/quiz.md", TempCourse.QuizFile(questions: 8, draw: 5));

        var result = course.Load();

        var error = Assert.Single(result.Problems, p => p.IsError && p.Message.StartsWith("only one starter section", StringComparison.Ordinal));
        Assert.Equal(("00-bat-dau-hai/skill.md", 4), (error.File, error.Line));
        Assert.Contains("00-bat-dau/skill.md", error.Message, StringComparison.Ordinal);
        Assert.Same(Course.Empty, result.Course);
    }

    [Fact]
    public void OrderZeroWithoutStarterIsAnError()
    {
        using var course = TempCourse.Valid().Write(TempCourse.Skill + "/skill.md", TempCourse.SkillFile("ky-nang", order: 0));

        var error = Assert.Single(course.Load().Problems, p => p.IsError);

        Assert.Equal((TempCourse.Skill + "/skill.md", 4), (error.File, error.Line));
        Assert.StartsWith("order 0 is the starter section's", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheStarterHasOrderZero()
    {
        using var course = WithStarter(skillFile: StarterFile(order: "6"));

        var error = Assert.Single(course.Load().Problems, p => p.IsError);

        Assert.Equal((Folder + "/skill.md", 5), (error.File, error.Line));
        Assert.Equal("the starter section has order 0, not 6", error.Message);
    }

    [Fact]
    public void TheStarterHasNoObservedTasks()
    {
        using var course = WithStarter(skillFile: StarterFile(extra: "observed:\n  - id: viec-mot\n    title: Một\n"));

        var error = Assert.Single(course.Load().Problems, p => p.IsError);

        Assert.Equal((Folder + "/skill.md", 7), (error.File, error.Line));
        Assert.StartsWith("the starter section earns no certificate", error.Message, StringComparison.Ordinal);
    }
}
