using CdsLearn.Content;

namespace CdsLearn.Tests.Content;

/// <summary>A skill's short name (front matter <c>short:</c>), used where space is short: required, and short.</summary>
public class ShortTitleLintTests
{
    private const string SkillPath = TempCourse.Skill + "/skill.md";

    private static string SkillWith(string shortLine) =>
        "---\nid: ky-nang\ntitle: Tự bảo vệ mình trên không gian mạng\norder: 1\nsummary: Một câu.\n" + shortLine
        + "observed:\n  - id: viec-mot\n    title: Một\n  - id: viec-hai\n    title: Hai\n---\n\nGiới thiệu.\n";

    [Fact]
    public void LoadsASkillsShortName()
    {
        using var course = TempCourse.Valid().Write(SkillPath, SkillWith("short: \"An toàn trên mạng\"\n"));

        var result = course.Load();

        Assert.False(result.HasErrors, string.Join('\n', result.Problems));
        var skill = Assert.Single(result.Course.Skills);
        Assert.Equal("An toàn trên mạng", skill.ShortTitle);
        Assert.Equal("Tự bảo vệ mình trên không gian mạng", skill.Title);
        Assert.True(skill.HasOtherShortTitle);
    }

    [Fact]
    public void ReportsASkillWithoutAShortName()
    {
        using var course = TempCourse.Valid().Write(SkillPath, SkillWith(""));

        var error = Assert.Single(course.Load().Problems, p => p.IsError);

        Assert.Equal((SkillPath, 1), (error.File, error.Line));
        Assert.StartsWith("front matter needs 'short'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsAnEmptyShortName()
    {
        using var course = TempCourse.Valid().Write(SkillPath, SkillWith("short: \"  \"\n"));

        var error = Assert.Single(course.Load().Problems, p => p.IsError);

        Assert.Equal((SkillPath, 6), (error.File, error.Line));
        Assert.StartsWith("front matter needs 'short'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsAShortNameTooLongOnItsLine()
    {
        using var course = TempCourse.Valid().Write(SkillPath, SkillWith("short: \"Tự bảo vệ mình trên mạng xã hội\"\n"));

        var error = Assert.Single(course.Load().Problems, p => p.IsError);

        Assert.Equal((SkillPath, 6), (error.File, error.Line));
        Assert.Equal($"'short' has 31 characters; a skill's short name has at most {CourseLoader.MaxShortTitleLength}", error.Message);
    }

    [Fact]
    public void AcceptsAShortNameOfTheMaximumLength()
    {
        using var course = TempCourse.Valid().Write(SkillPath, SkillWith($"short: \"{new string('a', CourseLoader.MaxShortTitleLength)}\"\n"));

        Assert.DoesNotContain(course.Load().Problems, p => p.IsError);
    }

    [Fact]
    public void EverySkillOfTheRealCourseHasAShortName()
    {
        var course = new CourseLoader(new MarkdownRenderer()).Load(RepositoryContent.Folder).Course;

        Assert.Equal("An toàn trên mạng", course.FindSkill("an-toan-mang")!.ShortTitle);
        Assert.All(course.Skills, s => Assert.InRange(s.ShortTitle.Length, 1, CourseLoader.MaxShortTitleLength));
    }
}
