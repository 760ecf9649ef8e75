using System.Security.Cryptography;
using System.Xml.Linq;
using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Keys;

/// <summary>
/// At every start, after the migrations: the key-encryption key is loaded (or the start refused), every data protection
/// key this platform encrypted must open with it, and keys that an older release stored in the clear are encrypted in
/// place (they keep their material: sign-ins and open quizzes survive the upgrade). The certificate signing key does the
/// same where it is loaded (<c>AddCertificates</c>).
/// </summary>
public sealed class KeysAtRest : IDbSeeder
{
    public async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var key = services.GetRequiredService<KeyEncryptionKey>();
        var db = services.GetRequiredService<AppDbContext>();
        var decryptor = new AesGcmXmlDecryptor(services);
        var encryptor = new AesGcmXmlEncryptor(key);
        foreach (var row in await db.DataProtectionKeys.Where(k => k.Xml != null).ToListAsync(cancellationToken))
        {
            var xml = XElement.Parse(row.Xml!);
            // Refused here rather than later: data protection would skip a key it cannot open and make a new one,
            // signing everyone out without a word.
            foreach (var secret in xml.Descendants(AesGcmXmlEncryptor.EncryptedSecret)
                .Where(s => ((string?)s.Attribute("decryptorType"))?.StartsWith(typeof(AesGcmXmlDecryptor).FullName + ",", StringComparison.Ordinal) == true))
            {
                try
                {
                    decryptor.Decrypt(secret.Elements().Single());
                }
                catch (Exception e) when (e is CryptographicException or FormatException or System.Xml.XmlException)
                {
                    throw key.Mismatch($"The data protection key {row.FriendlyName}", e);
                }
            }
            if (encryptor.EncryptInPlace(xml))
            {
                row.Xml = xml.ToString(SaveOptions.DisableFormatting);
            }
        }
        if (db.ChangeTracker.HasChanges())
        {
            ClearTextOverwrite.Run(db, () => db.SaveChanges());
        }
    }

    /// <summary>Whether some key in the database was encrypted with a key-encryption key (any: then only that one
    /// opens it).</summary>
    public static bool DatabaseHoldsEncryptedKeys(AppDbContext db) =>
        db.StoredSecrets.Any(s => s.Value.StartsWith(KeyEncryptionKey.SealedTextPrefix))
        || db.DataProtectionKeys.Any(k => k.Xml != null && k.Xml.Contains("encryptedSecret"));
}
