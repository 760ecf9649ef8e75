using System.Security.Cryptography;
using CdsLearn.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CdsLearn.Certificates;

public static class CertificatesServiceCollectionExtensions
{
    /// <summary>Where installs before the key moved into the database kept it; read once and copied over.</summary>
    public const string KeyFileName = "certificate-signing-key.pem";

    /// <summary>The key's name among the stored secrets.</summary>
    public const string SecretName = "certificate-signing-key";

    public static IServiceCollection AddCertificates(this IServiceCollection services)
    {
        services.AddOptions<CertificateOptions>().BindConfiguration(CertificateOptions.Section);
        services.AddSingleton(sp =>
        {
            using var scope = sp.CreateScope();
            return new CertificateSigner(LoadOrCreateKey(
                sp.GetRequiredService<IOptions<CertificateOptions>>().Value, sp.GetRequiredService<DataFolder>(),
                scope.ServiceProvider.GetRequiredService<AppDbContext>(), sp.GetRequiredService<TimeProvider>()));
        });
        services.AddScoped<CertificateIssuer>();
        services.AddScoped<CertificateVerifier>();
        // After the migrations: load the key at start-up, so a bad configured key stops the start instead of the
        // first learner's certificate.
        services.AddScoped<IDbSeeder, CertificateKeyLoader>();
        return services;
    }

    /// <summary>
    /// The configured key (<c>Certificates:SigningKeyPem</c>), else the one stored in the database, else one created
    /// now and stored there (an install that kept it in <c>keys/</c> of the data folder has it copied over, so
    /// certificates already printed stay valid).
    /// </summary>
    internal static ECDsa LoadOrCreateKey(CertificateOptions options, DataFolder folder, AppDbContext db, TimeProvider clock)
    {
        var key = ECDsa.Create();
        if (!string.IsNullOrWhiteSpace(options.SigningKeyPem))
        {
            key.ImportFromPem(options.SigningKeyPem);
            return key;
        }
        var pem = SecretStore.GetOrAdd(db, SecretName, () =>
        {
            var path = Path.Combine(folder.Path, "keys", KeyFileName);
            if (File.Exists(path))
            {
                return File.ReadAllText(path);
            }
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return created.ExportECPrivateKeyPem();
        }, clock);
        key.ImportFromPem(pem);
        return key;
    }

    private sealed class CertificateKeyLoader : IDbSeeder
    {
        public Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
        {
            _ = services.GetRequiredService<CertificateSigner>();
            return Task.CompletedTask;
        }
    }
}
