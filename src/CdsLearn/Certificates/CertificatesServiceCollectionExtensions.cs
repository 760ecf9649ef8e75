using System.Security.Cryptography;
using CdsLearn.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CdsLearn.Certificates;

public static class CertificatesServiceCollectionExtensions
{
    public const string KeyFileName = "certificate-signing-key.pem";

    public static IServiceCollection AddCertificates(this IServiceCollection services)
    {
        services.AddOptions<CertificateOptions>().BindConfiguration(CertificateOptions.Section);
        services.AddSingleton(sp => new CertificateSigner(LoadOrCreateKey(
            sp.GetRequiredService<IOptions<CertificateOptions>>().Value, sp.GetRequiredService<DataFolder>())));
        services.AddScoped<CertificateIssuer>();
        services.AddScoped<CertificateVerifier>();
        return services;
    }

    /// <summary>The configured key, else the one in the data folder, created there (owner-only) on first run.</summary>
    internal static ECDsa LoadOrCreateKey(CertificateOptions options, DataFolder folder)
    {
        var key = ECDsa.Create();
        if (!string.IsNullOrWhiteSpace(options.SigningKeyPem))
        {
            key.ImportFromPem(options.SigningKeyPem);
            return key;
        }
        var path = Path.Combine(folder.Path, "keys", KeyFileName);
        if (File.Exists(path))
        {
            key.ImportFromPem(File.ReadAllText(path));
            return key;
        }
        key.GenerateKey(ECCurve.NamedCurves.nistP256);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Only the app's own user may read the private key.
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(path, fileOptions))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(key.ExportECPrivateKeyPem());
        }
        return key;
    }
}
