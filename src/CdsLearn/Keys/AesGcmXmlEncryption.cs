using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Keys;

/// <summary>
/// Encrypts the secret part of each data protection key (its <c>masterKey</c>) with the key-encryption key before the
/// key ring is written to the database: data protection's own hook (<c>KeyManagementOptions.XmlEncryptor</c>) calls it.
/// </summary>
public sealed class AesGcmXmlEncryptor : IXmlEncryptor
{
    private readonly Func<KeyEncryptionKey> key;

    /// <param name="key">Asked for at the first key written, not before: data protection's options are built early,
    /// before the migrations, and the key-encryption key needs the database to be there.</param>
    public AesGcmXmlEncryptor(Func<KeyEncryptionKey> key) => this.key = key;

    public AesGcmXmlEncryptor(KeyEncryptionKey key) => this.key = () => key;

    public const string Purpose = "data protection key";

    /// <summary>The namespace of data protection's own markers (<c>requiresEncryption</c>, <c>encryptedSecret</c>).</summary>
    public static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";

    public static readonly XName EncryptedSecret = DataProtection + "encryptedSecret";

    public static readonly XName RequiresEncryption = DataProtection + "requiresEncryption";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        try
        {
            var element = new XElement("encryptedKey",
                new XComment(" AES-256-GCM with the key-encryption key, which is not in this database (README.md, Security, Keys) "),
                new XElement("value", Convert.ToBase64String(key().Seal(plaintext, Purpose))));
            return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>
    /// Encrypts, in place, the parts of a key's XML that data protection marks as needing it, the way data protection
    /// itself does on writing a key; false when there were none (the key is already encrypted). For keys that a release
    /// before the key-encryption key wrote in the clear.
    /// </summary>
    public bool EncryptInPlace(XElement keyElement)
    {
        var secrets = keyElement.Descendants().Where(e => (bool?)e.Attribute(RequiresEncryption) == true).ToList();
        foreach (var secret in secrets)
        {
            var encrypted = Encrypt(new XElement(secret));
            secret.ReplaceWith(new XElement(EncryptedSecret,
                new XAttribute("decryptorType", encrypted.DecryptorType.AssemblyQualifiedName!),
                encrypted.EncryptedElement));
        }
        return secrets.Count > 0;
    }
}

/// <summary>
/// Decrypts what <see cref="AesGcmXmlEncryptor"/> wrote. Data protection makes it from the type name stored in each key
/// (with the site's services): renaming or moving this class makes every stored key unreadable.
/// </summary>
public sealed class AesGcmXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    private readonly KeyEncryptionKey key = services.GetRequiredService<KeyEncryptionKey>();

    public XElement Decrypt(XElement encryptedElement)
    {
        var value = encryptedElement.Element("value")?.Value
            ?? throw new CryptographicException("An encrypted data protection key has no value.");
        var plaintext = key.Open(Convert.FromBase64String(value), AesGcmXmlEncryptor.Purpose);
        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
