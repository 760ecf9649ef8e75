using CdsLearn.Accounts;
using CdsLearn.Content;
using CdsLearn.Households;
using CdsLearn.Web.Pages.Learning;
using CdsLearn.Learning;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages;

public class IndexModel(CourseCatalog catalog, ProgressService progress, AssignmentService assignments, AssistedSession session, CdsLearn.Contests.ContestService contests, HouseholdGoals goals) : PageModel
{
    public Course Course { get; private set; } = Course.Empty;

    public LearnerProgress Progress { get; private set; } = LearnerProgress.None;

    public bool SignedIn { get; private set; }

    /// <summary>For a household member: is the household covered, else how far the learner is toward "Công dân số".</summary>
    public HouseholdGoal? Goal { get; private set; }

    /// <summary>"Bài được giao": what the learner's team gave them (or their household), not yet done first.</summary>
    public IReadOnlyList<AssignmentView> Assigned { get; private set; } = [];

    /// <summary>"Cuộc thi đã tham gia": live contests the learner played while signed in.</summary>
    public IReadOnlyList<CdsLearn.Contests.PlayedContest> Played { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Course = catalog.Current;
        var userId = (await session.CurrentAsync(cancellationToken))?.UserId;
        SignedIn = userId is not null;
        Progress = await progress.GetAsync(userId, cancellationToken);
        if (userId is not null)
        {
            Assigned = (await assignments.ForLearnerAsync(userId, cancellationToken)).OrderBy(a => a.Status == AssignmentStatus.Done).ToList();
            Played = await contests.PlayedByAsync(userId, cancellationToken);
            Goal = await goals.ForLearnerAsync(userId, Progress, cancellationToken);
        }
    }
}
