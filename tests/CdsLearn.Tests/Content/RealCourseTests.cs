using CdsLearn.Content;

namespace CdsLearn.Tests.Content;

/// <summary>The course in the repository's content/ folder, as the site will load it.</summary>
public class RealCourseTests
{
    private static readonly Lazy<ContentLoadResult> Loaded = new(() => new CourseLoader(new MarkdownRenderer()).Load(RepositoryContent.Folder));

    [Fact]
    public void LintsWithoutErrors()
    {
        var errors = Loaded.Value.Problems.Where(p => p.IsError).Select(p => p.ToString()).ToList();

        Assert.True(errors.Count == 0, "content/ has errors:\n" + string.Join('\n', errors));
    }

    [Fact]
    public void MeetsEveryStyleRule()
    {
        // Length, the practice task and the summary, quiz pool size, alt text: warnings for a draft, but the
        // course as published has none.
        var warnings = Loaded.Value.Problems.Where(p => !p.IsError).ToList();
        Assert.True(warnings.Count == 0, "content/ has warnings:\n" + string.Join('\n', warnings));
    }

    [Fact]
    public void EverySkillHasThreeModulesOfThreeLessonsAndAQuizPoolOfEight()
    {
        var course = Loaded.Value.Course;
        var modules = course.Skills.SelectMany(s => s.Modules).ToList();
        Assert.All(course.Skills, s => Assert.True(s.Modules.Count >= 3, $"{s.Id} has {s.Modules.Count} modules"));
        Assert.All(modules, m =>
        {
            Assert.True(m.Lessons.Count >= 3, $"{m.Id} has {m.Lessons.Count} lessons");
            Assert.True(m.Quiz.Questions.Count >= 8, $"{m.Id}'s quiz pool holds {m.Quiz.Questions.Count} questions");
            Assert.All(m.Quiz.Questions, q => Assert.False(string.IsNullOrWhiteSpace(q.Explanation), $"{m.Id} question {q.Number} has no explanation"));
        });
        Assert.True(course.LessonCount >= 45, $"the course has {course.LessonCount} lessons");
    }

    [Fact]
    public void HasTheFiveSkillsInOrder()
    {
        var skills = Loaded.Value.Course.Skills;

        Assert.Equal(["dich-vu-cong", "mua-sam", "thanh-toan", "an-toan-mang", "nen-tang-so"], skills.Select(s => s.Id));
        Assert.Equal([1, 2, 3, 4, 5], skills.Select(s => s.Order));
        Assert.All(skills, s => Assert.NotEmpty(s.Modules));
    }

    [Fact]
    public void OnlineSafetyHasAtLeastThreeFullModules()
    {
        var skill = Loaded.Value.Course.FindSkill("an-toan-mang");

        Assert.NotNull(skill);
        Assert.True(skill.Modules.Count >= 3, $"an-toan-mang has {skill.Modules.Count} modules");
        Assert.All(skill.Modules, m =>
        {
            Assert.True(m.Lessons.Count >= 3, $"{m.Id} has {m.Lessons.Count} lessons");
            Assert.True(m.Quiz.Questions.Count >= 8, $"{m.Id}'s quiz pool holds {m.Quiz.Questions.Count} questions");
        });
    }

    [Fact]
    public void EveryQuizCanDrawFromItsPool()
    {
        var modules = Loaded.Value.Course.Skills.SelectMany(s => s.Modules).ToList();

        Assert.NotEmpty(modules);
        Assert.All(modules, m =>
        {
            Assert.InRange(m.Quiz.Draw, 1, m.Quiz.Questions.Count);
            Assert.All(m.Quiz.Questions, q => Assert.Contains(q.Options, o => o.IsCorrect));
        });
    }

    [Fact]
    public void EveryQuizHasTwelveQuestionsThreeDrawnScreensAndFewGiveawaysByLength()
    {
        var modules = Loaded.Value.Course.Skills.SelectMany(s => s.Modules).ToList();

        Assert.NotEmpty(modules);
        Assert.All(modules, m =>
        {
            Assert.True(m.Quiz.Questions.Count >= 12, $"{m.Id}'s quiz pool holds {m.Quiz.Questions.Count} questions");
            var screens = m.Quiz.Questions.Count(q => q.ScenarioHtml.Contains("<figure class=\"screen\">", StringComparison.Ordinal));
            Assert.True(screens >= 3, $"{m.Id} has {screens} questions on a drawn screen");
            Assert.True(QuizStyle.LongestRightPercent(m.Quiz.Questions) <= 30, $"{m.Id}: right option longest in {QuizStyle.LongestRightPercent(m.Quiz.Questions)} %");
        });
        Assert.True(CourseStats.Of(Loaded.Value.Course).LongestOptionRightPercent <= 30);
    }
}
