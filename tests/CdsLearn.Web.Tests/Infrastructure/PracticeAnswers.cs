using AngleSharp.Html.Dom;
using CdsLearn.Content;

namespace CdsLearn.Web.Tests.Infrastructure;

public static class PracticeAnswers
{
    /// <summary>The form fields of an assessed practice page for one action per step, found on the page by the
    /// elements' words (as a learner finds them): right, or each step on another element of its screen where it has one.</summary>
    public static List<KeyValuePair<string, string>> For(PracticeTask task, IHtmlDocument page, bool right)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var step in task.Steps)
        {
            var screen = task.FindScreen(step.ScreenId)!;
            var element = right ? screen.FindElement(step.TargetId)! : screen.Targets.FirstOrDefault(e => e.Id != step.TargetId) ?? screen.FindElement(step.TargetId)!;
            var section = page.QuerySelector($".screen[data-screen='{screen.Id}']")!;
            string id;
            if (element.Kind == ScreenElementKind.Field)
            {
                var label = section.QuerySelectorAll("label").Single(l => l.TextContent.Trim() == element.Text);
                id = page.GetElementById(label.GetAttribute("for")!)!.GetAttribute("data-el")!;
            }
            else
            {
                id = section.QuerySelectorAll("button[data-el]").Single(b => b.TextContent.Trim() == element.Text).GetAttribute("data-el")!;
            }
            fields.Add(new("Target", id));
            fields.Add(new("Value", element.Kind == ScreenElementKind.Field ? step.Value ?? "sai" : ""));
        }
        return fields;
    }

    /// <summary>Opens the task's assessed page and does every step right; returns the server's answer.</summary>
    public static async Task<HttpResponseMessage> PassAsync(SiteClient site, PracticeTask task)
    {
        var page = await site.GetAsync($"/lam-thu/{task.Id}/cham-diem");
        return await site.PostFormAsync(page, "form.practice-form", For(task, page, right: true));
    }
}
