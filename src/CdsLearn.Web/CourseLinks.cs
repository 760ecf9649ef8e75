using CdsLearn.Households;
using CdsLearn.Learning;

namespace CdsLearn.Web;

/// <summary>
/// Links to the course's pages by page name, never a spelled-out address, for components and for what the library
/// describes without knowing the site (a next step, an assignment): renaming a page's route moves every link to it.
/// </summary>
public sealed class CourseLinks(LinkGenerator links, IHttpContextAccessor accessor)
{
    public string Skill(string skillId, string? fragment = null) => Page("/Content/Skill", new { id = skillId }, fragment);

    public string Lesson(string lessonId) => Page("/Content/Lesson", new { id = lessonId });

    public string Quiz(string moduleId) => Page("/Learning/Quiz", new { moduleId });

    public string Practice(string taskId) => Page("/Practice/Play", new { taskId });

    public string Certificate(string code) => Page("/Certificates/Show", new { code });

    public string Certificates() => Page("/Certificates/Index", null);

    /// <summary>Where a next step after a pass leads.</summary>
    public string Next(NextStep step) => step.Kind switch
    {
        NextStepKind.Certificate => Certificate(step.Certificate!.Code),
        NextStepKind.Lesson => Lesson(step.Lesson!.Id),
        NextStepKind.Practice => Practice(step.Task!.Id),
        NextStepKind.Quiz => Quiz(step.Module!.Id),
        NextStepKind.Observed => Skill(step.Skill.Id, "can-lam"),
        NextStepKind.NextSkill => Skill(step.Skill.Id),
        _ => Certificates(),
    };

    /// <summary>Where an assignment leads: its skill's page, at the module when it names one; the home page when the
    /// course no longer has it.</summary>
    public string Assignment(AssignmentView view) =>
        view.SkillId is { } skillId ? Skill(skillId, view.ModuleId) : Page("/Index", null);

    private string Page(string page, object? values, string? fragment = null)
    {
        var anchor = fragment is null ? default : new FragmentString("#" + fragment);
        var path = accessor.HttpContext is { } context
            ? links.GetPathByPage(context, page, values: values, fragment: anchor)
            : links.GetPathByPage(page, values: values, fragment: anchor);
        return path ?? throw new InvalidOperationException($"No route to the page {page}.");
    }
}
