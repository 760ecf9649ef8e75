using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CdsLearn.Learning;

public static class LearningServiceCollectionExtensions
{
    public static IServiceCollection AddLearning(this IServiceCollection services)
    {
        services.AddOptions<LearningOptions>().BindConfiguration(LearningOptions.Section)
            .Validate(o => o.PassPercent is >= 1 and <= 100, "Learning:PassPercent must be between 1 and 100");
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<QuizDrawProtector>();
        services.AddSingleton<QuizAttemptWriter>();
        services.AddSingleton<PracticeDrawProtector>();
        services.AddScoped<QuizService>();
        services.AddScoped<PracticeService>();
        services.AddScoped<ProgressService>();
        services.AddScoped<TaskObservationService>();
        services.AddScoped<HouseholdGoals>();
        return services;
    }
}
