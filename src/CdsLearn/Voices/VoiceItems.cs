using CdsLearn.Content;

namespace CdsLearn.Voices;

/// <summary>What a team records: a lesson (its opening and <c>##</c> parts) or a practice task (its steps).</summary>
public sealed record VoiceItem(string Id, string Title, string SkillId, bool IsLesson, IReadOnlyList<LessonSection> Sections)
{
    public LessonSection? FindSection(string key) => Sections.FirstOrDefault(s => s.Key == key);

    /// <summary>Whether a reading of text with this hash reads the section as it is now (a reading of older text is never played).</summary>
    public bool IsCurrent(string sectionKey, string sectionHash) => FindSection(sectionKey)?.Hash == sectionHash;

    public static VoiceItem? Find(Course course, string id)
    {
        if (course.FindLesson(id) is { } lesson)
        {
            return new VoiceItem(lesson.Id, lesson.Title, course.FindModule(lesson.ModuleId)!.SkillId, true, lesson.Sections);
        }
        return course.FindPracticeTask(id) is { } task
            ? new VoiceItem(task.Id, task.Title, task.SkillId, false, LessonSections.Of(task))
            : null;
    }

    /// <summary>Every lesson and practice task of the course, in reading order.</summary>
    public static IEnumerable<VoiceItem> All(Course course) =>
        (course.Starter is { } starter ? course.Skills.Prepend(starter) : course.Skills)
        .SelectMany(s => s.Modules)
        .SelectMany(m => m.Lessons.Select(l => Find(course, l.Id)!).Concat(m.PracticeTasks.Select(t => Find(course, t.Id)!)));
}
