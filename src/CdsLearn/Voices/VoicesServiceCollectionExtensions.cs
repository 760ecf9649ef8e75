using CdsLearn.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CdsLearn.Voices;

public static class VoicesServiceCollectionExtensions
{
    /// <summary>Lessons read aloud by the teams, in the learners' languages: storage, uploads, review and playback.</summary>
    public static IServiceCollection AddVoices(this IServiceCollection services)
    {
        services.AddOptions<VoicesOptions>().BindConfiguration(VoicesOptions.Section).Validate(
            o => o.Offered.All(l => l.Code.Length is > 0 and <= 20 && l.Code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) && l.Label.Length > 0)
                 && o.Offered.Select(l => l.Code).Distinct().Count() == o.Offered.Count,
            "Voices:Languages: each needs a Code (lower-case letters and digits, unique) and a Label")
            .Validate(o => o.AbandonedUploadsAfter >= TimeSpan.FromMinutes(10), "Voices:AbandonedUploadsAfter: at least 00:10:00").ValidateOnStart();
        services.TryAddSingleton<IAudioStore>(sp => new FolderAudioStore(sp.GetRequiredService<DataFolder>()));
        services.AddScoped<VoiceUploads>();
        services.AddScoped<VoiceReview>();
        services.AddScoped<VoiceLibrary>();
        services.AddSingleton<VoiceAvailability>();
        services.AddScoped<VoiceConsents>();
        services.AddScoped<VoiceRemoval>();
        services.AddScoped<VoiceUploadSweep>();
        // Every change to what learners hear is announced once, here; the lesson pages' cache hears it.
        services.AddSingleton(sp =>
        {
            var publications = new VoicePublications();
            var availability = sp.GetRequiredService<VoiceAvailability>();
            publications.ItemsChanged += _ => availability.Changed();
            return publications;
        });
        services.AddHostedService<VoiceUploadSweeper>();
        services.AddScoped<IDbSeeder, VoiceSectionCheck>();
        return services;
    }
}
