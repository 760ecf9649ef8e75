namespace CdsLearn.Content;

/// <summary>How big the course is: what `cdslearn content stats` prints.</summary>
/// <param name="LongestOptionRightPercent">The share of single-answer questions, over the whole course, whose right
/// option is the longest (<see cref="QuizStyle.RightOptionIsLongest"/>); 0 when there are none.</param>
/// <param name="PracticeTasks">Practice tasks ("Làm thử", issue 16): the course has none yet.</param>
/// <param name="ObservedTasks">Real tasks a team member sees the person do ("Tổ xác nhận"), over all skills.</param>
public sealed record CourseStats(
    int Skills, int Modules, int Lessons, int QuizQuestions, int ReadingMinutes,
    double LongestOptionRightPercent, int PracticeTasks, int ObservedTasks)
{
    public static CourseStats Of(Course course)
    {
        var modules = course.Skills.SelectMany(s => s.Modules).ToList();
        return new CourseStats(
            course.Skills.Count,
            modules.Count,
            modules.Sum(m => m.Lessons.Count),
            modules.Sum(m => m.Quiz.Questions.Count),
            modules.SelectMany(m => m.Lessons).Sum(l => l.Minutes),
            QuizStyle.LongestRightPercent(modules.SelectMany(m => m.Quiz.Questions)) ?? 0,
            // REVIEW: a placeholder until practice tasks exist (branch practice-tasks); replace the 0 with the count
            // from the course, e.g. modules.Sum(m => m.PracticeTasks.Count).
            PracticeTasks: 0,
            ObservedTasks: course.Skills.Sum(s => s.ObservedTasks.Count));
    }
}
