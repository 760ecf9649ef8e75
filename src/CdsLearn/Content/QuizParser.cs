using System.Text;
using System.Text.RegularExpressions;

namespace CdsLearn.Content;

/// <summary>Reads the question pool of a <c>quiz.md</c> line by line, so that every problem has its line.</summary>
internal static partial class QuizParser
{
    public const int MinimumPool = 8;

    [GeneratedRegex(@"^##\s+(\d+)\.\s+(\S.*)$")]
    private static partial Regex QuestionHeading();

    [GeneratedRegex(@"^\s*[-*]\s+\[( |x|X)\]\s+(\S.*)$")]
    private static partial Regex OptionLine();

    /// <summary>The questions of the file, each with the line of its heading.</summary>
    public static IReadOnlyList<(QuizQuestion Question, int Line)> Parse(ContentFile file, MarkdownRenderer markdown, List<ContentProblem> problems)
    {
        var drafts = new List<Draft>();
        Draft? current = null;
        var lines = file.Body.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var lineNo = file.FileLine(i);
            if (line.StartsWith('#'))
            {
                var heading = QuestionHeading().Match(line);
                if (!heading.Success)
                {
                    problems.Add(new(file.RelativePath, lineNo, "a question starts with '## N. ' followed by the question"));
                    current = null;
                    continue;
                }
                current = new Draft(int.Parse(heading.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), heading.Groups[2].Value.Trim(), lineNo);
                drafts.Add(current);
                continue;
            }
            if (string.IsNullOrWhiteSpace(line))
            {
                // A blank line inside the situation separates its paragraphs (and ends a drawn screen's parts).
                if (current is { Options.Count: 0, Scenario.Length: > 0 })
                {
                    current.Scenario.AppendLine();
                }
                continue;
            }
            if (current is null)
            {
                problems.Add(new(file.RelativePath, lineNo, "text before the first question ('## 1. ...')"));
                continue;
            }
            var option = OptionLine().Match(line);
            if (option.Success)
            {
                if (current.Explanation.Length > 0)
                {
                    problems.Add(new(file.RelativePath, lineNo, "an option after the explanation: options come first, then the '> ' lines"));
                }
                current.Options.Add(new QuizOption(current.Options.Count, option.Groups[2].Value.Trim(), option.Groups[1].Value != " "));
            }
            else if (line.StartsWith('>'))
            {
                current.Explanation.Append(line.TrimStart('>').Trim()).Append(' ');
            }
            else if (current.Options.Count == 0)
            {
                if (current.Scenario.Length == 0)
                {
                    current.ScenarioLine = lineNo;
                }
                current.Scenario.AppendLine(line);
            }
            else
            {
                problems.Add(new(file.RelativePath, lineNo, "unexpected text: options are '- [ ] ' or '- [x] ', the explanation lines start with '> '"));
            }
        }

        var questions = new List<(QuizQuestion, int)>();
        foreach (var draft in drafts)
        {
            if (drafts.Count(d => d.Number == draft.Number) > 1)
            {
                problems.Add(new(file.RelativePath, draft.Line, $"question number {draft.Number} is used twice"));
            }
            if (draft.Options.Count is < 2 or > 6)
            {
                problems.Add(new(file.RelativePath, draft.Line, $"question {draft.Number} has {draft.Options.Count} options; it needs 2 to 6"));
            }
            if (!draft.Options.Any(o => o.IsCorrect))
            {
                problems.Add(new(file.RelativePath, draft.Line, $"question {draft.Number} has no correct answer ('- [x] ')"));
            }
            else if (draft.Options.All(o => o.IsCorrect))
            {
                problems.Add(new(file.RelativePath, draft.Line, $"question {draft.Number}: every option is marked correct"));
            }
            if (draft.Explanation.Length == 0)
            {
                problems.Add(new(file.RelativePath, draft.Line, $"question {draft.Number} has no explanation ('> ' lines after the options)"));
            }
            var scenario = draft.Scenario.ToString().TrimEnd();
            var rendered = scenario.Length == 0 ? null : markdown.Render(scenario);
            if (rendered is not null)
            {
                problems.AddRange(rendered.Findings.Select(f => new ContentProblem(file.RelativePath, draft.ScenarioLine + f.Line, f.Message)));
            }
            questions.Add((new QuizQuestion(draft.Number, draft.Text, rendered?.Html ?? "", draft.Options, draft.Explanation.ToString().Trim()), draft.Line));
        }
        return questions;
    }

    private sealed class Draft(int number, string text, int line)
    {
        public int Number { get; } = number;
        public string Text { get; } = text;
        public int Line { get; } = line;
        public int ScenarioLine { get; set; }
        public List<QuizOption> Options { get; } = [];
        public StringBuilder Scenario { get; } = new();
        public StringBuilder Explanation { get; } = new();
    }
}
