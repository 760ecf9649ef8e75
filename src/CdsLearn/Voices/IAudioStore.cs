namespace CdsLearn.Voices;

/// <summary>
/// Where recordings live, outside the database: checked files under their content hash (written once, never
/// changed), and the parts of uploads under way. The default is a folder (<see cref="FolderAudioStore"/>); several
/// servers on one PostgreSQL database share one folder (NFS or similar) or another implementation.
/// </summary>
public interface IAudioStore
{
    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/> of an upload's part (a repeated chunk
    /// writes the same bytes again).</summary>
    Task WritePartAsync(string uploadId, long offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>The first <paramref name="length"/> bytes of an upload's part.</summary>
    Task<byte[]> ReadPartAsync(string uploadId, int length, CancellationToken cancellationToken);

    Task DeletePartAsync(string uploadId, CancellationToken cancellationToken);

    /// <summary>Keeps a checked file under its name (hash and extension); a file already there is left as it is.</summary>
    Task PutAsync(string name, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>A stored file for reading (seekable, for range requests), or null.</summary>
    Stream? Open(string name);

    Task DeleteAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every stored file's name: for backups and statistics.</summary>
    IEnumerable<string> Names();

    /// <summary>When a stored file was written; null when there is none of that name.</summary>
    DateTimeOffset? WrittenAt(string name);

    /// <summary>Every upload part kept, with when it was last written: for sweeping abandoned ones.</summary>
    IEnumerable<(string UploadId, DateTimeOffset WrittenAt)> Parts();
}
