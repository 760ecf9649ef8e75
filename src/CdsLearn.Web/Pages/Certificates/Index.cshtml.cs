using CdsLearn.Accounts;
using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Learning;
using CdsLearn.Web.Pages.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Certificates;

[SignInPurpose("xem chứng chỉ của bạn", "trang chứng chỉ")]
public class IndexModel(
    CourseCatalog catalog, ProgressService progress, Learning.AssistedSession session, TaskObservationService observations,
    CertificateIssuer issuer, UserManager<AppUser> users) : PageModel
{
    /// <summary>What the Tổ CNSCĐ saw this person do on their own phone ("Tổ xác nhận").</summary>
    public IReadOnlyList<ObservationView> Observations { get; private set; } = [];

    /// <summary>Only the person, signed in as themselves, may say a record is wrong; not a team member helping them.</summary>
    public bool CanDispute { get; private set; }

    public IReadOnlyList<Certificate> Certificates { get; private set; } = [];

    public IReadOnlyList<SkillProgress> Skills { get; private set; } = [];

    public string TitleOf(Certificate certificate) => CertificateIssuer.ShortTitleOf(catalog.Current, certificate.SkillId);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var acting = await session.CurrentAsync(cancellationToken);
        var learner = await progress.GetAsync(acting?.UserId, cancellationToken);
        Skills = catalog.Current.Skills.Select(s => learner.For(catalog.Current, s)).ToList();
        if (acting is not null && Skills.Any(s => s.Certificate is null && s.Missing.IsEmpty && s.Skill.Modules.Count > 0))
        {
            // Earned but not issued: the province eased the rule, or the event that earned it did not get to issue
            // it (certificates are worked out from stored evidence, so this catches up).
            await issuer.IssueEarnedAsync([acting.UserId], cancellationToken);
            learner = await progress.GetAsync(acting.UserId, cancellationToken);
            Skills = catalog.Current.Skills.Select(s => learner.For(catalog.Current, s)).ToList();
        }
        Certificates = learner.Certificates.OrderBy(c => c.IssuedAt).ToList();
        if (acting is not null)
        {
            Observations = await observations.ForLearnerAsync(acting.UserId, cancellationToken);
            CanDispute = !acting.IsAssisted;
        }
    }

    /// <summary>"Tôi không làm việc này": marks one of the signed-in person's own records disputed. Another
    /// person's record id finds nothing (404); so does a request made during "Học cùng tổ".</summary>
    public async Task<IActionResult> OnPostDisputeAsync(long observationId, CancellationToken cancellationToken)
    {
        var acting = await session.CurrentAsync(cancellationToken);
        var userId = users.GetUserId(User);
        if (acting is null || acting.IsAssisted || userId is null || acting.UserId != userId
            || !await observations.DisputeAsync(userId, observationId, cancellationToken))
        {
            return NotFound();
        }
        return RedirectToPage("/Certificates/Index", null, "to-xac-nhan");
    }
}
