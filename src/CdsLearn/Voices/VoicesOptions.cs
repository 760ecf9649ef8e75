namespace CdsLearn.Voices;

/// <summary>Section <c>Voices</c>: the languages teams record in, and the limits of one section's recording.</summary>
public sealed class VoicesOptions
{
    public const string Section = "Voices";

    /// <summary>The languages offered, in order (a province adds its own: Mường, Dao, Khơ Mú…). A code is a few
    /// lower-case letters; it names the language in addresses and in the learner's remembered choice.</summary>
    public List<VoiceLanguage> Languages { get; set; } = [];

    public static IReadOnlyList<VoiceLanguage> DefaultLanguages { get; } =
    [
        new() { Code = "vi", Label = "Tiếng Việt" },
        new() { Code = "thai", Label = "Tiếng Thái" },
        new() { Code = "hmong", Label = "Tiếng H'Mông" },
    ];

    /// <summary>The configured languages, or the default three when none are configured.</summary>
    public IReadOnlyList<VoiceLanguage> Offered => Languages.Count > 0 ? Languages : DefaultLanguages;

    /// <summary>An upload not finished this long after it began is abandoned: it and its part are deleted
    /// (<see cref="VoiceUploadSweep"/>).</summary>
    public TimeSpan AbandonedUploadsAfter { get; set; } = TimeSpan.FromHours(24);

    public VoiceLanguage? Find(string? code) => Offered.FirstOrDefault(l => l.Code == code);
}

public sealed class VoiceLanguage
{
    public string Code { get; set; } = "";

    /// <summary>Its name in Vietnamese, as the pages show it.</summary>
    public string Label { get; set; } = "";
}
