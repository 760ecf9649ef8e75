using CdsLearn.Content;

namespace CdsLearn.Tests.Content;

/// <summary>The linter's side of the loader: each test breaks one file of a valid course and expects the problem
/// at that file and line, and nothing else.</summary>
public class CourseLoaderProblemTests
{
    private const string Lesson = TempCourse.Module + "/02-bai-hai.md";
    private const string Quiz = TempCourse.Module + "/quiz.md";

    [Fact]
    public void ReportsALessonWithoutFrontMatter()
    {
        using var course = TempCourse.Valid().Write(Lesson, "Bài này quên phần đầu.\n");

        var error = SingleError(course.Load());

        Assert.Equal((Lesson, 1), (error.File, error.Line));
        Assert.Equal("the file must start with front matter between two '---' lines", error.Message);
    }

    [Fact]
    public void ReportsAnEmptyFile()
    {
        using var course = TempCourse.Valid().Write(Lesson, "");

        var error = SingleError(course.Load());

        Assert.Equal((Lesson, 1), (error.File, error.Line));
        Assert.StartsWith("the file must start with front matter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsFrontMatterThatIsNeverClosed()
    {
        using var course = TempCourse.Valid().Write(Lesson, "---\nid: bai-hai\ntitle: Bài hai\norder: 2\nminutes: 3\n\nNội dung.\n");

        var error = SingleError(course.Load());

        Assert.Equal((Lesson, 1), (error.File, error.Line));
        Assert.Equal("front matter is not closed by a '---' line", error.Message);
    }

    [Theory]
    [InlineData("---\nid: bai-hai\ntitle: Bài hai\norder: hai\nminutes: 3\n---\n\nNội dung.\n", 4)]
    [InlineData("---\nid: bai-hai\ntitle: Bài hai\norder: 2\nminutes: 3: 4\n---\n\nNội dung.\n", 5)]
    [InlineData("---\nid: bai-hai\ntitle: Bài hai\ntac-gia: Lò Văn Sa\norder: 2\nminutes: 3\n---\n\nNội dung.\n", 4)]
    [InlineData("---\nid: bai-hai\n  title: Bài hai\norder: 2\nminutes: 3\n---\n\nNội dung.\n", 3)]
    public void ReportsBadFrontMatterOnItsLine(string text, int line)
    {
        using var course = TempCourse.Valid().Write(Lesson, text);

        var error = SingleError(course.Load());

        Assert.Equal((Lesson, line), (error.File, error.Line));
        Assert.StartsWith("bad front matter: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsALessonMissingItsRequiredFields()
    {
        using var course = TempCourse.Valid().Write(Lesson, "---\nid: bai-hai\n---\n\nNội dung.\n");

        var errors = Errors(course.Load());

        Assert.All(errors, e => Assert.Equal((Lesson, 1), (e.File, e.Line)));
        Assert.Equal(
            ["front matter needs 'minutes' (reading time, 1–10)", "front matter needs 'order'", "front matter needs 'title'"],
            errors.Select(e => e.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ReportsALessonWithoutAnId()
    {
        using var course = TempCourse.Valid().Write(Lesson, "---\ntitle: Bài hai\norder: 2\nminutes: 3\n---\n\nNội dung.\n");

        var error = SingleError(course.Load());

        Assert.Equal((Lesson, 1), (error.File, error.Line));
        Assert.Equal("front matter needs 'id': lower-case letters, digits and '-'", error.Message);
    }

    [Theory]
    [InlineData("Bai-Hai")]
    [InlineData("bai_hai")]
    [InlineData("bai--hai")]
    [InlineData("-bai-hai")]
    [InlineData("bài-hai")]
    public void RejectsAnIdThatIsNotLowerCaseLettersDigitsAndDashes(string id)
    {
        using var course = TempCourse.Valid().Write(Lesson, TempCourse.LessonFile(id, order: 2));

        var error = SingleError(course.Load());

        Assert.Equal((Lesson, 1), (error.File, error.Line));
        Assert.StartsWith("front matter needs 'id'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void RejectsAReadingTimeOutsideOneToTenMinutes(int minutes)
    {
        using var course = TempCourse.Valid().Write(Lesson, TempCourse.LessonFile("bai-hai", order: 2, minutes: minutes));

        var error = SingleError(course.Load());

        Assert.Equal((Lesson, 1), (error.File, error.Line));
        Assert.Equal("front matter needs 'minutes' (reading time, 1–10)", error.Message);
    }

    [Fact]
    public void ReportsASkillWithoutASummary()
    {
        using var course = TempCourse.Valid()
            .Write($"{TempCourse.Skill}/skill.md", "---\nid: ky-nang\ntitle: Kỹ năng\norder: 1\nobserved:\n  - id: viec-mot\n    title: Một\n  - id: viec-hai\n    title: Hai\nshort: Kỹ năng\n---\n\nGiới thiệu.\n");

        var error = SingleError(course.Load());

        Assert.Equal(($"{TempCourse.Skill}/skill.md", 1), (error.File, error.Line));
        Assert.Equal("front matter needs 'summary'", error.Message);
    }

    [Fact]
    public void ReportsALessonIdAlreadyUsedInAnotherModule()
    {
        const string duplicate = TempCourse.OtherModule + "/02-bai-bon.md";
        using var course = TempCourse.Valid().Write(duplicate, TempCourse.LessonFile("bai-mot", order: 2));

        var error = SingleError(course.Load());

        Assert.Equal((duplicate, 1), (error.File, error.Line));
        Assert.Equal($"id 'bai-mot' is already used by {TempCourse.Module}/01-bai-mot.md", error.Message);
    }

    [Fact]
    public void ReportsALessonIdAlreadyUsedByAModule()
    {
        const string duplicate = TempCourse.OtherModule + "/02-bai-bon.md";
        using var course = TempCourse.Valid().Write(duplicate, TempCourse.LessonFile("mo-dun", order: 2));

        var error = SingleError(course.Load());

        Assert.Equal((duplicate, 1), (error.File, error.Line));
        Assert.Equal($"id 'mo-dun' is already used by {TempCourse.Module}/module.md", error.Message);
    }

    [Fact]
    public void ReportsTheLaterOfTwoFilesSharingAnIdInReadingOrder()
    {
        // Module 1's lessons are read before module 2's front matter, so the module is the one reported.
        using var course = TempCourse.Valid().Write(Lesson, TempCourse.LessonFile("mo-dun-khac", order: 2));

        var error = SingleError(course.Load());

        Assert.Equal(($"{TempCourse.OtherModule}/module.md", 1), (error.File, error.Line));
        Assert.Equal($"id 'mo-dun-khac' is already used by {Lesson}", error.Message);
    }

    [Fact]
    public void ReportsTwoLessonsWithTheSameOrder()
    {
        using var course = TempCourse.Valid().Write(Lesson, TempCourse.LessonFile("bai-hai", order: 1));

        var error = SingleError(course.Load());

        Assert.Equal((Lesson, 1), (error.File, error.Line));
        Assert.Equal($"order 1 is also used by {TempCourse.Module}/01-bai-mot.md", error.Message);
    }

    [Fact]
    public void ReportsAQuizQuestionWithoutACorrectAnswer()
    {
        using var course = TempCourse.Valid().Write(Quiz, """
            ---
            draw: 1
            ---

            ## 1. Câu một?

            - [ ] Sai
            - [x] Đúng

            > Vì thế.

            ## 2. Câu hai?

            - [ ] Sai
            - [ ] Cũng sai

            > Vì thế.
            """);

        var error = SingleError(course.Load());

        Assert.Equal((Quiz, 12), (error.File, error.Line));
        Assert.Equal("question 2 has no correct answer ('- [x] ')", error.Message);
    }

    [Fact]
    public void ReportsEachBrokenQuestionOnItsOwnHeading()
    {
        using var course = TempCourse.Valid().Write(Quiz, """
            ---
            draw: 1
            ---

            ## 1. Chỉ có một lựa chọn?

            - [x] Đúng

            > Vì thế.

            ## 2. Lựa chọn nào cũng đúng?

            - [x] Đúng
            - [x] Cũng đúng

            > Vì thế.

            ## 1. Số câu dùng lại?

            - [ ] Sai
            - [x] Đúng
            """);

        var errors = Errors(course.Load());

        Assert.Equal(
            [
                (Quiz, 5, "question 1 has 1 options; it needs 2 to 6"),
                (Quiz, 5, "question 1: every option is marked correct"),
                (Quiz, 5, "question number 1 is used twice"),
                (Quiz, 11, "question 2: every option is marked correct"),
                (Quiz, 18, "question 1 has no explanation ('> ' lines after the options)"),
                (Quiz, 18, "question number 1 is used twice"),
            ],
            errors.Select(e => (e.File, e.Line, e.Message)).Order());
    }

    [Fact]
    public void ReportsAQuestionHeadingWithoutANumber()
    {
        using var course = TempCourse.Valid().Write(Quiz,
            TempCourse.QuizFile(questions: 8, draw: 5) + "\n## Câu không đánh số\n\n- [ ] Sai\n- [x] Đúng\n\n> Vì thế.\n");

        var errors = Errors(course.Load());

        // 3 lines of front matter, then 8 questions of 7 lines each, then a blank line.
        Assert.Contains((Quiz, 3 + (8 * 7) + 2, "a question starts with '## N. ' followed by the question"),
            errors.Select(e => (e.File, e.Line, e.Message)));
    }

    [Fact]
    public void ReportsAnOptionAfterTheExplanation()
    {
        using var course = TempCourse.Valid().Write(Quiz, "---\ndraw: 1\n---\n\n## 1. Câu một?\n\n- [ ] Sai\n> Vì thế.\n- [x] Đúng\n");

        var error = SingleError(course.Load());

        Assert.Equal((Quiz, 9), (error.File, error.Line));
        Assert.StartsWith("an option after the explanation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsAQuizWithFewerQuestionsThanItDraws()
    {
        using var course = TempCourse.Valid().Write(Quiz, TempCourse.QuizFile(questions: 3, draw: 5));

        var error = SingleError(course.Load());

        Assert.Equal((Quiz, 1), (error.File, error.Line));
        Assert.Equal("the pool holds 3 questions, fewer than draw: 5", error.Message);
    }

    [Fact]
    public void ReportsAQuizWithoutDraw()
    {
        using var course = TempCourse.Valid().Write(Quiz, TempCourse.QuizFile(questions: 8, draw: 5).Replace("draw: 5", "pass: 80", StringComparison.Ordinal));

        var error = SingleError(course.Load());

        Assert.Equal((Quiz, 1), (error.File, error.Line));
        Assert.Equal("front matter needs 'draw': how many questions one attempt shows", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void RejectsAPassMarkOutsideOneToAHundred(int pass)
    {
        using var course = TempCourse.Valid().Write(Quiz, TempCourse.QuizFile(questions: 8, draw: 5).Replace("draw: 5", $"draw: 5\npass: {pass}", StringComparison.Ordinal));

        var error = SingleError(course.Load());

        Assert.Equal((Quiz, 1), (error.File, error.Line));
        Assert.Equal("'pass' is a percentage from 1 to 100", error.Message);
    }

    [Fact]
    public void WarnsButDoesNotFailAPoolSmallerThanEight()
    {
        using var course = TempCourse.Valid().Write(Quiz, TempCourse.QuizFile(questions: 7, draw: 5));

        var result = course.Load();

        Assert.False(result.HasErrors, string.Join('\n', result.Problems));
        Assert.Contains(result.Problems, p => p is { File: Quiz, Line: 1, IsError: false }
            && p.Message == "the pool holds 7 questions; a quiz needs at least 8");
    }

    [Fact]
    public void ReportsAMissingQuiz()
    {
        using var course = TempCourse.Valid().Delete(Quiz);

        var error = SingleError(course.Load());

        Assert.Equal((Quiz, 0), (error.File, error.Line));
        Assert.Equal("missing quiz.md", error.Message);
    }

    [Fact]
    public void ReportsAModuleWithoutLessons()
    {
        using var course = TempCourse.Valid().Delete($"{TempCourse.OtherModule}/01-bai-ba.md").Delete($"{TempCourse.OtherModule}/02-bai-bon.md");

        var error = SingleError(course.Load());

        Assert.Equal(($"{TempCourse.OtherModule}/module.md", 1), (error.File, error.Line));
        Assert.Equal("the module has no lessons", error.Message);
    }

    [Fact]
    public void ReportsABrokenLinkToALessonOnItsLine()
    {
        // The body starts on line 8 of a lesson file (see TempCourse.LessonFile).
        using var course = TempCourse.Valid().Write(Lesson, TempCourse.LessonFile("bai-hai", order: 2, body: """
            Muốn biết thêm, đọc
            [bài về mật khẩu](../02-mat-khau/01-mat-khau-manh.md) trước.

            1. Mở ứng dụng.
            2. Xem lại [bài một](01-bai-mot.md) và [bài cũ](01-bai-cu.md).
            """));

        var errors = Errors(course.Load());

        Assert.Equal(
            [
                (Lesson, 9, "link '../02-mat-khau/01-mat-khau-manh.md' leads to no file of the course"),
                (Lesson, 12, "link '01-bai-cu.md' leads to no file of the course"),
            ],
            errors.Select(e => (e.File, e.Line, e.Message)));
    }

    [Fact]
    public void ReportsAPictureThatIsNotThere()
    {
        using var course = TempCourse.Valid().Write(Lesson, TempCourse.LessonFile("bai-hai", order: 2, body: "![Màn hình VNeID với nút Đăng nhập](anh/vneid.png)"));

        var error = SingleError(course.Load());

        Assert.Equal((Lesson, 8), (error.File, error.Line));
        Assert.Equal("link 'anh/vneid.png' leads to no file of the course", error.Message);
    }

    [Fact]
    public void ReportsAnImageWithoutADescriptionOnItsFileLine()
    {
        using var course = TempCourse.Valid()
            .Write($"{TempCourse.Module}/hinh.svg", TempCourse.Svg)
            .Write(Lesson, TempCourse.LessonFile("bai-hai", order: 2, body: "Xem ảnh:\n\n![](hinh.svg)"));

        var error = SingleError(course.Load());

        Assert.Equal((Lesson, 10), (error.File, error.Line));
        Assert.StartsWith("an image needs a description", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsAnUnknownCalloutOnItsFileLine()
    {
        using var course = TempCourse.Valid().Write(Lesson, TempCourse.LessonFile("bai-hai", order: 2, body: "Mở đầu.\n\n::: nguy-hiem\nCẩn thận.\n:::"));

        var error = SingleError(course.Load());

        Assert.Equal((Lesson, 10), (error.File, error.Line));
        Assert.StartsWith("unknown callout 'nguy-hiem'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WarnsAboutRawHtmlInALessonOnItsLine()
    {
        using var course = TempCourse.Valid().Write(Lesson, TempCourse.LessonFile("bai-hai", order: 2, body: "Mở đầu.\n\nBấm <b>vào đây</b>."));

        var result = course.Load();

        Assert.False(result.HasErrors, string.Join('\n', result.Problems));
        Assert.Contains(result.Problems, p => p is { File: Lesson, Line: 10, IsError: false, Message: "raw HTML is not allowed in lessons" });
    }

    [Fact]
    public void WarnsAboutALessonWithoutPracticeOrTakeaway()
    {
        using var course = TempCourse.Valid().Write(Lesson, "---\nid: bai-hai\ntitle: Bài hai\norder: 2\nminutes: 3\n---\n\nChỉ một đoạn.\n");

        var warnings = course.Load().Problems.Where(p => p is { File: Lesson, IsError: false }).Select(p => (p.Line, p.Message)).ToList();

        Assert.Contains((7, "the lesson needs a '## Thực hành' section (a practice task)"), warnings);
        Assert.Contains((7, "the lesson ends with a '## Ghi nhớ' section (one line to remember)"), warnings);
    }

    [Fact]
    public void ACourseWithErrorsIsNotUsable()
    {
        using var course = TempCourse.Valid().Write(Quiz, TempCourse.QuizFile(questions: 3, draw: 5));

        var result = course.Load();

        Assert.True(result.HasErrors);
        Assert.Empty(result.Course.Skills);
    }

    [Fact]
    public void ListsProblemsByFileThenLine()
    {
        using var course = TempCourse.Valid()
            .Write(Quiz, TempCourse.QuizFile(questions: 3, draw: 5))
            .Write(Lesson, "---\nid: bai-hai\n---\n\n[x](khong-co.md)\n");

        var problems = course.Load().Problems;

        Assert.Equal(
            problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).Select(p => p.ToString()),
            problems.Select(p => p.ToString()));
        Assert.Contains($"{Lesson}:5: link 'khong-co.md' leads to no file of the course", problems.Select(p => p.ToString()));
    }

    private static List<ContentProblem> Errors(ContentLoadResult result) => result.Problems.Where(p => p.IsError).ToList();

    private static ContentProblem SingleError(ContentLoadResult result)
    {
        var errors = Errors(result);
        Assert.True(errors.Count == 1, $"expected exactly one error, got:\n{string.Join('\n', errors)}");
        return errors[0];
    }
}
