using System.Security.Cryptography;
using CdsLearn.Data;
using CdsLearn.Keys;
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
        services.AddOptions<CertificateOptions>().BindConfiguration(CertificateOptions.Section)
            .Validate(o => o.SkillRestsOn != Evidence.None && (o.SkillRestsOn & ~Evidence.All) == 0,
                "Certificates:SkillRestsOn names what a skill certificate rests on: one or more of Quizzes, Practice, Observed.")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            using var scope = sp.CreateScope();
            return new CertificateSigner(LoadOrCreateKey(
                sp.GetRequiredService<IOptions<CertificateOptions>>().Value, sp.GetRequiredService<DataFolder>(),
                scope.ServiceProvider.GetRequiredService<AppDbContext>(), sp.GetRequiredService<TimeProvider>(),
                () => sp.GetRequiredService<KeyEncryptionKey>()));
        });
        services.AddScoped<CertificateIssuer>();
        services.AddScoped<CertificateVerifier>();
        // After the migrations: load the key at start-up, so a bad configured key stops the start instead of the
        // first learner's certificate.
        services.AddScoped<IDbSeeder, CertificateKeyLoader>();
        return services;
    }

    /// <summary>What the signing key is sealed as, for the key-encryption key.</summary>
    public const string SealPurpose = "certificate signing key";

    /// <summary>
    /// The configured key (<c>Certificates:SigningKeyPem</c>; never stored), else the one stored in the database, else
    /// one created now and stored there (an install that kept it in <c>keys/</c> of the data folder has it copied over,
    /// so certificates already printed stay valid). Stored encrypted with the key-encryption key; one that an older
    /// release stored in the clear is encrypted in place. A stored key that does not decrypt stops the start: a new one
    /// would break the QR code of every certificate already issued.
    /// </summary>
    internal static ECDsa LoadOrCreateKey(CertificateOptions options, DataFolder folder, AppDbContext db, TimeProvider clock, Func<KeyEncryptionKey> keyEncryptionKey)
    {
        var key = ECDsa.Create();
        if (!string.IsNullOrWhiteSpace(options.SigningKeyPem))
        {
            key.ImportFromPem(options.SigningKeyPem);
            return key;
        }
        var kek = keyEncryptionKey();
        var stored = SecretStore.GetOrAdd(db, SecretName, () =>
        {
            var path = Path.Combine(folder.Path, "keys", KeyFileName);
            if (File.Exists(path))
            {
                return kek.SealText(File.ReadAllText(path), SealPurpose);
            }
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return kek.SealText(created.ExportECPrivateKeyPem(), SealPurpose);
        }, clock);
        string pem;
        if (KeyEncryptionKey.IsSealedText(stored))
        {
            try
            {
                pem = kek.OpenText(stored, SealPurpose);
            }
            catch (CryptographicException e)
            {
                throw kek.Mismatch("The certificate signing key", e);
            }
        }
        else
        {
            pem = stored;
            ClearTextOverwrite.Run(db, () => SecretStore.Replace(db, SecretName, stored, kek.SealText(pem, SealPurpose)));
        }
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
