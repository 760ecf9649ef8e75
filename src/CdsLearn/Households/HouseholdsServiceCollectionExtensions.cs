using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Households;

public static class HouseholdsServiceCollectionExtensions
{
    public static IServiceCollection AddHouseholds(this IServiceCollection services)
    {
        services.AddScoped<ScopeService>();
        services.AddScoped<HouseholdDirectory>();
        services.AddScoped<HouseholdEditor>();
        services.AddScoped<Audit.AuditLog>();
        return services;
    }
}
