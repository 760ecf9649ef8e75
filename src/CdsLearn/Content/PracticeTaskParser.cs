using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CdsLearn.Content;

/// <summary>Reads a practice task (<c>lam-thu-*.md</c>) line by line, so that every problem has its line.</summary>
internal static partial class PracticeTaskParser
{
    public const string FilePrefix = "lam-thu-";
    public const int MinSteps = 3;
    public const int MaxSteps = 8;

    [GeneratedRegex(@"^##\s+Màn hình\s+(\S+)\s*:\s*(\S.*)$")]
    private static partial Regex ScreenHeading();

    [GeneratedRegex(@"^##\s+Bước\s+(\d+)\s*$")]
    private static partial Regex StepHeading();

    [GeneratedRegex(@"^(description|text|note)\s*:\s*(\S.*)$")]
    private static partial Regex PlainLine();

    [GeneratedRegex(@"^(field|button|item)\s+(\S+)\s*:\s*(\S.*)$")]
    private static partial Regex TargetLine();

    [GeneratedRegex(@"^(screen|do|target|hint)\s*:\s*(.*)$")]
    private static partial Regex StepLine();

    [GeneratedRegex(@"^([^\s=]+)\s*(=\s*(.*))?$")]
    private static partial Regex TargetValue();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    public static bool IsPracticeFile(string fileName) =>
        fileName.StartsWith(FilePrefix, StringComparison.Ordinal) && fileName.EndsWith(".md", StringComparison.Ordinal);

    public static PracticeTask Parse(ContentFile file, string moduleId, string skillId, MarkdownRenderer markdown, List<ContentProblem> problems)
    {
        var intro = new StringBuilder();
        var screens = new List<ScreenDraft>();
        var steps = new List<StepDraft>();
        ScreenDraft? screen = null;
        StepDraft? step = null;
        var lines = file.Body.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r').Trim();
            var lineNo = file.FileLine(i);
            if (line.StartsWith("##", StringComparison.Ordinal))
            {
                screen = null;
                step = null;
                if (ScreenHeading().Match(line) is { Success: true } s)
                {
                    screen = new ScreenDraft(s.Groups[1].Value, s.Groups[2].Value.Trim(), lineNo);
                    if (!IdPattern().IsMatch(screen.Id))
                    {
                        Add(problems, file, lineNo, $"screen id '{screen.Id}': lower-case letters, digits and '-'");
                    }
                    else if (screens.Any(o => o.Id == screen.Id))
                    {
                        Add(problems, file, lineNo, $"screen '{screen.Id}' is defined twice");
                    }
                    screens.Add(screen);
                }
                else if (StepHeading().Match(line) is { Success: true } b)
                {
                    step = new StepDraft(int.Parse(b.Groups[1].Value, CultureInfo.InvariantCulture), lineNo);
                    if (step.Number != steps.Count + 1)
                    {
                        Add(problems, file, lineNo, $"steps are numbered 1, 2, 3… in order: expected 'Bước {steps.Count + 1}'");
                    }
                    steps.Add(step);
                }
                else
                {
                    Add(problems, file, lineNo, "a section is '## Màn hình <id>: <title bar>' or '## Bước <N>'");
                }
                continue;
            }
            if (line.Length == 0 && (screen is not null || step is not null))
            {
                continue;
            }
            if (screen is null && step is null)
            {
                if (screens.Count == 0 && steps.Count == 0)
                {
                    intro.AppendLine(lines[i].TrimEnd('\r'));
                }
                continue;
            }
            if (screen is not null)
            {
                ReadScreenLine(file, screen, line, lineNo, problems);
            }
            else
            {
                ReadStepLine(file, step!, line, lineNo, problems);
            }
        }

        var built = screens.Select(s =>
        {
            if (s.Description is null)
            {
                Add(problems, file, s.Line, $"screen '{s.Id}' needs 'description: ...' (what the screen shows, read to screen readers)");
            }
            if (!s.Elements.Any(e => e.IsTarget))
            {
                Add(problems, file, s.Line, $"screen '{s.Id}' has nothing to tap: add a 'button', 'item' or 'field'");
            }
            return new PracticeScreen(s.Id, s.Title, s.Description ?? "", s.Elements);
        }).ToList();

        if (steps.Count is < MinSteps or > MaxSteps)
        {
            Add(problems, file, file.BodyFirstLine, $"the task has {steps.Count} steps; a task has {MinSteps}–{MaxSteps}");
        }
        var builtSteps = new List<PracticeStep>();
        foreach (var s in steps)
        {
            var target = s.Target?.Value;
            if (s.Screen is null)
            {
                Add(problems, file, s.Line, $"step {s.Number} needs 'screen: <screen id>'");
            }
            else if (built.FirstOrDefault(x => x.Id == s.Screen.Value) is not { } onScreen)
            {
                Add(problems, file, s.Screen.Line, $"step {s.Number}: no screen '{s.Screen.Value}' in this task");
            }
            else if (target is not null)
            {
                var element = onScreen.FindElement(target.Value.Id);
                if (element is null || !element.IsTarget)
                {
                    Add(problems, file, s.Target!.Line, $"step {s.Number}: screen '{onScreen.Id}' has no button, item or field '{target.Value.Id}'");
                }
                else if (element.Kind == ScreenElementKind.Field && target.Value.Value is null)
                {
                    Add(problems, file, s.Target!.Line, $"step {s.Number}: '{target.Value.Id}' is a field: write the value to type, 'target: {target.Value.Id} = ...'");
                }
                else if (element.Kind != ScreenElementKind.Field && target.Value.Value is not null)
                {
                    Add(problems, file, s.Target!.Line, $"step {s.Number}: '{target.Value.Id}' is not a field, so it takes no value");
                }
            }
            if (s.Target is null)
            {
                Add(problems, file, s.Line, $"step {s.Number} needs 'target: <button, item or field id>'");
            }
            if (s.Instruction is null)
            {
                Add(problems, file, s.Line, $"step {s.Number} needs 'do: ...' (what the learner is asked to do)");
            }
            if (s.Hint is null)
            {
                Add(problems, file, s.Line, $"step {s.Number} needs 'hint: ...' (shown after a wrong tap in practice mode)");
            }
            builtSteps.Add(new PracticeStep(s.Number, s.Screen?.Value ?? "", s.Instruction?.Value ?? "",
                target?.Id ?? "", target?.Value, s.Hint?.Value ?? ""));
        }
        if (built.Count == 0)
        {
            Add(problems, file, file.BodyFirstLine, "the task has no screens ('## Màn hình <id>: <title bar>')");
        }

