using CdsLearn.Content;

namespace CdsLearn.Tests.Content;

/// <summary>A skill's real tasks shown to the team (front matter <c>observed:</c>): the loader builds them and the
/// linter points at the item's line when one is wrong.</summary>
public class ObservedTaskLintTests
{
    private const string SkillPath = TempCourse.Skill + "/skill.md";

    private static string SkillWith(string observed) =>
        "---\nid: ky-nang\ntitle: Kỹ năng\norder: 1\nsummary: Một câu.\n" + observed + "short: Kỹ năng\n---\n\nGiới thiệu.\n";

    [Fact]
    public void LoadsASkillsObservedTasksInOrder()
    {
        using var course = TempCourse.Valid();

        var result = course.Load();

        Assert.False(result.HasErrors, string.Join('\n', result.Problems));
        var skill = Assert.Single(result.Course.Skills);
        Assert.Equal(["ky-nang-viec-mot", "ky-nang-viec-hai"], skill.ObservedTasks.Select(t => t.Id));
        Assert.Equal("Việc thật thứ nhất", result.Course.FindObservedTask("ky-nang-viec-mot")!.Title);
        Assert.Equal("ky-nang", result.Course.FindObservedTask("ky-nang-viec-hai")!.SkillId);
        Assert.Null(result.Course.FindObservedTask("khong-co"));
        Assert.Equal(2, CourseStats.Of(result.Course).ObservedTasks);
    }

    [Fact]
    public void ReportsASkillWithFewerThanTwoObservedTasks()
    {
        using var course = TempCourse.Valid().Write(SkillPath, SkillWith("observed:\n  - id: viec-mot\n    title: Một\n"));

        var error = Assert.Single(course.Load().Problems, p => p.IsError);

        Assert.Equal((SkillPath, 6), (error.File, error.Line));
        Assert.StartsWith("the skill lists 1 observed tasks; a skill needs at least 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsASkillWithoutObservedTasks()
    {
        using var course = TempCourse.Valid().Write(SkillPath, SkillWith(""));

        var error = Assert.Single(course.Load().Problems, p => p.IsError);

        Assert.Equal((SkillPath, 1), (error.File, error.Line));
        Assert.StartsWith("the skill lists 0 observed tasks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsAnObservedTaskWithoutATitleOnItsLine()
    {
        using var course = TempCourse.Valid().Write(SkillPath,
            SkillWith("observed:\n  - id: viec-mot\n    title: Một\n  - id: viec-hai\n"));

        var error = Assert.Single(course.Load().Problems, p => p.IsError);

        Assert.Equal((SkillPath, 9), (error.File, error.Line));
        Assert.StartsWith("an observed task needs 'title'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Viec Mot")]
    [InlineData("")]
    public void ReportsAnObservedTaskWithABadId(string id)
    {
        using var course = TempCourse.Valid().Write(SkillPath,
            SkillWith($"observed:\n  - id: \"{id}\"\n    title: Một\n  - id: viec-hai\n    title: Hai\n"));

        var error = Assert.Single(course.Load().Problems, p => p.IsError);

        Assert.Equal((SkillPath, 7), (error.File, error.Line));
        Assert.StartsWith("an observed task needs 'id'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsAnObservedTaskIdUsedTwice()
    {
        using var course = TempCourse.Valid().Write(SkillPath,
            SkillWith("observed:\n  - id: viec-mot\n    title: Một\n  - id: viec-mot\n    title: Hai\n"));

        var error = Assert.Single(course.Load().Problems, p => p.IsError);

        Assert.Equal((SkillPath, 9), (error.File, error.Line));
        Assert.Equal($"id 'viec-mot' is already used by {SkillPath}", error.Message);
    }

    [Fact]
    public void ReportsAnObservedTaskIdThatIsALessonsId()
    {
        using var course = TempCourse.Valid().Write(SkillPath,
            SkillWith("observed:\n  - id: bai-mot\n    title: Một\n  - id: viec-hai\n    title: Hai\n"));

        var errors = course.Load().Problems.Where(p => p.IsError).ToList();

        // Skills are checked before their lessons, so the lesson is the one reported as the second user of the id.
        Assert.Contains(errors, e => e.Message == $"id 'bai-mot' is already used by {SkillPath}");
    }
}
