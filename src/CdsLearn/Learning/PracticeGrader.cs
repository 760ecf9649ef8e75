using System.Text.Json;
using CdsLearn.Content;

namespace CdsLearn.Learning;

/// <summary>What the learner did at one step: the random id of the element acted on, and what was typed into a field.</summary>
public sealed record PracticeAction(string Target, string? Value);

/// <summary>One step as graded, stored with the attempt.</summary>
public sealed record PracticeStepResult(int Step, string ScreenId, string ElementId, string? Value, bool IsRight);

public sealed record GradedPractice(IReadOnlyList<PracticeStepResult> Steps, bool Passed)
{
    public int Right => Steps.Count(s => s.IsRight);

    public string ToJson() => JsonSerializer.Serialize(Steps);

    public static IReadOnlyList<PracticeStepResult> StepsFromJson(string json) =>
        JsonSerializer.Deserialize<List<PracticeStepResult>>(json) ?? [];
}

public static class PracticeGrader
{
    /// <summary>The longest value a field takes; anything longer is not something a learner typed into a phone.</summary>
    public const int MaxValueLength = 200;

    /// <summary>
    /// Grades one action per step; a pass is every step right. Null when the list cannot have come from the page this
    /// draw made: another number of actions than steps, an id the draw never gave, or an element that was not on the
    /// screen of its step (the page shows only that screen).
    /// </summary>
    public static GradedPractice? Grade(PracticeTask task, PracticeDraw draw, IReadOnlyList<PracticeAction> actions)
    {
        if (actions.Count != task.Steps.Count)
        {
            return null;
        }
        var results = new List<PracticeStepResult>();
        for (var i = 0; i < actions.Count; i++)
        {
            var step = task.Steps[i];
            var action = actions[i];
            if (!draw.Targets.TryGetValue(action.Target, out var target) || target.ScreenId != step.ScreenId
                || (action.Value?.Length ?? 0) > MaxValueLength)
            {
                return null;
            }
            var isField = task.FindScreen(target.ScreenId)?.FindElement(target.ElementId)?.Kind == ScreenElementKind.Field;
            var value = isField ? action.Value ?? "" : null;
            results.Add(new PracticeStepResult(step.Number, target.ScreenId, target.ElementId, value, step.IsDoneBy(target.ElementId, value)));
        }
        return new GradedPractice(results, results.All(r => r.IsRight));
    }
}
