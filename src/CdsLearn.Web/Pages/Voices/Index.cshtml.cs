using CdsLearn.Voices;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Voices;

/// <summary>"Tình hình ghi giọng đọc": per language, how many sections are approved, waiting, rejected, missing; and
/// per lesson and task, the same.</summary>
public class IndexModel(VoiceLibrary library) : PageModel
{
    public IReadOnlyList<LanguageStats> Stats { get; private set; } = [];

    public IReadOnlyList<VoiceLanguage> Languages => library.Languages;

    public ILookup<string, ItemProgress> Progress { get; private set; } = Enumerable.Empty<ItemProgress>().ToLookup(p => p.Item.Id);

    public IReadOnlyList<VoiceItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Stats = await library.StatsAsync(cancellationToken);
        var progress = await library.ProgressAsync(cancellationToken);
        Items = progress.Select(p => p.Item).DistinctBy(i => i.Id).ToList();
        Progress = progress.ToLookup(p => p.Item.Id);
    }
}
