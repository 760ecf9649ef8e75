using CdsLearn.Data;
using Microsoft.Extensions.Logging;

namespace CdsLearn.Keys;

/// <summary>Finds the key-encryption key: configured, else the data folder's, else a new one made there.</summary>
public static class KeyEncryptionKeyLoader
{
    /// <summary>The key's file in the data folder when none is configured.</summary>
    public static string DefaultPath(DataFolder folder) => Path.Combine(folder.Path, "keys", "key-encryption-key");

    /// <summary>
    /// <c>Keys:EncryptionKey</c>, or the file <c>Keys:EncryptionKeyFile</c> names (it must exist), or the data folder's
    /// key file. With none of them, a new key is made in the data folder (mode 0600), unless the database already holds
    /// keys encrypted by some key (<paramref name="databaseHoldsEncryptedKeys"/>): a new key would open none of them,
    /// so the start is refused and no file is made.
    /// </summary>
    public static KeyEncryptionKey Load(KeysOptions options, DataFolder folder, Func<bool> databaseHoldsEncryptedKeys, ILogger logger)
    {
        var inline = !string.IsNullOrWhiteSpace(options.EncryptionKey);
        var named = !string.IsNullOrWhiteSpace(options.EncryptionKeyFile);
        if (inline && named)
        {
            throw new InvalidOperationException("Keys:EncryptionKey and Keys:EncryptionKeyFile are both set: set one of them.");
        }
        if (inline)
        {
            return KeyEncryptionKey.Parse(options.EncryptionKey!, "Keys:EncryptionKey");
        }
        if (named)
        {
            var configured = Path.GetFullPath(options.EncryptionKeyFile!);
            if (!File.Exists(configured))
            {
                throw new InvalidOperationException(
                    $"Keys:EncryptionKeyFile names {configured}, which does not exist. Put the key-encryption key there " +
                    "(the one this database was made with; see README.md, Security, Keys).");
            }
            return KeyEncryptionKey.Parse(File.ReadAllText(configured), configured);
        }
        var path = DefaultPath(folder);
        if (File.Exists(path))
        {
            return KeyEncryptionKey.Parse(File.ReadAllText(path), path);
        }
        if (databaseHoldsEncryptedKeys())
        {
            throw new InvalidOperationException(
                $"The database holds keys encrypted with a key-encryption key, but none is configured " +
                $"(Keys:EncryptionKeyFile or Keys:EncryptionKey) and {path} does not exist. Put back the key this database " +
                "was made with (it is backed up apart from the database) or configure it: a new key would decrypt none of " +
                "them. See README.md, Security, Keys.");
        }
        return Create(path, logger);
    }

    private static KeyEncryptionKey Create(string path, ILogger logger)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var key = KeyEncryptionKey.Generate(path);
        // Written whole under another name, then linked into place only if no other process (a second site or tool on
        // this data folder) made one first: then that one is used.
        var partial = $"{path}.{Guid.NewGuid():N}.partial";
        var write = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            write.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(partial, write))
        using (var writer = new StreamWriter(stream))
        {
            writer.WriteLine(key.Export());
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        try
        {
            File.Move(partial, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(partial);
            return KeyEncryptionKey.Parse(File.ReadAllText(path), path);
        }
        logger.LogWarning(
            "Made a new key-encryption key at {Path}: it encrypts the keys this site stores in its database. Back it up " +
            "apart from the database: a backup cannot be used without it. Every other app server of this database needs " +
            "the same key (Keys:EncryptionKeyFile).", path);
        return key;
    }
}
