using CdsLearn.Accounts;
using CdsLearn.Channels;
using CdsLearn.Data;
using CdsLearn.Households;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Web.Pages.Channels;

/// <summary>The communes whose channels the user sets (an officer's own, every one for province staff), and for
/// province staff the province's default feedback channel, shown where a commune gives none.</summary>
public class SettingsModel(ChannelService channels, ScopeService scopes, AppDbContext db, UserManager<AppUser> users) : PageModel
{
    public sealed record Row(int Id, string Name, bool HasZalo, bool HasFeedback);

    [BindProperty]
    public ChannelInput Input { get; set; } = new();

    public IReadOnlyList<Row> Communes { get; private set; } = [];

    public bool MaySetProvince { get; private set; }

    public bool Saved { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "da-luu")] bool saved, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Saved = saved;
        var current = await channels.ProvinceDefaultAsync(cancellationToken);
        Input = new ChannelInput { FeedbackUrl = current.FeedbackUrl, FeedbackText = current.FeedbackText };
    }

    /// <summary>The province's default: province staff only.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (!MaySetProvince)
        {
            return Forbid();
        }
        // The default is a feedback channel only: a Zalo link belongs to a commune.
        var settings = Input.ToSettings() with { ZaloUrl = null };
        foreach (var (field, message) in ChannelRules.Validate(settings))
        {
            ModelState.AddModelError($"Input.{field}", message);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await channels.SaveProvinceDefaultAsync(settings, users.GetUserId(User)!, cancellationToken);
        return RedirectToPage("/Channels/Settings", new RouteValueDictionary { ["da-luu"] = "true" });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var scope = await scopes.ForAsync(User, cancellationToken);
        MaySetProvince = scope.WholeProvince;
        var rows = await scope.ManagedCommunes(db).AsNoTracking()
            .Select(c => new { c.Id, c.Kind, c.Name, HasZalo = c.ZaloUrl != null, HasFeedback = c.FeedbackUrl != null || c.FeedbackText != null })
            .ToListAsync(cancellationToken);
        var order = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), false);
        Communes = rows.Select(r => new Row(r.Id, Geography.Commune.DisplayNameOf(r.Kind, r.Name), r.HasZalo, r.HasFeedback))
            .OrderBy(r => r.Name, order).ToList();
    }
}
