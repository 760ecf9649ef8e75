using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Households;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Certificates;

/// <summary>What a coverage figure counts, stated from the configured rule (which skills "Công dân số" needs, what a
/// skill certificate rests on); public, like the rest of what a certificate means.</summary>
public class CoverageRuleModel(CertificateIssuer issuer, CourseCatalog catalog) : PageModel
{
    public CoverageRule Rule { get; private set; } = null!;

    public void OnGet() => Rule = Coverage.RuleOf(issuer, catalog.Current);

    /// <summary>What one skill's certificate takes under the rule, counted from the course: "3 bài kiểm tra, 3 bài làm
    /// thử chấm điểm, 2 việc tự làm cho Tổ xem" (the same words as what a learner still needs).</summary>
    public string NeedsOf(Skill skill) => Earning.MissingFor(skill, Rule.SkillRestsOn, CountedEvidence.None).Summary;
}
