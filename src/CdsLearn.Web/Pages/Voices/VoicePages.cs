using CdsLearn.Accounts;

namespace CdsLearn.Web.Pages.Voices;

/// <summary>Who may use the voice pages: team members record; commune officers (their communes' teams) and province
/// staff review and see the province's progress, each review loading the recording through their scope. The pages
/// carry their own [Authorize] (and the review page the <see cref="ScopeFilter"/>), so Program.cs keeps one line for them.</summary>
public static class VoicePages
{
    public const string Recorders = "VoiceRecorders";

    public static IServiceCollection AddVoicePages(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(Recorders, policy => policy.RequireRole(Roles.TeamMember));
        return services;
    }
}
