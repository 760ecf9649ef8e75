using CdsLearn.Content;
using CdsLearn.Learning;

namespace CdsLearn.Web.Pages.Practice;

/// <summary>
/// What the player partial draws. In practice mode each target is named by its own id and each step carries its
/// target and hint (the page may hold the key). In assessed mode targets are named only by the draw's random ids and
/// steps carry neither target nor hint.
/// </summary>
public sealed record PlayerView(PracticeTask Task, PracticeDraw? Draw)
{
    public bool Assessed => Draw is not null;

    public string ElementId(PracticeScreen screen, ScreenElement element) =>
        Draw?.IdOf(screen.Id, element.Id!) ?? $"{screen.Id}--{element.Id}";

    /// <summary>The target of a step as the practice page names it.</summary>
    public static string TargetOf(PracticeStep step) => $"{step.ScreenId}--{step.TargetId}";
}
