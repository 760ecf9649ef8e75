using AngleSharp.Dom;
using Bunit;
using CdsLearn.Content;
using CdsLearn.Learning;
using CdsLearn.Web.Components;

namespace CdsLearn.Web.Tests.Components;

public class QuizQuestionViewTests : BunitContext
{
    private const string Explanation = "Ngân hàng không bao giờ hỏi mã OTP qua điện thoại.";

    private static readonly string[] OptionTexts =
        ["Đọc mã OTP cho họ", "Cúp máy và gọi tổng đài ngân hàng", "Gửi ảnh căn cước", "Báo cho người thân"];

    /// <summary>A question on the options above; the options at <paramref name="correct"/> are the right ones.</summary>
    private static QuizQuestion Question(int number, params int[] correct) => new(
        number, "Có người gọi tự xưng nhân viên ngân hàng và xin mã OTP. Bạn làm gì?",
        "<p class=\"call\">Cuộc gọi từ số lạ</p>",
        [.. OptionTexts.Select((text, i) => new QuizOption(i, text, correct.Contains(i)))],
        Explanation);

    private IRenderedComponent<QuizQuestionView> Answering(QuizQuestion question, int[] order, int[]? chosen = null) =>
        Render<QuizQuestionView>(p => p
            .Add(v => v.Question, question)
            .Add(v => v.Position, 3)
            .Add(v => v.OptionOrder, order)
            .Add(v => v.Chosen, chosen ?? []));

    private IRenderedComponent<QuizQuestionView> Graded(QuizQuestion question, int[] order, int[] chosen, bool isCorrect) =>
        Render<QuizQuestionView>(p => p
            .Add(v => v.Question, question)
            .Add(v => v.Position, 3)
            .Add(v => v.OptionOrder, order)
            .Add(v => v.Chosen, chosen)
            .Add(v => v.Graded, new SheetQuestion(question.Number, order, chosen, isCorrect)));

    private static string LabelOf(IElement input) => input.ParentElement!.QuerySelector("span")!.TextContent;

    [Fact]
    public void ShowsThePositionTheTextAndTheScenario()
    {
        var view = Answering(Question(7, 1), [0, 1, 2, 3]);

        var legend = view.Find("legend").TextContent;
        Assert.StartsWith("Câu 3.", legend, StringComparison.Ordinal);
        Assert.Contains("xin mã OTP", legend, StringComparison.Ordinal);
        Assert.Equal("Cuộc gọi từ số lạ", view.Find(".scenario p.call").TextContent);
    }

    [Fact]
    public void ShowsADrawnScreenWithItsDescriptionForScreenReaders()
    {
        var screen = new MarkdownRenderer().Render(
            "::: man-hinh Tin nhắn từ số lạ báo trúng thưởng, có nút Trả lời\n**Tin nhắn · 0912 345 678**\n\nBạn trúng thưởng.\n\n- Trả lời\n:::").Html;

        var view = Answering(Question(7, 1) with { ScenarioHtml = screen }, [0, 1, 2, 3]);

        var figure = view.Find(".scenario figure.screen");
        Assert.Equal("Hình vẽ màn hình điện thoại: Tin nhắn từ số lạ báo trúng thưởng, có nút Trả lời",
            figure.QuerySelector("figcaption.visually-hidden")!.TextContent);
        Assert.Equal("Tin nhắn · 0912 345 678", figure.QuerySelector("p strong")!.TextContent);
        Assert.Equal("Trả lời", figure.QuerySelector("li")!.TextContent);
    }

    [Fact]
    public void ASingleChoiceQuestionIsAskedWithRadioButtonsInTheShuffledOrder()
    {
        var view = Answering(Question(7, 1), [2, 0, 3, 1]);

        var inputs = view.FindAll("input");
        Assert.Equal(4, inputs.Count);
        Assert.All(inputs, i => Assert.Equal("radio", i.GetAttribute("type")));
        Assert.All(inputs, i => Assert.Equal("q7", i.GetAttribute("name")));
        // The value is the option's original index, so the answer is graded whatever the shuffle.
        Assert.Equal(["2", "0", "3", "1"], inputs.Select(i => i.GetAttribute("value")));
        Assert.Equal([OptionTexts[2], OptionTexts[0], OptionTexts[3], OptionTexts[1]], inputs.Select(LabelOf));
        Assert.Equal("Chọn một đáp án.", view.Find(".hint").TextContent);
    }

    [Fact]
    public void AMultipleChoiceQuestionIsAskedWithCheckboxes()
    {
        var view = Answering(Question(12, 1, 3), [3, 1, 0, 2]);

        var inputs = view.FindAll("input");
        Assert.Equal(4, inputs.Count);
        Assert.All(inputs, i => Assert.Equal("checkbox", i.GetAttribute("type")));
        Assert.All(inputs, i => Assert.Equal("q12", i.GetAttribute("name")));
        Assert.Equal(["3", "1", "0", "2"], inputs.Select(i => i.GetAttribute("value")));
        Assert.Equal([OptionTexts[3], OptionTexts[1], OptionTexts[0], OptionTexts[2]], inputs.Select(LabelOf));
        Assert.Equal("Chọn tất cả các đáp án đúng.", view.Find(".hint").TextContent);
    }

    [Fact]
    public void OnlyTheOptionsAShownOrderHoldsAreDrawn()
    {
        var view = Answering(Question(7, 1), [3, 1]);

        Assert.Equal(["3", "1"], view.FindAll("input").Select(i => i.GetAttribute("value")));
    }

