using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Channels;

public static class ChannelsServiceCollectionExtensions
{
    /// <summary>"Kênh của xã": the communes' Zalo and feedback channels, read by the lessons and set by the communes.</summary>
    public static IServiceCollection AddChannels(this IServiceCollection services)
    {
        services.AddScoped<ChannelService>();
        return services;
    }
}
