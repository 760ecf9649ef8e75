namespace CdsLearn.Content;

/// <summary>How big the course is: what `cdslearn content stats` prints.</summary>
public sealed record CourseStats(int Skills, int Modules, int Lessons, int QuizQuestions, int ReadingMinutes)
{
    public static CourseStats Of(Course course)
    {
        var modules = course.Skills.SelectMany(s => s.Modules).ToList();
        return new CourseStats(
            course.Skills.Count,
            modules.Count,
            modules.Sum(m => m.Lessons.Count),
            modules.Sum(m => m.Quiz.Questions.Count),
            modules.SelectMany(m => m.Lessons).Sum(l => l.Minutes));
    }
}
