namespace CdsLearn.Content;

/// <summary>The pictures one load of the course reads: each file read and checked once, however many lessons show
/// it, and the pictures in <c>hinh/</c> folders that nothing shows (a warning: forgotten, or a broken reference).</summary>
internal sealed class PictureShelf(string root, List<ContentProblem> problems)
{
    public const string FolderName = "hinh";

    private readonly Dictionary<string, Picture> byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> pathByUrl = new(StringComparer.Ordinal);
    private readonly HashSet<string> shown = new(StringComparer.Ordinal);

    /// <summary>The picture at a full path inside the content folder (the caller checked that it exists).</summary>
    public Picture Get(string fullPath)
    {
        if (byPath.TryGetValue(fullPath, out var known))
        {
            return known;
        }
        var relative = Path.GetRelativePath(root, fullPath).Replace('\\', '/');
        var picture = Picture.Read(fullPath, ContentAssets.RequestPath + "/" + relative,
            (line, message, isError) => problems.Add(new(relative, line, message, isError)));
        byPath[fullPath] = picture;
        pathByUrl[picture.Url] = fullPath;
        return picture;
    }

    /// <summary>The picture an image of a text shows, by its site URL; null for anything else.</summary>
    public Picture? At(string url)
    {
        if (!pathByUrl.TryGetValue(url, out var path))
        {
            return null;
        }
        shown.Add(path);
        return byPath[path];
    }

    public void ReportUnused()
    {
        var unused = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == FolderName && ContentAssets.IsAsset(f) && !shown.Contains(f))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(r => !r.Split('/').Any(part => part.StartsWith('.') || part.StartsWith('_')));
        foreach (var relative in unused.Order(StringComparer.Ordinal))
        {
            problems.Add(new(relative, 1, "no lesson shows this picture: show it with ![mô tả](hinh/…) or remove it", IsError: false));
        }
    }
}
