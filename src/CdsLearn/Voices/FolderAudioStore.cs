using CdsLearn.Data;

namespace CdsLearn.Voices;

/// <summary>What one backup of the recordings did: files copied, files the site no longer has set aside, and set-aside
/// files old enough to be deleted.</summary>
public sealed record AudioBackup(int Copied, int Removed, int Deleted);

/// <summary>
/// Recordings in the data folder: <c>audio/ab/abcdef….webm</c> (the first two letters of the hash as a subfolder)
/// and uploads under way in <c>audio/parts/</c>. A file is written to a temporary name and renamed, so a reader never
/// sees half of one; a name is its content's hash, so two servers writing the same file write the same bytes.
/// </summary>
public sealed class FolderAudioStore(string root) : IAudioStore
{
    public const string FolderName = "audio";

    public FolderAudioStore(DataFolder data) : this(Path.Combine(data.Path, FolderName))
    {
    }

    public string Root { get; } = root;

    private string PartPath(string uploadId) => Path.Combine(Root, "parts", Checked(uploadId) + ".part");

    private string FilePath(string name) => AudioFiles.Parse(name) is { } parsed
        ? Path.Combine(Root, parsed.Hash[..2], name)
        : throw new ArgumentException("not a stored audio file name", nameof(name));

    public async Task WritePartAsync(string uploadId, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var path = PartPath(uploadId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite);
        file.Position = offset;
        await file.WriteAsync(data, cancellationToken);
        await file.FlushAsync(cancellationToken);
    }

    public async Task<byte[]> ReadPartAsync(string uploadId, int length, CancellationToken cancellationToken)
    {
        var path = PartPath(uploadId);
        if (!File.Exists(path))
        {
            return [];
        }
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = new byte[Math.Min(length, file.Length)];
        await file.ReadExactlyAsync(bytes, cancellationToken);
        return bytes;
    }

    public Task DeletePartAsync(string uploadId, CancellationToken cancellationToken)
    {
        DeleteIfThere(PartPath(uploadId));
        return Task.CompletedTask;
    }

    public async Task PutAsync(string name, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var path = FilePath(name);
        if (File.Exists(path))
        {
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, data.ToArray(), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    public Stream? Open(string name)
    {
        var path = FilePath(name);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read) : null;
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        DeleteIfThere(FilePath(name));
        return Task.CompletedTask;
    }

    /// <summary>File.Delete throws when the folder is missing: deleting what is not there (or already gone) is done.</summary>
    private static void DeleteIfThere(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    public IEnumerable<string> Names() => !Directory.Exists(Root) ? [] :
        Directory.EnumerateDirectories(Root).Where(d => Path.GetFileName(d) is not ("parts" or RemovedFolderName))
            .SelectMany(Directory.EnumerateFiles).Select(Path.GetFileName).OfType<string>()
            .Where(n => AudioFiles.Parse(n) is not null).Order(StringComparer.Ordinal);

    public DateTimeOffset? WrittenAt(string name)
    {
        var path = FilePath(name);
        return File.Exists(path) ? File.GetLastWriteTimeUtc(path) : null;
    }

    public IEnumerable<(string UploadId, DateTimeOffset WrittenAt)> Parts()
    {
        var folder = Path.Combine(Root, "parts");
        return !Directory.Exists(folder) ? [] :
            Directory.EnumerateFiles(folder, "*.part")
                .Select(path => (Id: Path.GetFileNameWithoutExtension(path), At: new DateTimeOffset(File.GetLastWriteTimeUtc(path))))
                .Where(p => p.Id.Length is > 0 and <= 64 && p.Id.All(char.IsAsciiLetterOrDigit))
                .Select(p => (p.Id, p.At)).ToList();
    }

    /// <summary>Copies the recordings <paramref name="target"/> lacks (a name is its content, so a file there is the
    /// same file): one growing copy serves every backup. Returns how many were copied.</summary>
    public int CopyNewTo(FolderAudioStore target) => BackUpTo(target, keepRemoved: null, DateTimeOffset.UtcNow).Copied;

    /// <summary>
    /// Brings a backup copy up to date: new recordings copied in; a recording no longer here (deleted by its reader,
    /// or with a withdrawn consent) moved to the copy's <c>removed/</c> folder, and deleted from there once it has been
    /// there <paramref name="keepRemoved"/> (the age of the oldest database backup kept, which may still name it).
    /// A deleted voice thus leaves the backups with the last backup that held it. Null keeps removed files.
    /// </summary>
    public AudioBackup BackUpTo(FolderAudioStore target, TimeSpan? keepRemoved, DateTimeOffset now)
    {
        var copied = 0;
        var live = Names().ToHashSet(StringComparer.Ordinal);
        foreach (var name in live)
        {
            var to = target.FilePath(name);
            if (File.Exists(to))
            {
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(FilePath(name), to + ".tmp", overwrite: true);
            File.Move(to + ".tmp", to);
            copied++;
        }
        var removedFolder = Path.Combine(target.Root, RemovedFolderName);
        var removed = 0;
        // No recording at all here is more likely a wrong data folder than every voice deleted: nothing is set aside.
        foreach (var name in live.Count == 0 ? [] : target.Names().Where(n => !live.Contains(n)).ToList())
        {
            Directory.CreateDirectory(removedFolder);
            var to = Path.Combine(removedFolder, name);
            File.Move(target.FilePath(name), to, overwrite: true);
            File.SetLastWriteTimeUtc(to, now.UtcDateTime);
            removed++;
        }
        var deleted = 0;
        if (keepRemoved is { } keep && Directory.Exists(removedFolder))
        {
            foreach (var path in Directory.EnumerateFiles(removedFolder).Where(p => File.GetLastWriteTimeUtc(p) < (now - keep).UtcDateTime).ToList())
            {
                File.Delete(path);
                deleted++;
            }
        }
        return new AudioBackup(copied, removed, deleted);
    }

    /// <summary>In a backup copy: the recordings deleted from the site since, kept as long as the database backups.</summary>
    public const string RemovedFolderName = "removed";

    private static string Checked(string uploadId) =>
        uploadId.Length is > 0 and <= 64 && uploadId.All(char.IsAsciiLetterOrDigit)
            ? uploadId
            : throw new ArgumentException("not an upload id", nameof(uploadId));
}
