namespace CdsLearn.Voices;

public enum AudioContainer
{
    Webm,
    Ogg,
}

/// <summary>How a checked recording is named and sent: by its content hash, so its address never changes meaning.</summary>
public static class AudioFiles
{
    public static string Extension(AudioContainer container) => container == AudioContainer.Ogg ? "ogg" : "webm";

    public static string ContentType(AudioContainer container) => container == AudioContainer.Ogg ? "audio/ogg" : "audio/webm";

    public static string NameOf(string hash, AudioContainer container) => $"{hash}.{Extension(container)}";

    /// <summary>A stored file's name back to its hash and container; null for anything else (a hostile address).</summary>
    public static (string Hash, AudioContainer Container)? Parse(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot != 64 || !name[..dot].All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            return null;
        }
        return name[(dot + 1)..] switch
        {
            "webm" => (name[..dot], AudioContainer.Webm),
            "ogg" => (name[..dot], AudioContainer.Ogg),
            _ => null,
        };
    }

    public static string HashOf(ReadOnlySpan<byte> bytes) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
}
