using System.IO.Compression;
using System.Security.Cryptography;

namespace CdsLearn.Content;

/// <summary>Pictures that lessons may show; only these are served from the content folder (never the quizzes).</summary>
public static class ContentAssets
{
    public const string RequestPath = "/noi-dung";

    /// <summary>The query parameter carrying a picture's <see cref="Hash"/>: a URL with it never changes meaning.</summary>
    public const string VersionParameter = "v";

    public static readonly IReadOnlyDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".webp"] = "image/webp",
    };

    public static bool IsAsset(string path) => ContentTypes.ContainsKey(Path.GetExtension(path));

    /// <summary>A short hash of a file's bytes: the version in the picture's URL and its ETag.</summary>
    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes), 0, 6);

    /// <summary>The bytes gzipped as <c>gzip -9</c> would: what a phone downloads, and what the site sends.</summary>
    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(bytes);
        }
        return output.ToArray();
    }
}
