using System.Runtime.CompilerServices;
using CdsLearn.Content;

namespace CdsLearn.Voices;

/// <summary>What a team records: a lesson (its opening and <c>##</c> parts) or a practice task (its steps).</summary>
public sealed record VoiceItem(string Id, string Title, string SkillId, bool IsLesson, IReadOnlyList<LessonSection> Sections)
{
    public LessonSection? FindSection(string key) => Sections.FirstOrDefault(s => s.Key == key);

    /// <summary>Whether a reading of text with this hash reads the section as it is now (a reading of older text is never played).</summary>
    public bool IsCurrent(string sectionKey, string sectionHash) => FindSection(sectionKey)?.Hash == sectionHash;

    /// <summary>The course's lesson or practice task with this id, or null.</summary>
    public static VoiceItem? Find(Course course, string id) => IndexOf(course).ById.GetValueOrDefault(id);

    /// <summary>Every lesson and practice task of the course, in reading order.</summary>
    public static IReadOnlyList<VoiceItem> All(Course course) => IndexOf(course).InOrder;

    // Built once per loaded course (a reload makes a new Course): a task's sections are hashed when built, and the
    // skill page asks for every item of its skill on each view.
    private static readonly ConditionalWeakTable<Course, Index> Indexes = new();

    private static Index IndexOf(Course course) => Indexes.GetValue(course, static c =>
    {
        var items = (c.Starter is { } starter ? c.Skills.Prepend(starter) : c.Skills)
            .SelectMany(s => s.Modules)
            .SelectMany(m => m.Lessons.Select(l => new VoiceItem(l.Id, l.Title, m.SkillId, true, l.Sections))
                .Concat(m.PracticeTasks.Select(t => new VoiceItem(t.Id, t.Title, t.SkillId, false, LessonSections.Of(t)))))
            .ToList();
        // Ids are unique (the loader refuses a course that repeats one); DistinctBy keeps a bad course from throwing here.
        return new Index(items, items.DistinctBy(i => i.Id).ToDictionary(i => i.Id, StringComparer.Ordinal));
    });

    private sealed record Index(IReadOnlyList<VoiceItem> InOrder, IReadOnlyDictionary<string, VoiceItem> ById);
}
