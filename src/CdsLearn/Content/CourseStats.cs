namespace CdsLearn.Content;

/// <summary>How big the course is: what `cdslearn content stats` prints.</summary>
/// <param name="LongestOptionRightPercent">The share of single-answer questions, over the whole course, whose right
/// option is the longest (<see cref="QuizStyle.RightOptionIsLongest"/>); 0 when there are none.</param>
/// <param name="PracticeTasks">Practice tasks ("Làm thử", issue 16), in every module.</param>
/// <param name="ObservedTasks">Real tasks a team member sees the person do ("Tổ xác nhận"), over all skills.</param>
public sealed record CourseStats(
    int Skills, int Modules, int Lessons, int QuizQuestions, int ReadingMinutes,
    double LongestOptionRightPercent, int PracticeTasks, int ObservedTasks)
{
    public static CourseStats Of(Course course)
    {
        // The starter section's modules and lessons are the course's too; it is only not one of the skills.
        var modules = (course.Starter is { } starter ? course.Skills.Prepend(starter) : course.Skills).SelectMany(s => s.Modules).ToList();
        return new CourseStats(
            course.Skills.Count,
            modules.Count,
            modules.Sum(m => m.Lessons.Count),
            modules.Sum(m => m.Quiz.Questions.Count),
            modules.SelectMany(m => m.Lessons).Sum(l => l.Minutes),
            QuizStyle.LongestRightPercent(modules.SelectMany(m => m.Quiz.Questions)) ?? 0,
            PracticeTasks: modules.Sum(m => m.PracticeTasks.Count),
            ObservedTasks: course.Skills.Sum(s => s.ObservedTasks.Count));
    }
}
