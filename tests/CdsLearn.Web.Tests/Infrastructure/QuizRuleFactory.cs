namespace CdsLearn.Web.Tests.Infrastructure;

/// <summary>
/// The site with skill certificates resting on quizzes alone (a rule the province may choose), for tests about what
/// follows from a certificate (figures, coverage, revocation, verification): one quiz pass per module earns it, where
/// the default rule also needs assessed practice tasks and the team's observations (see CertificateRuleTests).
/// </summary>
public class QuizRuleFactory : CdsLearnFactory
{
    protected override string? CertificateRule => "Quizzes";
}
