using CdsLearn.Accounts;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Households;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CdsLearn.Cli;

/// <summary>
/// The platform's services for commands that touch the database: the same data folder (CDSLEARN_DATA, or --data)
/// and connection string as the site, with the committed migrations applied first.
/// </summary>
public static class CliHost
{
    public static Task<IServiceProvider> StartAsync(string? dataFolder, CancellationToken cancellationToken) =>
        StartAsync(dataFolder, [], cancellationToken);

    /// <param name="settings">Configuration that wins over the environment's, e.g. Seed:DemoData off.</param>
    public static async Task<IServiceProvider> StartAsync(string? dataFolder, IEnumerable<KeyValuePair<string, string?>> settings, CancellationToken cancellationToken)
    {
        // A command reads its settings once and ends: it watches no settings file (each watcher is an inotify instance,
        // a host does not give it back, and the tests run hundreds of commands in one process).
        var initial = new ConfigurationManager();
        initial.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
            Configuration = initial,
        });
        if (!string.IsNullOrWhiteSpace(dataFolder))
        {
            // Both keys: DataFolder.Resolve reads CDSLEARN_DATA first, and --data must win over the environment.
            var path = Path.GetFullPath(dataFolder);
            builder.Configuration.AddInMemoryCollection([new("Data:Folder", path), new("CDSLEARN_DATA", path)]);
        }
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var folder = DataFolder.Resolve(builder.Configuration, Directory.GetCurrentDirectory());
        builder.Services.AddCdsLearnData(builder.Configuration, folder);
        builder.Services.AddAccounts();
        builder.Services.AddHouseholds();
        builder.Services.AddContent();
        builder.Services.AddSingleton(TimeProvider.System);
        var host = builder.Build();
        foreach (var service in host.Services.GetServices<IHostedService>().OfType<DatabaseMigrator>())
        {
            await service.StartAsync(cancellationToken);
        }
        return host.Services;
    }
}