        var introText = intro.ToString().Trim();
        if (introText.Length == 0)
        {
            Add(problems, file, file.BodyFirstLine, "the task needs a short introduction before its first screen");
        }
        var introHtml = introText.Length == 0 ? "" : markdown.Render(introText).Html;
        return new PracticeTask(file.Meta.Id ?? "", moduleId, skillId, file.Meta.Title ?? "", file.Meta.Order ?? 0, introHtml, built, builtSteps);
    }

    private static void ReadScreenLine(ContentFile file, ScreenDraft screen, string line, int lineNo, List<ContentProblem> problems)
    {
        if (PlainLine().Match(line) is { Success: true } plain)
        {
            var text = plain.Groups[2].Value.Trim();
            switch (plain.Groups[1].Value)
            {
                case "description" when screen.Description is not null:
                    Add(problems, file, lineNo, $"screen '{screen.Id}' has two descriptions");
                    break;
                case "description":
                    screen.Description = text;
                    break;
                case "text":
                    screen.Elements.Add(new ScreenElement(ScreenElementKind.Text, null, text));
                    break;
                default:
                    screen.Elements.Add(new ScreenElement(ScreenElementKind.Note, null, text));
                    break;
            }
            return;
        }
        if (TargetLine().Match(line) is { Success: true } target)
        {
            var id = target.Groups[2].Value;
            if (!IdPattern().IsMatch(id))
            {
                Add(problems, file, lineNo, $"id '{id}': lower-case letters, digits and '-'");
            }
            else if (screen.Elements.Any(e => e.Id == id))
            {
                Add(problems, file, lineNo, $"screen '{screen.Id}' already has an element '{id}'");
            }
            var kind = target.Groups[1].Value switch
            {
                "field" => ScreenElementKind.Field,
                "button" => ScreenElementKind.Button,
                _ => ScreenElementKind.Item,
            };
            screen.Elements.Add(new ScreenElement(kind, id, target.Groups[3].Value.Trim()));
            return;
        }
        Add(problems, file, lineNo, "a screen line is 'description:', 'text:', 'note:', 'button <id>:', 'item <id>:' or 'field <id>:'");
    }

    private static void ReadStepLine(ContentFile file, StepDraft step, string line, int lineNo, List<ContentProblem> problems)
    {
        if (StepLine().Match(line) is not { Success: true } match)
        {
            Add(problems, file, lineNo, "a step line is 'screen:', 'do:', 'target:' or 'hint:'");
            return;
        }
        var key = match.Groups[1].Value;
        var value = match.Groups[2].Value.Trim();
        if (value.Length == 0)
        {
            Add(problems, file, lineNo, $"'{key}:' is empty");
            return;
        }
        var existing = key switch { "screen" => step.Screen is not null, "do" => step.Instruction is not null, "target" => step.Target is not null, _ => step.Hint is not null };
        if (existing)
        {
            Add(problems, file, lineNo, $"step {step.Number} has two '{key}:' lines");
            return;
        }
        switch (key)
        {
            case "screen":
                step.Screen = new(value, lineNo);
                break;
            case "do":
                step.Instruction = new(value, lineNo);
                break;
            case "hint":
                step.Hint = new(value, lineNo);
                break;
            default:
                var target = TargetValue().Match(value);
                if (!target.Success)
                {
                    Add(problems, file, lineNo, "a target is '<id>' or, for a field, '<id> = <value to type>'");
                    return;
                }
                var typed = target.Groups[2].Success ? target.Groups[3].Value.Trim() : null;
                if (typed is { Length: 0 })
                {
                    Add(problems, file, lineNo, "the value to type is empty");
                    return;
                }
                step.Target = new((target.Groups[1].Value, typed), lineNo);
                break;
        }
    }

    private static void Add(List<ContentProblem> problems, ContentFile file, int line, string message) =>
        problems.Add(new(file.RelativePath, line, message));

    private sealed record Located<T>(T Value, int Line);

    private sealed class ScreenDraft(string id, string title, int line)
    {
        public string Id { get; } = id;
        public string Title { get; } = title;
        public int Line { get; } = line;
        public string? Description { get; set; }
        public List<ScreenElement> Elements { get; } = [];
    }

    private sealed class StepDraft(int number, int line)
    {
        public int Number { get; } = number;
        public int Line { get; } = line;
        public Located<string>? Screen { get; set; }
        public Located<string>? Instruction { get; set; }
        public Located<(string Id, string? Value)>? Target { get; set; }
        public Located<string>? Hint { get; set; }
    }
}
