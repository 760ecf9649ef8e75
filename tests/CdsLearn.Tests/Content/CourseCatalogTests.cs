using CdsLearn.Content;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CdsLearn.Tests.Content;

public class CourseCatalogTests
{
    [Fact]
    public void ABrokenCourseStopsTheStart()
    {
        using var course = TempCourse.Valid().Delete(TempCourse.Module + "/quiz.md");
        Assert.Throws<InvalidOperationException>(() => Catalog(course, watch: false));
    }

    [Fact]
    public async Task WhenWatchingAnEditedLessonIsReloadedAndABrokenEditKeepsTheLastGoodCourse()
    {
        using var course = TempCourse.Valid();
        using var catalog = Catalog(course, watch: true);
        var lesson = catalog.Current.Skills[0].Modules[0].Lessons[0];
        var file = Directory.GetFiles(Path.Combine(course.Root, TempCourse.Module), "*.md").Order(StringComparer.Ordinal)
            .First(f => File.ReadAllText(f).Contains($"id: {lesson.Id}", StringComparison.Ordinal));

        File.WriteAllText(file, File.ReadAllText(file).Replace($"title: \"Bài {lesson.Id}\"", "title: \"Tên mới\"", StringComparison.Ordinal));
        await WaitForAsync(() => catalog.Current.FindLesson(lesson.Id)!.Title == "Tên mới");

        var good = catalog.Current;
        File.WriteAllText(Path.Combine(course.Root, TempCourse.Module, "quiz.md"), "---\ndraw: 5\n---\n");
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        Assert.Same(good, catalog.Current);
    }

    private static CourseCatalog Catalog(TempCourse course, bool watch) => new(
        Options.Create(new ContentOptions { Folder = course.Root, Watch = watch }),
        new CourseLoader(new MarkdownRenderer()),
        NullLogger<CourseCatalog>.Instance);

    /// <summary>Polls for up to 10 s: file watching is asynchronous, and a slow CI machine must not fail the test.</summary>
    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        Assert.True(condition(), "the course was not reloaded within 10 s");
    }
}
