namespace CdsLearn.Content;

/// <summary>The whole course, loaded once from the content folder; immutable, shared by every request.</summary>
public sealed class Course
{
    private readonly Dictionary<string, Skill> skills;
    private readonly Dictionary<string, Module> modules;
    private readonly Dictionary<string, Lesson> lessons;
    private readonly Dictionary<string, ObservedTask> observedTasks;
    private readonly Dictionary<string, PracticeTask> practiceTasks;

    public Course(IReadOnlyList<Skill> skills, Skill? starter = null)
    {
        Skills = skills;
        Starter = starter;
        IReadOnlyList<Skill> all = starter is null ? skills : [starter, .. skills];
        this.skills = all.ToDictionary(s => s.Id);
        modules = all.SelectMany(s => s.Modules).ToDictionary(m => m.Id);
        lessons = modules.Values.SelectMany(m => m.Lessons).ToDictionary(l => l.Id);
        observedTasks = all.SelectMany(s => s.ObservedTasks).ToDictionary(t => t.Id);
        practiceTasks = modules.Values.SelectMany(m => m.PracticeTasks).ToDictionary(t => t.Id);
    }

    public static Course Empty { get; } = new([]);

    /// <summary>"Giải thích từ": every term with its explanation, A–Z as Vietnamese sorts.</summary>
    public IReadOnlyList<GlossaryTerm> Glossary { get; init; } = [];

    /// <summary>The lessons that mark a term, in reading order.</summary>
    public IEnumerable<Lesson> LessonsUsing(GlossaryTerm term) =>
        (Starter is { } starter ? Skills.Prepend(starter) : Skills).SelectMany(LessonsOf).Where(l => l.Terms.Contains(term.Id));

    /// <summary>The five skills: what certificates, coverage, the dashboard, reports and posters count. Never the starter.</summary>
    public IReadOnlyList<Skill> Skills { get; }

    /// <summary>The starter section ("Bắt đầu với điện thoại", <c>starter: true</c>), read before skill 1 by people new
    /// to phones: its lessons, quizzes and practice tasks work like any skill's (the Find methods find them), but it
    /// is not one of <see cref="Skills"/>, so it earns no certificate and counts toward nothing.</summary>
    public Skill? Starter { get; }

    public int LessonCount => lessons.Count;

    public Skill? FindSkill(string id) => skills.GetValueOrDefault(id);

    public Module? FindModule(string id) => modules.GetValueOrDefault(id);

    public Lesson? FindLesson(string id) => lessons.GetValueOrDefault(id);

    /// <summary>A real task shown to the team, by its id (unique across the course).</summary>
    public ObservedTask? FindObservedTask(string id) => observedTasks.GetValueOrDefault(id);
    public PracticeTask? FindPracticeTask(string id) => practiceTasks.GetValueOrDefault(id);

    /// <summary>The lessons of a skill in reading order, across its modules.</summary>
    public IEnumerable<Lesson> LessonsOf(Skill skill) => skill.Modules.SelectMany(m => m.Lessons);

    public (Lesson? Previous, Lesson? Next) Neighbours(Lesson lesson)
    {
        var module = modules[lesson.ModuleId];
        var ordered = LessonsOf(skills[module.SkillId]).ToList();
        var i = ordered.FindIndex(l => l.Id == lesson.Id);
        return (i > 0 ? ordered[i - 1] : null, i < ordered.Count - 1 ? ordered[i + 1] : null);
    }
}

public sealed record Skill(string Id, string Title, int Order, string Summary, string IntroHtml, IReadOnlyList<Module> Modules)
{
    private readonly string? shortTitle;

    /// <summary>The name teams and posters use ("An toàn trên mạng"): menus, posters, certificate lists, dashboard
    /// labels. The title when the content gives none.</summary>
    public string ShortTitle { get => shortTitle ?? Title; init => shortTitle = value; }

    /// <summary>Whether the short name says something the title does not (then both are shown where people look for the skill).</summary>
    public bool HasOtherShortTitle => !string.Equals(ShortTitle, Title, StringComparison.Ordinal);

    /// <summary>Real tasks to do on the person's own phone, which a team member sees them do ("Tổ xác nhận").</summary>
    public IReadOnlyList<ObservedTask> ObservedTasks { get; init; } = [];

    /// <summary>The starter section (<see cref="Course.Starter"/>), not one of the five skills.</summary>
    public bool IsStarter { get; init; }
}

/// <summary>A real task of a skill, done by the person on their own phone while a team member watches.</summary>
public sealed record ObservedTask(string Id, string SkillId, string Title);

public sealed record Module(
    string Id, string SkillId, string Title, int Order, string Summary, string IntroHtml,
    IReadOnlyList<Lesson> Lessons, Quiz Quiz)
{
    /// <summary>The module's practice tasks ("Làm thử"), in order.</summary>
    public IReadOnlyList<PracticeTask> PracticeTasks { get; init; } = [];
}

public sealed record Lesson(string Id, string ModuleId, string Title, int Order, int Minutes, string Html)
{
    /// <summary>Its length as <see cref="LessonLength"/> counts it.</summary>
    public int Words { get; init; }

    /// <summary>The site URLs (with their version) of the pictures it shows: saved with it for reading offline.</summary>
    public IReadOnlyList<string> Pictures { get; init; } = [];

    /// <summary>The size of those pictures' files, for the "Lưu cả kỹ năng" estimate.</summary>
    public int PictureBytes { get; init; }

    /// <summary>Whether it holds a <c>::: kenh-cua-xa</c> block: worked out once, not on every page view.</summary>
    public bool UsesCommuneChannels { get; } = Html.Contains(MarkdownRenderer.CommuneChannelsHtml, StringComparison.Ordinal);

    /// <summary>The ids of the glossary terms it marks, explained at its end.</summary>
    public IReadOnlyList<string> Terms { get; init; } = [];

    /// <summary>Its parts as a team member records them (the opening, then each <c>##</c> part).</summary>
    public IReadOnlyList<LessonSection> Sections { get; init; } = [];
}

/// <summary>A module's quiz: a pool of questions of which each attempt draws <see cref="Draw"/>.</summary>
public sealed record Quiz(string ModuleId, int Draw, int? PassPercent, IReadOnlyList<QuizQuestion> Questions)
{
    public QuizQuestion? FindQuestion(int number) => Questions.FirstOrDefault(q => q.Number == number);
}

public sealed record QuizQuestion(int Number, string Text, string ScenarioHtml, IReadOnlyList<QuizOption> Options, string Explanation)
{
    public bool IsMultipleChoice => Options.Count(o => o.IsCorrect) > 1;

    public IEnumerable<int> CorrectOptions => Options.Where(o => o.IsCorrect).Select(o => o.Index);
}

public sealed record QuizOption(int Index, string Text, bool IsCorrect);

/// <summary>A problem found in the content, pointing at the file (relative to the content folder) and line.</summary>
public sealed record ContentProblem(string File, int Line, string Message, bool IsError = true)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}
