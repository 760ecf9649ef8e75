using System.Security.Claims;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Voices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CdsLearn.Web.Pages.Voices;

/// <summary>"Duyệt giọng đọc": a commune officer hears their commune's teams' recordings (province staff every one)
/// and approves or rejects each with a note; only approved ones reach learners.</summary>
public class ReviewModel(VoiceReview review, CourseCatalog catalog, IOptions<VoicesOptions> options, AppDbContext db) : PageModel
{
    public sealed class DecisionInput
    {
        public int RecordingId { get; set; }

        public VoiceDecision Decision { get; set; }

        public string? Note { get; set; }
    }

    public sealed record Row(VoiceRecording Recording, string Item, string Section, string Language, string Reader, string Team);

    [BindProperty]
    public DecisionInput Input { get; set; } = new();

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public bool Saved { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "da-luu")] bool saved, CancellationToken cancellationToken)
    {
        Saved = saved;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var scope = ScopeFilter.ScopeOf(HttpContext);
        var error = await review.DecideAsync(scope, User.FindFirstValue(ClaimTypes.NameIdentifier)!, Input.RecordingId, Input.Decision, Input.Note, cancellationToken);
        if (error is not null)
        {
            ModelState.AddModelError("Input.Note", error);
            await LoadAsync(cancellationToken);
            return Page();
        }
        return RedirectToPage("/Voices/Review", new Microsoft.AspNetCore.Routing.RouteValueDictionary { ["da-luu"] = true });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var recordings = await review.ListAsync(ScopeFilter.ScopeOf(HttpContext), cancellationToken);
        var readers = recordings.Select(r => r.RecorderId).Distinct().ToList();
        var teams = recordings.Select(r => r.TeamId).Distinct().ToList();
        var names = await db.Users.Where(u => readers.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName ?? u.UserName ?? "", cancellationToken);
        var teamNames = await db.Teams.Where(t => teams.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        Rows = recordings.Select(r =>
        {
            var item = VoiceItem.Find(catalog.Current, r.ItemId);
            return new Row(r, item?.Title ?? r.ItemId, item?.FindSection(r.SectionKey)?.Title ?? r.SectionKey,
                options.Value.Find(r.Language)?.Label ?? r.Language, names.GetValueOrDefault(r.RecorderId, ""), teamNames.GetValueOrDefault(r.TeamId, ""));
        }).ToList();
    }
}
