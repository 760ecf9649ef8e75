using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Contests;

public static class ContestsServiceCollectionExtensions
{
    public static IServiceCollection AddContests(this IServiceCollection services) =>
        services.AddScoped<ContestService>().AddScoped<ContestGame>().AddScoped<ContestBoard>().AddSingleton<OpenedQuestions>();
}
