using CdsLearn.Accounts;
using CdsLearn.Content;
using CdsLearn.Learning;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages;

public class IndexModel(CourseCatalog catalog, ProgressService progress, UserManager<AppUser> users) : PageModel
{
    public Course Course { get; private set; } = Course.Empty;

    public LearnerProgress Progress { get; private set; } = LearnerProgress.None;

    public bool SignedIn { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Course = catalog.Current;
        var userId = users.GetUserId(User);
        SignedIn = userId is not null;
        Progress = await progress.GetAsync(userId, cancellationToken);
    }
}
