using System.Security.Cryptography;
using System.Text;

namespace CdsLearn.Keys;

/// <summary>
/// The key that encrypts the platform's own keys (the certificate signing key, the data protection keys that protect
/// sign-in cookies and quiz draws) before they go into the database: AES-256-GCM with a random nonce, the purpose of
/// each value bound in as associated data so that one sealed value cannot stand in for another. It is never stored in
/// the database, so a copy of the database alone signs no certificate and forges no cookie.
/// </summary>
public sealed class KeyEncryptionKey
{
    public const int Size = 32;

    /// <summary>How a sealed value starts when it is kept as text (the signing key's row).</summary>
    public const string SealedTextPrefix = "kek-aes256gcm:";

    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] key;

    private KeyEncryptionKey(byte[] key, string source)
    {
        this.key = key;
        Source = source;
    }

    /// <summary>Where the key came from (a file's path or a configuration key), for messages.</summary>
    public string Source { get; }

    public static KeyEncryptionKey Generate(string source) => new(RandomNumberGenerator.GetBytes(Size), source);

    /// <summary>The key from its file's or configuration value's text: base64 of 32 random bytes.</summary>
    public static KeyEncryptionKey Parse(string text, string source)
    {
        var bytes = new byte[Size + 1];
        if (!Convert.TryFromBase64String(text.Trim(), bytes, out var length) || length != Size)
        {
            throw new InvalidOperationException(
                $"The key-encryption key from {source} is not the base64 of {Size} bytes (make one with: head -c {Size} /dev/urandom | base64).");
        }
        return new(bytes[..Size], source);
    }

    /// <summary>The text written to a key file: what <see cref="Parse"/> reads back.</summary>
    public string Export() => Convert.ToBase64String(key);

    public byte[] Seal(ReadOnlySpan<byte> plaintext, string purpose)
    {
        var box = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = box.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, box.AsSpan(NonceSize, plaintext.Length), box.AsSpan(NonceSize + plaintext.Length), AssociatedData(purpose));
        return box;
    }

    /// <summary>The plaintext of a <see cref="Seal"/>ed value; <see cref="CryptographicException"/> when this key did not
    /// seal it for <paramref name="purpose"/> or it was altered.</summary>
    public byte[] Open(ReadOnlySpan<byte> box, string purpose)
    {
        if (box.Length < NonceSize + TagSize)
        {
            throw new CryptographicException($"The sealed {purpose} is too short to be one.");
        }
        var plaintext = new byte[box.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(box[..NonceSize], box[NonceSize..^TagSize], box[^TagSize..], plaintext, AssociatedData(purpose));
        return plaintext;
    }

    public string SealText(string plaintext, string purpose) => SealedTextPrefix + Convert.ToBase64String(Seal(Encoding.UTF8.GetBytes(plaintext), purpose));

    public static bool IsSealedText(string value) => value.StartsWith(SealedTextPrefix, StringComparison.Ordinal);

    public string OpenText(string sealedText, string purpose)
    {
        if (!IsSealedText(sealedText))
        {
            throw new CryptographicException($"The {purpose} is not sealed.");
        }
        byte[] box;
        try
        {
            box = Convert.FromBase64String(sealedText[SealedTextPrefix.Length..]);
        }
        catch (FormatException)
        {
            throw new CryptographicException($"The sealed {purpose} is not base64.");
        }
        return Encoding.UTF8.GetString(Open(box, purpose));
    }

    /// <summary>
    /// What a site says when a key stored in the database does not open with this key: it stops rather than make new
    /// keys, which would sign everyone out and break the QR code of every certificate already printed.
    /// </summary>
    public InvalidOperationException Mismatch(string what, Exception inner) => new(
        $"{what} in the database cannot be decrypted with the key-encryption key from {Source}: the database was made " +
        "with another key-encryption key, or the stored value was altered. Configure the key it was made with " +
        "(Keys:EncryptionKeyFile or Keys:EncryptionKey; every app server of one database needs the same key). The site " +
        "does not start rather than make new keys, which would sign everyone out and invalidate every certificate's QR " +
        "code. See README.md, Security, Keys.", inner);

    private static byte[] AssociatedData(string purpose) => Encoding.UTF8.GetBytes("cdslearn-kek-v1\n" + purpose);
}
