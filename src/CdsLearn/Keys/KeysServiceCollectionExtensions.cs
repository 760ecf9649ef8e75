using CdsLearn.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CdsLearn.Keys;

public static class KeysServiceCollectionExtensions
{
    /// <summary>
    /// The key-encryption key (<see cref="KeysOptions"/>), and data protection keeping its keys in the database,
    /// encrypted with it: sign-ins and open quizzes survive a restart, every server behind one address reads the same
    /// keys, and a copy of the database alone opens nothing. Call after <c>AddCdsLearnData</c>, before
    /// <c>AddCertificates</c> (the key is checked before the signing key loads).
    /// </summary>
    public static IServiceCollection AddKeys(this IServiceCollection services)
    {
        services.AddOptions<KeysOptions>().BindConfiguration(KeysOptions.Section);
        // Loaded at the first use, which is the seeder below, after the migrations: the database must be there to
        // tell a first start from a lost key.
        services.AddSingleton(sp => KeyEncryptionKeyLoader.Load(
            sp.GetRequiredService<IOptions<KeysOptions>>().Value,
            sp.GetRequiredService<DataFolder>(),
            () =>
            {
                using var scope = sp.CreateScope();
                return KeysAtRest.DatabaseHoldsEncryptedKeys(scope.ServiceProvider.GetRequiredService<AppDbContext>());
            },
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KeyEncryptionKeyLoader))));
        services.AddDataProtection()
            .SetApplicationName("CdsLearn")
            .PersistKeysToDbContext<AppDbContext>()
            // Every signed-in request opens its cookie, every form its antiforgery tokens, every quiz its draw. Off
            // Windows the default (AES-256-CBC with HMAC) took 12.5 µs to open a 600-byte payload and 22 µs to seal
            // one on the benchmark machine; AES-256-GCM 4.7 and 11 µs. Keys made before keep their own algorithm.
            .UseCryptographicAlgorithms(new AuthenticatedEncryptorConfiguration { EncryptionAlgorithm = EncryptionAlgorithm.AES_256_GCM });
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider>((options, sp) => options.XmlEncryptor = new AesGcmXmlEncryptor(sp.GetRequiredService<KeyEncryptionKey>));
        services.AddScoped<IDbSeeder, KeysAtRest>();
        return services;
    }
}
