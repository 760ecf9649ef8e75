using CdsLearn.Cli;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Tests.Cli;

public sealed class CliHostTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "cdslearn-tests", Guid.NewGuid().ToString("N"));

    /// <summary>A command reads its settings once: a watcher would be an inotify instance that its host never gives
    /// back, and this project runs hundreds of commands in one process (a run held 58 before).</summary>
    [Fact]
    public async Task ACommandWatchesNoSettingsFile()
    {
        var services = await CliHost.StartAsync(folder, TestContext.Current.CancellationToken);

        var configuration = (IConfigurationRoot)services.GetRequiredService<IConfiguration>();
        var files = configuration.Providers.OfType<FileConfigurationProvider>().ToList();
        Assert.Contains(files, p => p.Source.Path == "appsettings.json");
        Assert.All(files, p => Assert.False(p.Source.ReloadOnChange, p.Source.Path));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
