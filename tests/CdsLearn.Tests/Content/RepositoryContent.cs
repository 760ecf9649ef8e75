namespace CdsLearn.Tests.Content;

/// <summary>The course that ships in the repository: the nearest folder above the test binaries holding content/README.md.</summary>
public static class RepositoryContent
{
    public static string Folder { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "content");
            if (File.Exists(Path.Combine(candidate, "README.md")))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"no content/README.md above {AppContext.BaseDirectory}");
    }
}
