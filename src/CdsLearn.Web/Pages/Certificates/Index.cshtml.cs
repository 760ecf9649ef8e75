using CdsLearn.Accounts;
using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Learning;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Certificates;

public class IndexModel(CourseCatalog catalog, ProgressService progress, Learning.AssistedSession session) : PageModel
{
    public IReadOnlyList<Certificate> Certificates { get; private set; } = [];

    public IReadOnlyList<SkillProgress> Skills { get; private set; } = [];

    public string TitleOf(Certificate certificate) => CertificateIssuer.TitleOf(catalog.Current, certificate.SkillId);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var learner = await progress.GetAsync((await session.CurrentAsync(cancellationToken))?.UserId, cancellationToken);
        Certificates = learner.Certificates.OrderBy(c => c.IssuedAt).ToList();
        Skills = catalog.Current.Skills.Select(s => learner.For(catalog.Current, s)).ToList();
    }
}
