using CdsLearn.Content;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CdsLearn.Web.Tests.Infrastructure;

/// <summary>
/// The test projects start a few hundred sites side by side, and every file watcher is an inotify instance, of which
/// Debian allows 128 per user: a test site watches no file it need not, and gives back the ones it had when disposed
/// (see CdsLearnFactory.ReleaseFileWatchers).
/// </summary>
public class TestSiteTests(DemoSiteFactory factory) : IClassFixture<DemoSiteFactory>
{
    [Fact]
    public void ATestSiteWatchesNeitherItsSettingsFilesNorTheCourse()
    {
        var configuration = (IConfigurationRoot)factory.Services.GetRequiredService<IConfiguration>();
        var files = configuration.Providers.OfType<FileConfigurationProvider>().ToList();
        Assert.Contains(files, p => p.Source.Path == "appsettings.Development.json");
        Assert.All(files, p => Assert.False(p.Source.ReloadOnChange, p.Source.Path));
        Assert.False(factory.Services.GetRequiredService<IOptions<ContentOptions>>().Value.Watch);
    }
}

/// <summary>Counts this process's inotify instances, so it runs alone.</summary>
[CollectionDefinition(nameof(TestSiteWatcherTests), DisableParallelization = true)]
[Collection(nameof(TestSiteWatcherTests))]
public class TestSiteWatcherTests
{
    [Fact]
    public async Task ADisposedTestSiteGivesBackItsFileWatchers()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "counts inotify instances in /proc/self/fd");
        var before = InotifyInstances();
        var site = new CdsLearnFactory();
        using (var client = site.CreateClient())
        {
            // Every page's layout links its styles with asp-append-version, which watches the web root.
            var home = await client.GetAsync("/", TestContext.Current.CancellationToken);
            home.EnsureSuccessStatusCode();
        }
        Assert.True(InotifyInstances() > before, "the running site watches its web root");
        await site.DisposeAsync();
        Assert.Equal(before, InotifyInstances());
    }

    private static int InotifyInstances() => Directory.GetFiles("/proc/self/fd").Count(fd =>
    {
        try
        {
            return new FileInfo(fd).LinkTarget == "anon_inode:inotify";
        }
        catch (IOException)
        {
            return false; // closed while counting
        }
    });
}
