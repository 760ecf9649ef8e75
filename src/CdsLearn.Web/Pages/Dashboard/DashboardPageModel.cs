using System.Globalization;
using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Figures;
using CdsLearn.Households;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Dashboard;

/// <summary>What every dashboard page shares: the user's scope (checked by the scope filter), the chosen quarter and the course.</summary>
public abstract class DashboardPageModel(Figures.Dashboard dashboard, CourseCatalog catalog) : PageModel
{
    protected Figures.Dashboard Figures => dashboard;

    public Course Course => catalog.Current;

    public Scope Scope => ScopeFilter.ScopeOf(HttpContext);

    /// <summary>The quarter shown, from <c>?quy=20264</c>; the current one by default, never a future one.</summary>
    [BindProperty(SupportsGet = true, Name = "quy")]
    public string? QuarterKey { get; set; }

    public Quarter Quarter => global::CdsLearn.Figures.Quarter.TryParse(QuarterKey, out var q) && q.Key <= dashboard.CurrentQuarter.Key ? q : dashboard.CurrentQuarter;

    public Quarter CurrentQuarter => dashboard.CurrentQuarter;

    /// <summary>The quarters offered in the quarter picker: the last eight.</summary>
    public IEnumerable<Quarter> RecentQuarters
    {
        get
        {
            var q = dashboard.CurrentQuarter;
            for (var i = 0; i < 8; i++, q = q.Previous)
            {
                yield return q;
            }
        }
    }

    /// <summary>The skills of the course (by their short names) and "Công dân số", in the order certificates are shown.</summary>
    public IEnumerable<(string Id, string Title)> CertificateKinds =>
        Course.Skills.Select(s => (s.Id, s.ShortTitle)).Append((Certificate.DigitalCitizen, "Công dân số"));

    /// <summary>The "quy" a link to another figure page carries to stay in this quarter: none for the current one.</summary>
    public string? QuarterRoute => Quarter == CurrentQuarter ? null : Quarter.Key.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Numbers as the province writes them: 12.345 and 45,5 %.</summary>
public static class Numbers
{
    // Explicit rather than the request's culture, so a figure reads the same wherever it is formatted.
    private static CultureInfo Vietnamese => SiteCulture.Vietnamese;

    public static string Count(int value) => value.ToString("N0", Vietnamese);

    public static string Percent(double share) => (share * 100).ToString("0.#", Vietnamese) + " %";
}
