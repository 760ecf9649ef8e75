using System.Text.Json;
using CdsLearn.Content;

namespace CdsLearn.Learning;

/// <summary>What was shown and answered in one attempt; stored with the attempt so its result can be shown again.</summary>
public sealed record AttemptSheet(IReadOnlyList<SheetQuestion> Questions)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    public static AttemptSheet FromJson(string json) => JsonSerializer.Deserialize<AttemptSheet>(json) ?? new AttemptSheet([]);
}

public sealed record SheetQuestion(int Number, IReadOnlyList<int> OptionOrder, IReadOnlyList<int> Chosen, bool IsCorrect);

public sealed record GradedAttempt(AttemptSheet Sheet, int Correct, int Total, int ScorePercent, bool Passed);

public static class QuizGrader
{
    /// <summary>
    /// A question is right when the chosen options are exactly its correct ones (for a multiple-answer question,
    /// all of them and nothing else). Options not shown in the draw are ignored.
    /// </summary>
    public static GradedAttempt Grade(Quiz quiz, QuizDraw draw, IReadOnlyDictionary<int, IReadOnlyCollection<int>> answers, int passPercent)
    {
        var sheet = new List<SheetQuestion>();
        foreach (var drawn in draw.Questions)
        {
            if (quiz.FindQuestion(drawn.Number) is not { } question)
            {
                continue; // the question left the pool after the draw: it counts neither way
            }
            var chosen = answers.GetValueOrDefault(drawn.Number, [])
                .Where(drawn.OptionOrder.Contains).Distinct().Order().ToList();
            var isCorrect = chosen.SequenceEqual(question.CorrectOptions.Order());
            sheet.Add(new SheetQuestion(drawn.Number, drawn.OptionOrder, chosen, isCorrect));
        }
        var correct = sheet.Count(q => q.IsCorrect);
        var score = sheet.Count == 0 ? 0 : (int)Math.Floor(100.0 * correct / sheet.Count);
        return new GradedAttempt(new AttemptSheet(sheet), correct, sheet.Count, score, sheet.Count > 0 && score >= passPercent);
    }
}
