using System.Text;
using CdsLearn.Content;

namespace CdsLearn.Tests.Content;

/// <summary>The quiz style rules of issue 16, through the loader like the other lint rules: each test writes one
/// quiz into a valid course and expects exactly its problems, at the question's heading line.</summary>
public class QuizStyleTests
{
    private const string Quiz = TempCourse.Module + "/quiz.md";

    // 3 lines of front matter; question N's heading is then on line 5 + 8 × (N − 1) (see QuizOf).
    private static int HeadingLine(int number) => 5 + (8 * (number - 1));

    [Fact]
    public void FailsAQuizWhereTheRightOptionIsTheLongestInMoreThanFortyPercent()
    {
        // 4 of 8 single-answer questions (50 %) give the answer away by length.
        using var course = TempCourse.Valid().Write(Quiz, QuizOf(8, longestRight: [1, 3, 5, 7]));

        var errors = Errors(course.Load());

        Assert.Equal([HeadingLine(1), HeadingLine(3), HeadingLine(5), HeadingLine(7)], errors.Select(e => e.Line));
        Assert.All(errors, e => Assert.Equal(Quiz, e.File));
        Assert.Equal(
            "question 3: the right option is the longest; in this quiz 4 of 8 single-answer questions (50 %) give the answer away by length, at most 40 % may",
            errors[1].Message);
    }

    [Fact]
    public void AcceptsAQuizAtFortyPercentOrBelow()
    {
        // 3 of 8 (37.5 %), and in 10 questions 4 (40 %) is still allowed.
        using var course = TempCourse.Valid()
            .Write(Quiz, QuizOf(8, longestRight: [1, 3, 5]))
            .Write($"{TempCourse.OtherModule}/quiz.md", QuizOf(10, longestRight: [2, 4, 6, 8]));

        var result = course.Load();

        Assert.False(result.HasErrors, string.Join('\n', result.Problems));
    }

    [Fact]
    public void ATieIsNotTheLongestAndMultipleAnswerQuestionsDoNotCount()
    {
        using var course = TempCourse.Valid().Write(Quiz, """
            ---
            draw: 1
            ---

            ## 1. Câu một?

            - [ ] Cúp máy
            - [x] Gọi lại

            > Vì thế.
            """);
        var quiz = course.Load().Course.FindModule("mo-dun")!.Quiz;
        var multiple = new QuizQuestion(2, "Câu hai?", "", [new(0, "Đúng rồi, rất dài", true), new(1, "Cũng đúng", true), new(2, "Sai", false)], "Vì thế.");

        Assert.False(QuizStyle.RightOptionIsLongest(quiz.Questions[0]));
        Assert.False(QuizStyle.RightOptionIsLongest(multiple));
        Assert.Null(QuizStyle.LongestRightPercent([multiple]));
    }

    [Fact]
    public void DoesNotJudgeTheShareOfFewerThanFourSingleAnswerQuestions()
    {
        using var course = TempCourse.Valid().Write(Quiz, QuizOf(3, longestRight: [1, 2, 3], draw: 3));

        var result = course.Load();

        Assert.False(result.HasErrors, string.Join('\n', result.Problems));
    }

