using CdsLearn.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Voices;

/// <summary>Who may use the voice pages: team members record; commune officers (their communes' teams) and province
/// staff review and see the province's progress, each review loading the recording through their scope.</summary>
public static class VoicePages
{
    public const string Recorders = "VoiceRecorders";

    public static IServiceCollection AddVoicePages(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicy(Recorders, policy => policy.RequireRole(Roles.TeamMember));
        services.Configure<RazorPagesOptions>(options =>
        {
            options.Conventions.AuthorizePage("/Voices/Record", Recorders);
            options.Conventions.AuthorizePage("/Voices/Review", AuthorizationPolicies.TeamManagers);
            options.Conventions.AuthorizePage("/Voices/Index", AuthorizationPolicies.TeamManagers);
            options.Conventions.AddPageApplicationModelConvention("/Voices/Review",
                model => model.Filters.Add(new ServiceFilterAttribute(typeof(ScopeFilter))));
        });
        return services;
    }
}