    [Fact]
    public void TheOptionsAlreadyChosenStayChecked()
    {
        // E.g. the form came back with an error: what the learner ticked is kept.
        var view = Answering(Question(12, 1, 3), [3, 1, 0, 2], chosen: [0, 3]);

        var checkedValues = view.FindAll("input").Where(i => i.HasAttribute("checked")).Select(i => i.GetAttribute("value"));
        Assert.Equal(["3", "0"], checkedValues);
    }

    [Fact]
    public void NothingIsCheckedBeforeTheLearnerChooses()
    {
        var view = Answering(Question(7, 1), [0, 1, 2, 3]);

        Assert.DoesNotContain(view.FindAll("input"), i => i.HasAttribute("checked"));
    }

    [Theory]
    [InlineData(new[] { 1 })]
    [InlineData(new[] { 1, 3 })]
    public void BeforeGradingTheMarkupGivesNoHintOfTheAnswer(int[] correct)
    {
        var view = Answering(Question(7, correct), [2, 0, 3, 1], chosen: [0]);
        var markup = view.Markup;

        Assert.DoesNotContain("correct", markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("(đáp án đúng)", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("✔", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("✘", markup, StringComparison.Ordinal);
        Assert.DoesNotContain(Explanation, markup, StringComparison.Ordinal);
        Assert.Empty(view.FindAll(".verdict, .explanation, .visually-hidden, .mark, .right, .wrong"));
        // Every option is drawn the same way: an input and its text, nothing more.
        Assert.All(view.FindAll(".options li"), li =>
        {
            Assert.False(li.HasAttribute("class"));
            var label = Assert.Single(li.Children);
            Assert.Equal(["INPUT", "SPAN"], label.Children.Select(c => c.TagName));
        });
    }

    [Fact]
    public void BeforeGradingMovingTheRightAnswerChangesNothingInTheMarkup()
    {
        // The strongest form of "no hint": two questions that differ only in which options are right
        // (and in the explanation) must render byte for byte the same.
        var single = Answering(Question(7, 0), [2, 0, 3, 1], chosen: [3]).Markup;
        var otherSingle = Answering(Question(7, 2) with { Explanation = "Khác hẳn." }, [2, 0, 3, 1], chosen: [3]).Markup;
        Assert.Equal(single, otherSingle);

        var multiple = Answering(Question(7, 0, 1), [2, 0, 3, 1]).Markup;
        var otherMultiple = Answering(Question(7, 2, 3), [2, 0, 3, 1]).Markup;
        Assert.Equal(multiple, otherMultiple);
    }

    [Fact]
    public void AfterAWrongAnswerTheRightOneAndTheMistakeAreMarked()
    {
        var view = Graded(Question(7, 1), [2, 0, 3, 1], chosen: [0], isCorrect: false);

        Assert.Empty(view.FindAll("input"));
        Assert.Empty(view.FindAll(".hint"));
        var options = view.FindAll(".options li");
        Assert.Equal([OptionTexts[2], OptionTexts[0], OptionTexts[3], OptionTexts[1]],
            options.Select(li => li.QuerySelector("span:not(.mark):not(.visually-hidden):not(.chosen-label)")!.TextContent));

        var right = Assert.Single(view.FindAll("li.correct"));
        Assert.Contains(OptionTexts[1], right.TextContent, StringComparison.Ordinal);
        Assert.Contains("(đáp án đúng)", right.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("(bạn chọn)", right.TextContent, StringComparison.Ordinal);

        var mistake = Assert.Single(view.FindAll("li.incorrect"));
        Assert.Contains(OptionTexts[0], mistake.TextContent, StringComparison.Ordinal);
        Assert.Contains("(bạn chọn)", mistake.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("(đáp án đúng)", mistake.TextContent, StringComparison.Ordinal);

        Assert.Contains("wrong", view.Find("fieldset").ClassList);
        Assert.Equal("Chưa đúng", view.Find(".verdict").TextContent);
        Assert.Equal(Explanation, view.Find(".explanation").TextContent);
    }

    [Fact]
    public void AfterARightAnswerTheVerdictIsĐúng()
    {
        var view = Graded(Question(12, 1, 3), [3, 1, 0, 2], chosen: [1, 3], isCorrect: true);

        Assert.Empty(view.FindAll("input"));
        var right = view.FindAll("li.correct");
        Assert.Equal(2, right.Count);
        Assert.All(right, li => Assert.Contains("(bạn chọn)", li.TextContent, StringComparison.Ordinal));
        Assert.Empty(view.FindAll("li.incorrect"));
        Assert.Contains("right", view.Find("fieldset").ClassList);
        Assert.Equal("Đúng", view.Find(".verdict").TextContent);
        Assert.Equal(Explanation, view.Find(".explanation").TextContent);
    }

    [Fact]
    public void AfterGradingAMissedRightOptionIsStillShownAsRight()
    {
        // Multiple choice, only one of the two right options ticked.
        var view = Graded(Question(12, 1, 3), [0, 1, 2, 3], chosen: [1], isCorrect: false);

        var right = view.FindAll("li.correct");
        Assert.Equal(2, right.Count);
        Assert.Contains("(bạn chọn)", right[0].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("(bạn chọn)", right[1].TextContent, StringComparison.Ordinal);
        Assert.Empty(view.FindAll("li.incorrect"));
        Assert.Equal("Chưa đúng", view.Find(".verdict").TextContent);
    }
}
