namespace CdsLearn.Content;

/// <summary>How big the course is: what `cdslearn content stats` prints.</summary>
/// <param name="LongestOptionRightPercent">The share of single-answer questions, over the whole course, whose right
/// option is the longest (<see cref="QuizStyle.RightOptionIsLongest"/>); 0 when there are none.</param>
/// <param name="PracticeTasks">Practice tasks ("Làm thử", issue 16), in every module.</param>
/// <param name="ObservedTasks">Real tasks a team member sees the person do ("Tổ xác nhận"), over all skills.</param>
/// <param name="Images">Distinct pictures that lessons show.</param>
/// <param name="MeanLessonWords">The mean lesson length (<see cref="LessonLength"/>), rounded; 0 without lessons.</param>
/// <param name="GlossaryTerms">Terms of "Giải thích từ".</param>
public sealed record CourseStats(
    int Skills, int Modules, int Lessons, int QuizQuestions, int ReadingMinutes,
    double LongestOptionRightPercent, int PracticeTasks, int ObservedTasks,
    int Images, int MeanLessonWords, int MaxLessonWords, int GlossaryTerms)
{
    public static CourseStats Of(Course course)
    {
        // The starter section's modules and lessons are the course's too; it is only not one of the skills.
        var modules = (course.Starter is { } starter ? course.Skills.Prepend(starter) : course.Skills).SelectMany(s => s.Modules).ToList();
        var lessons = modules.SelectMany(m => m.Lessons).ToList();
        return new CourseStats(
            course.Skills.Count,
            modules.Count,
            lessons.Count,
            modules.Sum(m => m.Quiz.Questions.Count),
            lessons.Sum(l => l.Minutes),
            QuizStyle.LongestRightPercent(modules.SelectMany(m => m.Quiz.Questions)) ?? 0,
            PracticeTasks: modules.Sum(m => m.PracticeTasks.Count),
            ObservedTasks: course.Skills.Sum(s => s.ObservedTasks.Count),
            Images: lessons.SelectMany(l => l.Pictures).Distinct(StringComparer.Ordinal).Count(),
            MeanLessonWords: lessons.Count == 0 ? 0 : (int)Math.Round(lessons.Average(l => l.Words), MidpointRounding.AwayFromZero),
            MaxLessonWords: lessons.Count == 0 ? 0 : lessons.Max(l => l.Words),
            GlossaryTerms: course.Glossary.Count);
    }
}
