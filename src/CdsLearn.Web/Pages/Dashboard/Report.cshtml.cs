using System.ComponentModel.DataAnnotations;
using CdsLearn.Accounts;
using CdsLearn.Audit;
using CdsLearn.Content;
using CdsLearn.Figures;
using CdsLearn.Reports;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CdsLearn.Web.Pages.Dashboard;

/// <summary>A commune's quarterly report (<see cref="QuarterlyReports"/>): shown, its difficulties written by those who
/// manage the commune, downloaded as XLSX or CSV (audited).</summary>
public class ReportModel(Figures.Dashboard dashboard, CourseCatalog catalog, QuarterlyReports reports, AuditLog audit, UserManager<AppUser> users)
    : DashboardPageModel(dashboard, catalog)
{
    public const int DifficultiesMaxLength = QuarterlyReports.DifficultiesMaxLength;

    [FromRoute]
    public int CommuneId { get; set; }

    public PlaceFigures Commune => Report.Commune;

    public ReportTable Table => Report.Table;

    [BindProperty]
    [StringLength(DifficultiesMaxLength, ErrorMessage = "Phần khó khăn, vướng mắc dài quá {1} ký tự.")]
    public string? Difficulties { get; set; }

    public bool Saved { get; private set; }

    /// <summary>Who may write the commune's "difficulties": its officers and province staff.</summary>
    public bool MayWrite => QuarterlyReports.MayWrite(Scope, CommuneId);

    private QuarterlyReport Report { get; set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        Difficulties = Report.Difficulties;
        Saved = Request.Query.ContainsKey("da-luu");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        if (!MayWrite)
        {
            // A commune-wide team's members read the report; only the commune's officers and the province write it.
            return Forbid();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await reports.SaveDifficultiesAsync(CommuneId, Quarter, Difficulties, users.GetUserId(User)!, cancellationToken);
        return RedirectToPage("/Dashboard/Report", new RouteValueDictionary { ["communeId"] = CommuneId, ["quy"] = Quarter.Key, ["da-luu"] = 1 });
    }

    public async Task<IActionResult> OnGetExportAsync([FromQuery(Name = "dinh-dang")] string? format, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        await audit.RecordAsync(users.GetUserId(User)!, "dashboard.export", $"report;commune={CommuneId};quy={Quarter.Key};format={format}", cancellationToken);
        return ReportFile.Of(Report.ForExport(), format);
    }

    /// <summary>The commune must be one the user sees whole (the scope filter has already refused any other).</summary>
    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Report = (await reports.FindAsync(Scope, CommuneId, Quarter, cancellationToken))!;
        return Report is not null;
    }
}
