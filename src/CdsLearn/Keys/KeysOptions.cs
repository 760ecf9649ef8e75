namespace CdsLearn.Keys;

/// <summary>Where the key-encryption key comes from (section <c>Keys</c>). Neither set: the data folder's
/// <c>keys/key-encryption-key</c>, made on the first start.</summary>
public sealed class KeysOptions
{
    public const string Section = "Keys";

    /// <summary>The key itself, base64 of 32 bytes (e.g. the environment value <c>Keys__EncryptionKey</c>).</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>A file holding the key as base64; it must exist (e.g. <c>/etc/cdslearn/key-encryption-key</c>, handed to
    /// the service by systemd).</summary>
    public string? EncryptionKeyFile { get; set; }
}
