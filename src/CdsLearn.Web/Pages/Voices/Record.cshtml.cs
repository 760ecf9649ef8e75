using System.Security.Claims;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Voices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CdsLearn.Web.Pages.Voices;

/// <summary>A team member reads a lesson (or practice task) section by section in one language, for one of their
/// teams: record, listen, redo, save. Their consent is asked before the first recording; they may delete any of
/// their readings, or withdraw their consent, which deletes them all.</summary>
[UsesMicrophone]
public class RecordModel(CourseCatalog catalog, VoiceConsents consents, VoiceRemoval removal, VoiceLibrary library,
    IOptions<VoicesOptions> options, AppDbContext db) : PageModel
{
    public const string Deleted = "da-xoa";
    public const string Withdrawn = "da-rut";

    /// <summary>Every handler's fields; each handler reads its own. The recording to delete is looked for among the
    /// reader's own only (<see cref="VoiceRemoval"/>), whatever id is posted.</summary>
    public sealed class InputModel
    {
        public string? SpeakerName { get; set; }

        public bool Agree { get; set; }

        public bool ShowName { get; set; }

        public int RecordingId { get; set; }

        public bool Confirm { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public VoiceItem Item { get; private set; } = null!;

    public VoiceLanguage Language { get; private set; } = null!;

    public IReadOnlyList<VoiceLanguage> Languages => options.Value.Offered;

    public VoiceConsent? Consent { get; private set; }

    /// <summary>The consents given before, newest first (the one in force too): a withdrawal stays on record.</summary>
    public IReadOnlyList<VoiceConsent> History { get; private set; } = [];

    /// <summary>The reader's teams; a member of several chooses which one they read for.</summary>
    public IReadOnlyList<Team> Teams { get; private set; } = [];

    public Team? Team { get; private set; }

    public string? TeamName => Team?.Name;

    /// <summary>How many readings the reader has, in every lesson and language: what a withdrawal deletes.</summary>
    public int AllMine { get; private set; }

    public string? Done { get; private set; }

    public IReadOnlyDictionary<string, VoiceRecording> Mine { get; private set; } = new Dictionary<string, VoiceRecording>();

    public async Task<IActionResult> OnGetAsync(string id, [FromQuery(Name = "ngon-ngu")] string? language, [FromQuery(Name = "to")] int? team,
        [FromQuery(Name = "xong")] string? done, CancellationToken cancellationToken)
    {
        Done = done is Deleted or Withdrawn ? done : null;
        return await LoadAsync(id, language, team, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostConsentAsync(string id, [FromQuery(Name = "ngon-ngu")] string? language, [FromQuery(Name = "to")] int? team,
        CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, language, team, cancellationToken))
        {
            return NotFound();
        }
        var name = Input.SpeakerName?.Trim();
        if (!Input.Agree)
        {
            ModelState.AddModelError("Input.Agree", "Hãy đánh dấu đồng ý để ghi giọng đọc.");
        }
        if (string.IsNullOrEmpty(name))
        {
            ModelState.AddModelError("Input.SpeakerName", "Hãy ghi tên của bạn.");
        }
        else if (name.Length > 100)
        {
            ModelState.AddModelError("Input.SpeakerName", "Tên tối đa 100 ký tự.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await consents.GiveAsync(UserId, name!, Input.ShowName, cancellationToken);
        return Back(id, null);
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, [FromQuery(Name = "ngon-ngu")] string? language, [FromQuery(Name = "to")] int? team,
        CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, language, team, cancellationToken) || !await removal.DeleteOwnAsync(UserId, Input.RecordingId, cancellationToken))
        {
            return NotFound();
        }
        return Back(id, Deleted);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string id, [FromQuery(Name = "ngon-ngu")] string? language, [FromQuery(Name = "to")] int? team,
        CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, language, team, cancellationToken))
        {
            return NotFound();
        }
        if (Consent is null)
        {
            return Back(id, null);
        }
        if (!Input.Confirm)
        {
            ModelState.AddModelError("Input.Confirm", "Hãy đánh dấu ô xác nhận: mọi bản ghi của bạn sẽ bị xoá hẳn.");
            return Page();
        }
        await removal.WithdrawAsync(UserId, cancellationToken);
        return Back(id, Withdrawn);
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private RedirectToPageResult Back(string id, string? done) =>
        RedirectToPage("/Voices/Record", new RouteValueDictionary { ["id"] = id, ["ngon-ngu"] = Language.Code, ["to"] = Teams.Count > 1 ? Team?.Id : null, ["xong"] = done });

    /// <summary>False when the item is not in the course, or the team asked for is not one of the reader's.</summary>
    private async Task<bool> LoadAsync(string id, string? language, int? team, CancellationToken cancellationToken)
    {
        if (VoiceItem.Find(catalog.Current, id) is not { } item)
        {
            return false;
        }
        Item = item;
        Language = options.Value.Find(language) ?? Languages[0];
        Teams = await VoiceUploads.TeamsOf(db, UserId).AsNoTracking().ToListAsync(cancellationToken);
        Team = team is null ? Teams.FirstOrDefault() : Teams.FirstOrDefault(t => t.Id == team);
        if (team is not null && Team is null)
        {
            return false;
        }
        History = await consents.HistoryAsync(UserId, cancellationToken);
        Consent = History.FirstOrDefault(c => c.WithdrawnAt is null);
        AllMine = await db.VoiceRecordings.CountAsync(r => r.RecorderId == UserId, cancellationToken);
        Mine = (await library.ByRecorderAsync(UserId, id, cancellationToken)).Where(r => r.Language == Language.Code)
            .ToDictionary(r => r.SectionKey);
        return true;
    }
}
