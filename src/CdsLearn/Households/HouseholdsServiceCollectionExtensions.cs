using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Households;

public static class HouseholdsServiceCollectionExtensions
{
    public static IServiceCollection AddHouseholds(this IServiceCollection services)
    {
        services.AddScoped<ScopeService>();
        services.AddScoped<HouseholdDirectory>();
        services.AddScoped<HouseholdEditor>();
        services.AddScoped<CoverageReport>();
        services.AddScoped<HouseholdExport>();
        services.AddScoped<HouseholdDetails>();
        services.AddScoped<AssignmentService>();
        services.AddScoped<AssistedAccounts>();
        services.AddScoped<TeamService>();
        services.AddScoped<PersonEraser>();
        services.AddScoped<Audit.AuditLog>();
        services.AddScoped<Imports.HouseholdImporter>();
        services.AddScoped<Imports.GeographyImporter>();
        return services;
    }
}
