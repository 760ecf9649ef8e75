using CdsLearn.Voices;

namespace CdsLearn.Web.Pages.Voices;

/// <summary>
/// "Nghe giọng đọc của Tổ" on a page whose sections have approved readings (drawn by _PlayerBox.cshtml): what the player
/// (voices.js) plays and where it puts each section's button. <paramref name="Opening"/> is the element whose start
/// takes section 0's button (a lesson's text; none for a task), <paramref name="Sections"/> the elements after which
/// sections 1, 2, … go (a lesson's <c>h2</c>s, a task's steps).
/// </summary>
public sealed record VoicePlayerBox(string ItemId, IReadOnlyList<VoiceLanguage> Languages, string? Opening, string Sections)
{
    public static VoicePlayerBox Lesson(string lessonId, IReadOnlyList<VoiceLanguage> languages) =>
        new(lessonId, languages, ".lesson .prose", ".lesson .prose h2");

    public static VoicePlayerBox Task(string taskId, IReadOnlyList<VoiceLanguage> languages) =>
        new(taskId, languages, null, ".practice .step .instruction");

    /// <summary>"Nghe giọng đọc của Tổ (Tiếng Thái, Tiếng H'Mông)": the languages there are readings in.</summary>
    public string Label => $"Nghe giọng đọc của Tổ ({string.Join(", ", Languages.Select(l => l.Label))})";
}
