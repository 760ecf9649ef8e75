using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CdsLearn.Content;

/// <summary>
/// The rules that keep a quiz from being answered without the skill (issue 16): the right option must not give
/// itself away by being the longest, no option towers over its siblings, and no option points at the others
/// ("tất cả đều đúng", "cả A và B"), which also means nothing once the options are shuffled.
/// </summary>
public static partial class QuizStyle
{
    /// <summary>A quiz fails when more than this share of its single-answer questions has the longest option right.</summary>
    public const double MaxLongestRightShare = 0.40;

    /// <summary>The share is judged only from this many single-answer questions on: one or two say nothing.</summary>
    public const int MinSingleAnswerQuestionsForShare = 4;

    /// <summary>An option is "much longer" when it is over this many times the mean length of the others…</summary>
    public const double LongOptionRatio = 1.6;

    /// <summary>…and at least this many characters longer, so that "Có" beside "Không" is not flagged.</summary>
    public const int LongOptionMinExtra = 15;

    [GeneratedRegex(@"\btất cả\b.*\b(đều\s+(đúng|sai)|(đáp án|câu|ý|phương án|lựa chọn)\b.*\btrên)\b|\b(các|những|cả hai)\s+(đáp án|câu|ý|phương án|lựa chọn)\s+(trên|đều)\b|\bcả\s+[a-d]\s+(và|lẫn)\s+[a-d]\b|\bkhông\s+(có\s+)?(đáp án|câu|ý|phương án|lựa chọn)\s+nào\b|^\s*(tất cả|cả hai)\s*[.!]?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PointsAtOtherOptions();

    /// <summary>True for a single-answer question whose right option is strictly longer than every wrong one.</summary>
    public static bool RightOptionIsLongest(QuizQuestion question)
    {
        if (question.IsMultipleChoice || !question.Options.Any(o => o.IsCorrect) || question.Options.All(o => o.IsCorrect))
        {
            return false;
        }
        var right = Length(question.Options.First(o => o.IsCorrect).Text);
        return question.Options.Where(o => !o.IsCorrect).All(o => Length(o.Text) < right);
    }

    /// <summary>The share (0–100, one decimal) of single-answer questions whose right option is the longest;
    /// null when there is no single-answer question.</summary>
    public static double? LongestRightPercent(IEnumerable<QuizQuestion> questions)
    {
        var single = questions.Where(IsSingleAnswer).ToList();
        return single.Count == 0 ? null : Math.Round(100.0 * single.Count(RightOptionIsLongest) / single.Count, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>True for an option like "tất cả đều đúng" or "cả A và B".</summary>
    public static bool PointsAtOthers(string optionText) => PointsAtOtherOptions().IsMatch(optionText.Normalize(NormalizationForm.FormC));

    /// <summary>True when the option at <paramref name="index"/> is much longer than its siblings (see the constants).</summary>
    public static bool IsMuchLonger(QuizQuestion question, int index)
    {
        var others = question.Options.Where(o => o.Index != index).Select(o => Length(o.Text)).ToList();
        if (others.Count == 0)
        {
            return false;
        }
        var length = Length(question.Options[index].Text);
        var mean = others.Average();
        return length > LongOptionRatio * mean && length - mean >= LongOptionMinExtra;
    }

    /// <summary>Checks one quiz file; <paramref name="questions"/> carries each question's heading line.</summary>
    internal static void Check(string file, IReadOnlyList<(QuizQuestion Question, int Line)> questions, List<ContentProblem> problems)
    {
        foreach (var (question, line) in questions)
        {
            foreach (var option in question.Options)
            {
                if (PointsAtOthers(option.Text))
                {
                    problems.Add(new(file, line, $"question {question.Number}: option \"{option.Text}\" points at the other options "
                        + "(\"tất cả đều đúng\", \"cả A và B\"); options are shuffled, so write each one as a choice of its own"));
                }
                if (IsMuchLonger(question, option.Index))
                {
                    problems.Add(new(file, line, $"question {question.Number}: option \"{Shorten(option.Text)}\" is much longer than the others "
                        + $"(over {LongOptionRatio.ToString(CultureInfo.InvariantCulture)}× their mean length); shorten it or give the others the same detail",
                        IsError: false));
                }
            }
        }

        var single = questions.Where(q => IsSingleAnswer(q.Question)).ToList();
        var longest = single.Where(q => RightOptionIsLongest(q.Question)).ToList();
        if (single.Count >= MinSingleAnswerQuestionsForShare && longest.Count > MaxLongestRightShare * single.Count)
        {
            var share = Math.Round(100.0 * longest.Count / single.Count, 1, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture);
            foreach (var (question, line) in longest)
            {
                problems.Add(new(file, line, $"question {question.Number}: the right option is the longest; in this quiz {longest.Count} of "
                    + $"{single.Count} single-answer questions ({share} %) give the answer away by length, at most "
                    + $"{(MaxLongestRightShare * 100).ToString(CultureInfo.InvariantCulture)} % may"));
            }
        }
    }

    private static bool IsSingleAnswer(QuizQuestion question) => question.Options.Count(o => o.IsCorrect) == 1;

    private static int Length(string text) => text.Trim().Normalize(NormalizationForm.FormC).Length;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40].TrimEnd() + "…";
}
