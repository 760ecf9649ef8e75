using System.Collections.Concurrent;
using CdsLearn.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CdsLearn.Web.Tests.Infrastructure;

/// <summary>
/// The real site in process, on its own database (see <see cref="TestDatabase"/>) and a fresh data folder, with the
/// course from the repository.
/// </summary>
public class CdsLearnFactory : WebApplicationFactory<Program>
{
    public CdsLearnFactory()
        : this(Path.Combine(Path.GetTempPath(), "cdslearn-tests", Guid.NewGuid().ToString("N")), ownsDataFolder: true)
    {
    }

    /// <summary>A site on <paramref name="dataFolder"/>, e.g. another site's: the same site started again. The folder
    /// is removed on disposal only if this site <paramref name="ownsDataFolder"/>.</summary>
    protected CdsLearnFactory(string dataFolder, bool ownsDataFolder)
    {
        DataFolder = dataFolder;
        this.ownsDataFolder = ownsDataFolder;
    }

    public string DataFolder { get; }

    private readonly bool ownsDataFolder;

    private readonly TestDatabase database = new();

    /// <summary>The database's connection string (PostgreSQL only; SQLite lives in the data folder).</summary>
    public string? DatabaseConnectionString => database.ConnectionString;

    /// <summary>Another site's database to run on (PostgreSQL), instead of a fresh one of its own.</summary>
    protected virtual string? JoinDatabase => null;

    /// <summary>"Testing" starts empty (roles and communes only); "Development" also seeds the demo data.</summary>
    protected virtual string EnvironmentName => "Testing";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        // Watch no settings files nor the course: see ReleaseFileWatchers.
        builder.UseSetting("hostBuilder:reloadConfigOnChange", "false");
        builder.UseSetting("Content:Watch", "false");
        builder.UseSetting("Data:Folder", DataFolder);
        database.Configure(builder, JoinDatabase);
        builder.UseSetting("Seed:DemoPassword", DemoPassword);
        if (CertificateRule is { } rule)
        {
            builder.UseSetting("Certificates:SkillRestsOn", rule);
        }
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Scoped<IPasswordHasher<AppUser>>(sp =>
            new RememberingHasher(new PasswordHasher<AppUser>(sp.GetRequiredService<IOptions<PasswordHasherOptions>>())))));
        if (!KeepRateLimits)
        {
            // Tests sign in and submit far faster than people do; RateLimitTests keep the real limits.
            builder.UseSetting("RateLimits:SignInPerMinute", "100000");
            builder.UseSetting("RateLimits:VerifyPerMinute", "100000");
            builder.UseSetting("RateLimits:QuizSubmitsPerMinute", "100000");
            builder.UseSetting("RateLimits:RegistrationsPerHour", "100000");
            builder.UseSetting("RateLimits:PasswordChangesPerMinute", "100000");
            builder.UseSetting("RateLimits:JoinCodesPerMinute", "100000");
        }
    }

    /// <summary>
    /// Every file watcher is an inotify instance, Debian allows 128 per user, and the test projects start a few hundred
    /// sites side by side. A disposed host keeps two: its settings files' (none here: test sites do not reload
    /// settings) and its web root's, which asp-append-version's file versions watch, in a file provider the host never
    /// disposes. Full runs held 100 to 128 of them and sites failed to start; so the environments' providers are
    /// disposed here.
    /// </summary>
    private void ReleaseFileWatchers()
    {
        foreach (var environment in environments)
        {
            Release(environment.WebRootFileProvider);
            Release(environment.ContentRootFileProvider);
        }

        static void Release(IFileProvider provider)
        {
            if (provider is CompositeFileProvider composite)
            {
                foreach (var inner in composite.FileProviders)
                {
                    Release(inner);
                }
            }
            (provider as IDisposable)?.Dispose();
        }
    }

    /// <summary>What skill certificates rest on (Certificates:SkillRestsOn); null keeps the site's default, all three.</summary>
    protected virtual string? CertificateRule => null;

    /// <summary>Whether the site keeps its real rate limits (off for tests that are not about them).</summary>
    protected virtual bool KeepRateLimits => false;

    public const string DemoPassword = "demo-password-1";

    /// <summary>The hosting environments of this site and of the sites made from it by WithWebHostBuilder.</summary>
    private readonly ConcurrentBag<IWebHostEnvironment> environments = [];

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        environments.Add(host.Services.GetRequiredService<IWebHostEnvironment>());
        return host;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        ReleaseFileWatchers();
        database.Drop();
        if (!ownsDataFolder)
        {
            return;
        }
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>
/// The site's password hasher, except that no work is done twice: each real hash or verification is 100,000 rounds of
/// PBKDF2, tests make the same few passwords for hundreds of accounts (six per household world) and sign in hundreds
/// of times. A password is hashed once (accounts with the same password share its salt), and a stored hash checked
/// against a given password once: the answer for the same pair is always the same. What depends on the real cost of
/// a sign-in (its timing for unknown names, the count of verifications) is tested on AccountSiteFactory's real hasher.
/// </summary>
internal sealed class RememberingHasher(PasswordHasher<AppUser> inner) : IPasswordHasher<AppUser>
{
    private static readonly ConcurrentDictionary<string, string> Hashes = new(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<(string Hash, string Password), PasswordVerificationResult> Verified = new();

    public string HashPassword(AppUser user, string password) => Hashes.GetOrAdd(password, p => inner.HashPassword(user, p));

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword) =>
        Verified.GetOrAdd((hashedPassword, providedPassword), pair => inner.VerifyHashedPassword(user, pair.Hash, pair.Password));
}

/// <summary>The site as a fresh Development install: demo villages, households and accounts.</summary>
public class DemoSiteFactory : CdsLearnFactory
{
    protected override string EnvironmentName => "Development";
}