    [Theory]
    [InlineData("Tất cả đều đúng")]
    [InlineData("tất cả các đáp án trên")]
    [InlineData("Tất cả các ý trên đều đúng")]
    [InlineData("Cả A và B")]
    [InlineData("cả b lẫn c")]
    [InlineData("Các đáp án trên đều sai")]
    [InlineData("Không có đáp án nào đúng")]
    [InlineData("Tất cả")]
    public void RejectsAnOptionThatPointsAtTheOthers(string option)
    {
        using var course = TempCourse.Valid().Write(Quiz, $"""
            ---
            draw: 1
            ---

            ## 1. Câu một?

            - [ ] Cúp máy ngay
            - [ ] Gọi lại số đó
            - [x] {option}

            > Vì thế.
            """);

        var error = Assert.Single(Errors(course.Load()));

        Assert.Equal((Quiz, 5), (error.File, error.Line));
        Assert.StartsWith($"question 1: option \"{option}\" points at the other options", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Gõ lại tất cả cho chắc")]
    [InlineData("Cả nhà cùng xem")]
    [InlineData("Chụp đủ cả hai mặt thẻ")]
    public void AcceptsOrdinaryOptionsThatMentionAll(string option)
    {
        Assert.False(QuizStyle.PointsAtOthers(option));
    }

    [Fact]
    public void WarnsAboutAnOptionMuchLongerThanItsSiblings()
    {
        using var course = TempCourse.Valid().Write(Quiz, """
            ---
            draw: 1
            ---

            ## 1. Câu một?

            - [ ] Cúp máy
            - [ ] Gọi lại
            - [x] Cúp máy, rồi báo cho công an xã biết số điện thoại đó

            > Vì thế.

            ## 2. Câu hai?

            - [ ] Có
            - [x] Không

            > Vì thế.
            """);

        var result = course.Load();

        Assert.False(result.HasErrors, string.Join('\n', result.Problems));
        var warning = Assert.Single(result.Problems, p => p.File == Quiz && p.Message.StartsWith("question", StringComparison.Ordinal));
        Assert.Equal((5, false), (warning.Line, warning.IsError));
        Assert.StartsWith("question 1: option \"Cúp máy, rồi báo cho công an xã biết số…\" is much longer than the others", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsAProblemInADrawnScreenOnItsFileLine()
    {
        using var course = TempCourse.Valid().Write(Quiz, """
            ---
            draw: 1
            ---

            ## 1. Màn hình này có gì sai?

            ::: man-hinh
            **Tin nhắn từ 0912 345 678**

            Bấm [vào đây](https://ke-gian.example) để nhận quà.
            :::

            - [ ] Không có gì sai
            - [x] Có đường link lạ

            > Vì thế.
            """);

        var errors = Errors(course.Load());

        Assert.Equal(
            [
                (Quiz, 7, "a drawn screen needs a description for screen readers: '::: man-hinh Mô tả màn hình'"),
                (Quiz, 10, "a drawn screen holds no links or images: write an address as plain text"),
            ],
            errors.Select(e => (e.File, e.Line, e.Message)));
    }

    [Fact]
    public void RendersADrawnScreenWithItsDescriptionAndParagraphs()
    {
        using var course = TempCourse.Valid().Write(Quiz, """
            ---
            draw: 1
            ---

            ## 1. Bạn bấm vào đâu tiếp theo?

            ::: man-hinh Tin nhắn từ số lạ báo trúng thưởng, có hai nút: Trả lời và Chặn
            **Tin nhắn từ 0912 345 678**

            Chúc mừng <b>bạn</b> trúng thưởng.

            - Trả lời
            - Chặn
            :::

            - [ ] Trả lời
            - [x] Chặn

            > Vì thế.
            """);

        var result = course.Load();

        Assert.False(result.HasErrors, string.Join('\n', result.Problems));
        var html = result.Course.FindModule("mo-dun")!.Quiz.Questions[0].ScenarioHtml;
        Assert.StartsWith("<figure class=\"screen\"><figcaption class=\"visually-hidden\">Hình vẽ màn hình điện thoại: Tin nhắn từ số lạ báo trúng thưởng, có hai nút: Trả lời và Chặn</figcaption>", html, StringComparison.Ordinal);
        Assert.Contains("<p><strong>Tin nhắn từ 0912 345 678</strong></p>", html, StringComparison.Ordinal);
        Assert.Contains("<li>Chặn</li>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
    }

    /// <summary>A quiz of single-answer questions; in those listed the right option is the longest, in the others
    /// it is the shortest (never by much: the long-option rule stays quiet).</summary>
    private static string QuizOf(int questions, int[] longestRight, int draw = 5)
    {
        var text = new StringBuilder($"---\ndraw: {draw}\n---\n");
        for (var n = 1; n <= questions; n++)
        {
            var right = longestRight.Contains(n) ? "Cúp máy rồi báo công an" : "Cúp máy";
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"\n## {n}. Câu hỏi số {n}?\n\n- [ ] Gọi lại để hỏi\n- [x] {right}\n- [ ] Làm theo lời họ\n\n> Giải thích câu {n}.\n");
        }
        return text.ToString();
    }

    private static List<ContentProblem> Errors(ContentLoadResult result) => result.Problems.Where(p => p.IsError).ToList();
}
