using CdsLearn.Learning;

namespace CdsLearn.Tests.Learning;

public class QuizDrawTests
{
    private const int Draws = 200;

    [Fact]
    public void DrawsTheQuizsNumberOfDistinctQuestionsFromThePool()
    {
        var quiz = SampleQuiz.Pool(questions: 10, draw: 5);

        var draw = QuizDraw.Create(quiz, "hoc-vien-1");

        Assert.Equal(SampleQuiz.ModuleId, draw.ModuleId);
        Assert.Equal("hoc-vien-1", draw.UserId);
        Assert.Equal(5, draw.Questions.Count);
        Assert.Equal(5, draw.Questions.Select(q => q.Number).Distinct().Count());
        Assert.All(draw.Questions, q => Assert.NotNull(quiz.FindQuestion(q.Number)));
    }

    [Fact]
    public void ShowsEveryOptionOfADrawnQuestionExactlyOnce()
    {
        var quiz = SampleQuiz.Of(3,
            SampleQuiz.Question(1, 2, 0),
            SampleQuiz.Question(2, 4, 1, 2),
            SampleQuiz.Question(3, 6, 5));

        var draw = QuizDraw.Create(quiz, "hoc-vien-1");

        Assert.Equal(3, draw.Questions.Count);
        Assert.All(draw.Questions, drawn =>
            Assert.Equal(quiz.FindQuestion(drawn.Number)!.Options.Select(o => o.Index), drawn.OptionOrder.Order()));
    }

    [Fact]
    public void DrawsTheWholePoolWhenItIsSmallerThanDraw()
    {
        var quiz = SampleQuiz.Pool(questions: 3, draw: 5);

        var draw = QuizDraw.Create(quiz, "hoc-vien-1");

        Assert.Equal([1, 2, 3], draw.Questions.Select(q => q.Number).Order());
    }

    [Fact]
    public void DifferentAttemptsSeeDifferentQuestionsFirst()
    {
        var quiz = SampleQuiz.Pool(questions: 10, draw: 5);

        var firsts = Enumerable.Range(0, Draws).Select(_ => QuizDraw.Create(quiz, "hoc-vien-1").Questions[0].Number).ToHashSet();

        // A fixed draw would give one first question; a fair one gives nearly all ten.
        Assert.True(firsts.Count > 1, "200 draws always started with the same question");
    }

    [Fact]
    public void EveryQuestionOfThePoolGetsDrawn()
    {
        var quiz = SampleQuiz.Pool(questions: 10, draw: 5);

        var drawn = Enumerable.Range(0, Draws).SelectMany(_ => QuizDraw.Create(quiz, "hoc-vien-1").Questions.Select(q => q.Number)).ToHashSet();

        // The chance that a fair draw misses one given question in 200 draws of half the pool is 2^-200.
        Assert.Equal(Enumerable.Range(1, 10), drawn.Order());
    }

    [Fact]
    public void OptionsAreShuffledSoTheRightAnswerMoves()
    {
        var quiz = SampleQuiz.Of(1, SampleQuiz.Question(1, 4, 0));

        var orders = Enumerable.Range(0, Draws).Select(_ => QuizDraw.Create(quiz, "hoc-vien-1").Questions[0].OptionOrder).ToList();

        Assert.True(orders.Select(o => string.Join(',', o)).Distinct().Count() > 1, "200 draws showed the options in one order");
        Assert.Contains(orders, o => o[0] == 0);
        Assert.Contains(orders, o => o[0] != 0);
    }

    [Fact]
    public void EveryOrderOfTheOptionsIsAsLikely()
    {
        var quiz = SampleQuiz.Of(1, SampleQuiz.Question(1, 4, 0));
        const int draws = 24_000;

        var counts = Enumerable.Range(0, draws).Select(_ => string.Join(',', QuizDraw.Create(quiz, "hoc-vien-1").Questions[0].OptionOrder))
            .CountBy(order => order).ToDictionary();

        // 24 orders of 4 options, 1,000 of each expected. A shuffle that misses orders (Sattolo's cycles, an index off by
        // one) or favours some fails here; a fair one strays 200 from 1,000 (6.5 standard deviations) less than once in
        // 10^9 runs.
        Assert.Equal(24, counts.Count);
        Assert.All(counts, c => Assert.InRange(c.Value, 800, 1200));
    }
}
