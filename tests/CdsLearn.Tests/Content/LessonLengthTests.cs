using CdsLearn.Content;

namespace CdsLearn.Tests.Content;

/// <summary>Issue 17: a lesson is at most 450 words, the course's mean at most 380, counted as /work/notes/words.py
/// counts them (the writers measure with it).</summary>
public class LessonLengthTests
{
    private const string Lesson = TempCourse.Module + "/02-bai-hai.md";

    [Theory]
    [InlineData("Một hai ba.", 3)]
    [InlineData("## Thực hành\n\n1. Mở **VNeID** - rồi bấm.", 7)]
    [InlineData("Xem ảnh ![Màn hình có nút Đăng nhập ở giữa](hinh/dang-nhap.svg) ở đây.", 4)]
    [InlineData("Đọc [bài về mật khẩu](../02-mat-khau/01-mat-khau-manh.md) trước.", 6)]
    [InlineData("::: canh-bao\nKhông đọc mã OTP.\n:::", 4)]
    [InlineData("::: man-hinh Tin nhắn từ số lạ\n**Tin nhắn**\n:::", 2)]
    [InlineData("-- — … 123 a_b", 2)]
    public void CountsAsWordsPyDoes(string body, int words) => Assert.Equal(words, LessonLength.Count(body));

    [Fact]
    public void ALessonOf450WordsPassesAndOneOf451IsAnErrorAtItsFile()
    {
        using var ok = TempCourse.Valid().Write(Lesson, TempCourse.LessonFile("bai-hai", order: 2, body: Words(450 - 12)));
        Assert.False(ok.Load().HasErrors, string.Join('\n', ok.Load().Problems));

        using var course = TempCourse.Valid().Write(Lesson, TempCourse.LessonFile("bai-hai", order: 2, body: Words(451 - 12)));
        var errors = course.Load().Problems.Where(p => p.IsError).ToList();

        var error = Assert.Single(errors, e => e.File == Lesson);
        Assert.Equal(7, error.Line);
        Assert.StartsWith("the lesson has 451 words; a lesson has at most 450", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACourseWhoseMeanIsOver380IsAnErrorAtItsFirstLesson()
    {
        // A lesson is 12 words around its body. Three lessons of 440 and one of 15 average 333.75: fine. Four of 440 do not.
        using var fine = TempCourse.Valid();
        foreach (var (path, id, order) in new[] { (Lesson, "bai-hai", 2), ($"{TempCourse.OtherModule}/01-bai-ba.md", "bai-ba", 1), ($"{TempCourse.OtherModule}/02-bai-bon.md", "bai-bon", 2) })
        {
            fine.Write(path, TempCourse.LessonFile(id, order, body: Words(440 - 12)));
        }
        Assert.False(fine.Load().HasErrors, string.Join('\n', fine.Load().Problems));

        fine.Write($"{TempCourse.Module}/01-bai-mot.md", TempCourse.LessonFile("bai-mot", 1, body: Words(440 - 12)));
        var result = fine.Load();

        var error = Assert.Single(result.Problems, p => p.IsError);
        Assert.Equal(($"{TempCourse.Module}/01-bai-mot.md", 1), (error.File, error.Line));
        Assert.StartsWith("the course's lessons have 440 words on average; the mean is at most 380", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StatsGiveTheMeanRoundedAndTheLongest()
    {
        using var course = TempCourse.Valid()
            .Write(Lesson, TempCourse.LessonFile("bai-hai", order: 2, body: Words(100 - 12)))
            .Write($"{TempCourse.OtherModule}/01-bai-ba.md", TempCourse.LessonFile("bai-ba", 1, body: Words(17 - 12)));

        var stats = CourseStats.Of(course.Load().Course);

        // 15 + 100 + 17 + 15 = 147 words over 4 lessons: 36.75.
        Assert.Equal((37, 100), (stats.MeanLessonWords, stats.MaxLessonWords));
    }

    private static string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(i => i % 12 == 11 ? "chữ.\n" : "chữ"));
}
