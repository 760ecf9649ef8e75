using CdsLearn.Content;
using CdsLearn.Learning;

namespace CdsLearn.Tests.Learning;

public class QuizGraderTests
{
    // Question 1: one answer (option 1). Question 2: several answers (options 0 and 1). Question 3: one answer (option 0).
    private static readonly Quiz Quiz = SampleQuiz.Of(3,
        SampleQuiz.Question(1, 3, 1),
        SampleQuiz.Question(2, 4, 0, 1),
        SampleQuiz.Question(3, 2, 0));

    // Shown in this order, each with its options shuffled.
    private static readonly QuizDraw Draw = new(Guid.NewGuid(), SampleQuiz.ModuleId, "hoc-vien-1",
    [
        new DrawnQuestion(2, [3, 1, 0, 2]),
        new DrawnQuestion(3, [1, 0]),
        new DrawnQuestion(1, [2, 0, 1]),
    ]);

    [Fact]
    public void AllRightScoresAHundredAndPasses()
    {
        var graded = Grade(Answers((1, [1]), (2, [0, 1]), (3, [0])));

        Assert.Equal(3, graded.Correct);
        Assert.Equal(3, graded.Total);
        Assert.Equal(100, graded.ScorePercent);
        Assert.True(graded.Passed);
        Assert.All(graded.Sheet.Questions, q => Assert.True(q.IsCorrect));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void ASingleAnswerQuestionWithAWrongOptionIsWrong(int option)
    {
        var graded = Grade(Answers((1, [option]), (2, [0, 1]), (3, [0])));

        Assert.False(Sheet(graded, 1).IsCorrect);
        Assert.Equal(2, graded.Correct);
    }

    [Fact]
    public void ASingleAnswerQuestionWithTheRightAndAWrongOptionIsWrong()
    {
        var graded = Grade(Answers((1, [1, 2]), (2, [0, 1]), (3, [0])));

        Assert.False(Sheet(graded, 1).IsCorrect);
    }

    [Theory]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 1 })]
    [InlineData(new[] { 0, 1, 2 })]
    [InlineData(new[] { 0, 1, 2, 3 })]
    [InlineData(new[] { 2, 3 })]
    public void AMultipleAnswerQuestionNeedsExactlyTheRightSet(int[] chosen)
    {
        var graded = Grade(Answers((1, [1]), (2, chosen), (3, [0])));

        Assert.False(Sheet(graded, 2).IsCorrect);
        Assert.Equal(2, graded.Correct);
    }

    [Fact]
    public void AMultipleAnswerQuestionIsRightWhateverOrderTheOptionsWereTicked()
    {
        var graded = Grade(Answers((1, [1]), (2, [1, 0, 1]), (3, [0])));

        Assert.True(Sheet(graded, 2).IsCorrect);
    }

    [Fact]
    public void UnansweredQuestionsCountAsWrong()
    {
        var graded = Grade(Answers((1, [1]), (2, [])));

        Assert.Equal(1, graded.Correct);
        Assert.Equal(3, graded.Total);
        Assert.False(Sheet(graded, 2).IsCorrect);
        Assert.False(Sheet(graded, 3).IsCorrect);
        Assert.Empty(Sheet(graded, 3).Chosen);
    }

    [Fact]
    public void NothingAnsweredScoresZero()
    {
        var graded = Grade(Answers());

        Assert.Equal(0, graded.Correct);
        Assert.Equal(0, graded.ScorePercent);
        Assert.False(graded.Passed);
    }

    [Theory]
    [InlineData(1, 33)]
    [InlineData(2, 66)]
    public void RoundsThePercentDown(int right, int percent)
    {
        var answers = right == 1 ? Answers((1, [1])) : Answers((1, [1]), (3, [0]));

        var graded = Grade(answers, passPercent: 100);

        Assert.Equal(right, graded.Correct);
        Assert.Equal(percent, graded.ScorePercent);
    }

    [Theory]
    [InlineData(66, true)]
    [InlineData(67, false)]
    public void PassesExactlyAtThePassMarkNotBelow(int passPercent, bool passed)
    {
        var graded = Grade(Answers((1, [1]), (3, [0])), passPercent);

        Assert.Equal(66, graded.ScorePercent);
        Assert.Equal(passed, graded.Passed);
    }

    [Theory]
    [InlineData(3, 80, false)]
    [InlineData(4, 80, true)]
    [InlineData(4, 81, false)]
    public void PassMarkOnAFiveQuestionQuiz(int right, int passPercent, bool passed)
    {
        var quiz = SampleQuiz.Pool(questions: 5, draw: 5);
        var draw = new QuizDraw(Guid.NewGuid(), quiz.ModuleId, "hoc-vien-1", quiz.Questions.Select(q => new DrawnQuestion(q.Number, [0, 1, 2, 3])).ToList());
        var answers = Answers(quiz.Questions.Select(q => (q.Number, new[] { q.Number <= right ? 0 : 1 })).ToArray());

        var graded = QuizGrader.Grade(quiz, draw, answers, passPercent);

        Assert.Equal(right * 20, graded.ScorePercent);
        Assert.Equal(passed, graded.Passed);
    }

    [Fact]
    public void TheSheetKeepsTheShownOrderAndTheChosenOptions()
    {
        var graded = Grade(Answers((1, [2]), (2, [3, 0]), (3, [0])));

        Assert.Equal([2, 3, 1], graded.Sheet.Questions.Select(q => q.Number));
        Assert.Equal([3, 1, 0, 2], Sheet(graded, 2).OptionOrder);
        Assert.Equal([1, 0], Sheet(graded, 3).OptionOrder);
        Assert.Equal([2, 0, 1], Sheet(graded, 1).OptionOrder);
        Assert.Equal([0, 3], Sheet(graded, 2).Chosen.Order());
        Assert.Equal([2], Sheet(graded, 1).Chosen);
        Assert.Equal([0], Sheet(graded, 3).Chosen);
    }

    [Fact]
    public void TheSheetSurvivesStorageAsJson()
    {
        var sheet = Grade(Answers((1, [2]), (2, [3, 0]), (3, [0]))).Sheet;

        var stored = AttemptSheet.FromJson(sheet.ToJson());

        Assert.Equal(
            sheet.Questions.Select(q => (q.Number, string.Join(',', q.OptionOrder), string.Join(',', q.Chosen), q.IsCorrect)),
            stored.Questions.Select(q => (q.Number, string.Join(',', q.OptionOrder), string.Join(',', q.Chosen), q.IsCorrect)));
    }

    [Fact]
    public void IgnoresOptionsThatWereNotShown()
    {
        var graded = Grade(Answers((1, [1, 7]), (2, [0, 1, -1]), (3, [0, 2])));

        Assert.Equal(3, graded.Correct);
        Assert.Equal([1], Sheet(graded, 1).Chosen);
    }

    [Fact]
    public void IgnoresAnswersToQuestionsThatWereNotDrawn()
    {
        var draw = Draw with { Questions = [Draw.Questions[0]] };

        var graded = QuizGrader.Grade(Quiz, draw, Answers((1, [1]), (2, [0]), (3, [0])), passPercent: 50);

        Assert.Equal(1, graded.Total);
        Assert.Equal(0, graded.Correct);
        Assert.Equal(2, Assert.Single(graded.Sheet.Questions).Number);
    }

    [Fact]
    public void AQuestionThatLeftThePoolAfterTheDrawCountsNeitherWay()
    {
        var shrunk = Quiz with { Questions = Quiz.Questions.Where(q => q.Number != 3).ToList() };

        var graded = QuizGrader.Grade(shrunk, Draw, Answers((1, [1]), (2, [0, 1])), passPercent: 100);

        Assert.Equal(2, graded.Total);
        Assert.Equal(100, graded.ScorePercent);
        Assert.True(graded.Passed);
        Assert.DoesNotContain(graded.Sheet.Questions, q => q.Number == 3);
    }

    [Fact]
    public void AnAttemptWithNoGradableQuestionNeverPasses()
    {
        var empty = Quiz with { Questions = [] };

        var graded = QuizGrader.Grade(empty, Draw, Answers(), passPercent: 0);

        Assert.Equal(0, graded.Total);
        Assert.Equal(0, graded.ScorePercent);
        Assert.False(graded.Passed);
    }

    private static GradedAttempt Grade(IReadOnlyDictionary<int, IReadOnlyCollection<int>> answers, int passPercent = 80) =>
        QuizGrader.Grade(Quiz, Draw, answers, passPercent);

    private static SheetQuestion Sheet(GradedAttempt graded, int number) => Assert.Single(graded.Sheet.Questions, q => q.Number == number);

    private static Dictionary<int, IReadOnlyCollection<int>> Answers(params (int Question, int[] Options)[] answers) =>
        answers.ToDictionary(a => a.Question, a => (IReadOnlyCollection<int>)a.Options);
}
