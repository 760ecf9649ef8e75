using CdsLearn.Content;
using CdsLearn.Learning;

namespace CdsLearn.Web.Tests.Infrastructure;

public static class QuizAnswers
{
    /// <summary>Every drawn question answered right, or every one wrong.</summary>
    public static Dictionary<int, IReadOnlyCollection<int>> For(Quiz quiz, QuizDraw draw, bool right) =>
        draw.Questions.ToDictionary(
            q => q.Number,
            q => (IReadOnlyCollection<int>)(right
                ? quiz.FindQuestion(q.Number)!.CorrectOptions.ToList()
                : [quiz.FindQuestion(q.Number)!.Options.First(o => !o.IsCorrect).Index]));
}
