using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Voices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CdsLearn.Web.Pages.Voices;

/// <summary>A team member reads a lesson (or practice task) section by section in one language: record, listen,
/// redo, save. Their consent is asked once, before the first recording.</summary>
[UsesMicrophone]
public class RecordModel(CourseCatalog catalog, VoiceConsents consents, VoiceLibrary library, IOptions<VoicesOptions> options, AppDbContext db) : PageModel
{
    public sealed class ConsentInput
    {
        [Required(ErrorMessage = "Hãy ghi tên của bạn.")]
        [StringLength(100, ErrorMessage = "Tên tối đa 100 ký tự.")]
        public string? SpeakerName { get; set; }

        public bool Agree { get; set; }

        public bool ShowName { get; set; }
    }

    [BindProperty]
    public ConsentInput Input { get; set; } = new();

    public VoiceItem Item { get; private set; } = null!;

    public VoiceLanguage Language { get; private set; } = null!;

    public IReadOnlyList<VoiceLanguage> Languages => options.Value.Offered;

    public VoiceConsent? Consent { get; private set; }

    public string? TeamName { get; private set; }

    public IReadOnlyDictionary<string, VoiceRecording> Mine { get; private set; } = new Dictionary<string, VoiceRecording>();

    public async Task<IActionResult> OnGetAsync(string id, [FromQuery(Name = "ngon-ngu")] string? language, CancellationToken cancellationToken) =>
        await LoadAsync(id, language, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostConsentAsync(string id, [FromQuery(Name = "ngon-ngu")] string? language, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, language, cancellationToken))
        {
            return NotFound();
        }
        if (!Input.Agree)
        {
            ModelState.AddModelError("Input.Agree", "Hãy đánh dấu đồng ý để ghi giọng đọc.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await consents.GiveAsync(UserId, Input.SpeakerName!.Trim(), Input.ShowName, cancellationToken);
        return RedirectToPage("/Voices/Record", new Microsoft.AspNetCore.Routing.RouteValueDictionary { ["id"] = id, ["ngon-ngu"] = Language.Code });
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private async Task<bool> LoadAsync(string id, string? language, CancellationToken cancellationToken)
    {
        if (VoiceItem.Find(catalog.Current, id) is not { } item)
        {
            return false;
        }
        Item = item;
        Language = options.Value.Find(language) ?? Languages[0];
        Consent = await consents.FindAsync(UserId, cancellationToken);
        TeamName = await db.TeamMembers.Where(m => m.UserId == UserId).OrderBy(m => m.TeamId)
            .Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => t.Name).FirstOrDefaultAsync(cancellationToken);
        Mine = (await library.ByRecorderAsync(UserId, id, cancellationToken)).Where(r => r.Language == Language.Code)
            .ToDictionary(r => r.SectionKey);
        return true;
    }
}
