using CdsLearn.Content;

namespace CdsLearn.Tests.Content;

public class CourseLoaderTests
{
    [Fact]
    public void LoadsAValidCourseWithoutErrors()
    {
        using var course = TempCourse.Valid();

        var result = course.Load();

        Assert.False(result.HasErrors, string.Join('\n', result.Problems));
        var skill = Assert.Single(result.Course.Skills);
        Assert.Equal("ky-nang", skill.Id);
        Assert.Equal("Kỹ năng ky-nang", skill.Title);
        Assert.Equal("Một câu giới thiệu.", skill.Summary);
        Assert.Contains("Giới thiệu kỹ năng.", skill.IntroHtml, StringComparison.Ordinal);
        Assert.Equal(["mo-dun", "mo-dun-khac"], skill.Modules.Select(m => m.Id));
        Assert.All(skill.Modules, m => Assert.Equal("ky-nang", m.SkillId));
        Assert.Equal(4, result.Course.LessonCount);
    }

    [Fact]
    public void BuildsLessonsFromTheirFrontMatterAndBody()
    {
        using var course = TempCourse.Valid()
            .Write($"{TempCourse.Module}/01-bai-mot.md", TempCourse.LessonFile("bai-mot", order: 1, minutes: 4, body: "Chị Mai ở **Thuận Châu**."));

        var lesson = course.Load().Course.FindLesson("bai-mot");

        Assert.NotNull(lesson);
        Assert.Equal("mo-dun", lesson.ModuleId);
        Assert.Equal("Bài bai-mot", lesson.Title);
        Assert.Equal(1, lesson.Order);
        Assert.Equal(4, lesson.Minutes);
        Assert.Contains("<strong>Thuận Châu</strong>", lesson.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("minutes:", lesson.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildsTheQuizPoolFromQuizMd()
    {
        using var course = TempCourse.Valid();

        var quiz = course.Load().Course.FindModule("mo-dun")!.Quiz;

        Assert.Equal("mo-dun", quiz.ModuleId);
        Assert.Equal(5, quiz.Draw);
        Assert.Null(quiz.PassPercent);
        Assert.Equal(Enumerable.Range(1, 8), quiz.Questions.Select(q => q.Number));
        var first = quiz.Questions[0];
        Assert.Equal("Câu hỏi số 1?", first.Text);
        Assert.Equal(["Chưa đúng", "Đúng"], first.Options.Select(o => o.Text));
        Assert.Equal([0, 1], first.Options.Select(o => o.Index));
        Assert.Equal([1], first.CorrectOptions);
        Assert.False(first.IsMultipleChoice);
        Assert.Equal("Giải thích câu 1.", first.Explanation);
    }

    [Fact]
    public void ReadsAMultipleChoiceQuestionWithItsScenarioAndPassMark()
    {
        using var course = TempCourse.Valid().Write($"{TempCourse.Module}/quiz.md", """
            ---
            draw: 1
            pass: 70
            ---

            ## 7. Những việc nào giúp bảo vệ tài khoản ngân hàng?

            Ông Lò Văn Sa vừa mở tài khoản **ngân hàng**.

            - [x] Đặt mã PIN khó đoán
            - [X] Không cho ai biết mã OTP
            - [ ] Dùng ngày sinh làm mật khẩu

            > Mã PIN và OTP là chìa khoá của tài khoản;
            > ngày sinh thì ai cũng đoán được.
            """);

        var result = course.Load();

        Assert.False(result.HasErrors, string.Join('\n', result.Problems));
        var quiz = result.Course.FindModule("mo-dun")!.Quiz;
        Assert.Equal(70, quiz.PassPercent);
        var question = Assert.Single(quiz.Questions);
        Assert.Same(question, quiz.FindQuestion(7));
        Assert.True(question.IsMultipleChoice);
        Assert.Equal([0, 1], question.CorrectOptions);
        Assert.Contains("<strong>ngân hàng</strong>", question.ScenarioHtml, StringComparison.Ordinal);
        Assert.Equal("Mã PIN và OTP là chìa khoá của tài khoản; ngày sinh thì ai cũng đoán được.", question.Explanation);
    }

    [Fact]
    public void OrdersSkillsModulesAndLessonsByTheirOrderNotTheirFileNames()
    {
        using var course = TempCourse.Empty()
            .Write("01-a/skill.md", TempCourse.SkillFile("ky-nang-sau", order: 2))
            .Write("01-a/01-m/module.md", TempCourse.ModuleFile("mo-dun-a", order: 1))
            .Write("01-a/01-m/01-x.md", TempCourse.LessonFile("bai-a1", order: 1))
            .Write("01-a/01-m/quiz.md", TempCourse.QuizFile(questions: 8, draw: 5))
            .Write("02-b/skill.md", TempCourse.SkillFile("ky-nang-truoc", order: 1))
            .Write("02-b/01-m/module.md", TempCourse.ModuleFile("mo-dun-sau", order: 2))
            .Write("02-b/01-m/01-x.md", TempCourse.LessonFile("bai-b1", order: 1))
            .Write("02-b/01-m/quiz.md", TempCourse.QuizFile(questions: 8, draw: 5))
            .Write("02-b/02-m/module.md", TempCourse.ModuleFile("mo-dun-truoc", order: 1))
            .Write("02-b/02-m/01-x.md", TempCourse.LessonFile("bai-thu-ba", order: 3))
            .Write("02-b/02-m/02-x.md", TempCourse.LessonFile("bai-thu-nhat", order: 1))
            .Write("02-b/02-m/03-x.md", TempCourse.LessonFile("bai-thu-hai", order: 2))
            .Write("02-b/02-m/quiz.md", TempCourse.QuizFile(questions: 8, draw: 5));

        var result = course.Load();

        Assert.False(result.HasErrors, string.Join('\n', result.Problems));
        Assert.Equal(["ky-nang-truoc", "ky-nang-sau"], result.Course.Skills.Select(s => s.Id));
        var first = result.Course.Skills[0];
        Assert.Equal(["mo-dun-truoc", "mo-dun-sau"], first.Modules.Select(m => m.Id));
        Assert.Equal(["bai-thu-nhat", "bai-thu-hai", "bai-thu-ba"], first.Modules[0].Lessons.Select(l => l.Id));
        Assert.Equal(["bai-thu-nhat", "bai-thu-hai", "bai-thu-ba", "bai-b1"], result.Course.LessonsOf(first).Select(l => l.Id));
    }

    [Fact]
    public void LinksBetweenLessonsLeadToTheSitePages()
    {
        using var course = TempCourse.Valid()
            .Write($"{TempCourse.Module}/hinh.svg", TempCourse.Svg)
            .Write($"{TempCourse.Module}/01-bai-mot.md", TempCourse.LessonFile("bai-mot", order: 1, body:
                "Xem [bài sau](02-bai-hai.md#thuc-hanh), [mô-đun khác](../02-mo-dun-khac/01-bai-ba.md), "
                + "[bài kiểm tra](quiz.md), [kỹ năng](../skill.md).\n\n![Màn hình ứng dụng với nút Ví giấy tờ](hinh.svg)"));

        var result = course.Load();

        Assert.False(result.HasErrors, string.Join('\n', result.Problems));
        var html = result.Course.FindLesson("bai-mot")!.Html;
        Assert.Contains("href=\"/bai-hoc/bai-hai#thuc-hanh\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/bai-hoc/bai-ba\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/kiem-tra/mo-dun\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/ky-nang/ky-nang\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/noi-dung/01-ky-nang/01-mo-dun/hinh.svg?v=", html, StringComparison.Ordinal);
    }

    [Fact]
    public void NeighboursRunAcrossTheModulesOfASkill()
    {
        using var course = TempCourse.Valid();
        var loaded = course.Load().Course;

        var (previous, next) = loaded.Neighbours(loaded.FindLesson("bai-hai")!);
        var (first, _) = loaded.Neighbours(loaded.FindLesson("bai-mot")!);
        var (_, last) = loaded.Neighbours(loaded.FindLesson("bai-bon")!);

        Assert.Equal("bai-mot", previous?.Id);
        Assert.Equal("bai-ba", next?.Id);
        Assert.Null(first);
        Assert.Null(last);
    }

    [Fact]
    public void StatsCountTheLoadedCourse()
    {
        using var course = TempCourse.Valid()
            .Write($"{TempCourse.OtherModule}/02-bai-bon.md", TempCourse.LessonFile("bai-bon", order: 2, minutes: 7));

        var stats = CourseStats.Of(course.Load().Course);

        Assert.Equal(new CourseStats(Skills: 1, Modules: 2, Lessons: 4, QuizQuestions: 16, ReadingMinutes: 3 + 3 + 3 + 7,
            LongestOptionRightPercent: 0, PracticeTasks: 0, ObservedTasks: 2,
            Images: 0, MeanLessonWords: 15, MaxLessonWords: 15, GlossaryTerms: 0), stats);
    }

    [Fact]
    public void ReportsAMissingFolder()
    {
        var missing = Path.Combine(Path.GetTempPath(), "cdslearn-tests", Guid.NewGuid().ToString("N"));

        var result = new CourseLoader(new MarkdownRenderer()).Load(missing);

        Assert.True(result.HasErrors);
        Assert.Empty(result.Course.Skills);
        Assert.Contains(result.Problems, p => p.File == missing && p.Message == "content folder not found");
    }
}
