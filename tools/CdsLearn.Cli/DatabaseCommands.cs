using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CdsLearn.Cli;

/// <summary>
/// `cdslearn db backup --data DIR --to FILE [--force]` and `cdslearn db restore --data DIR --from FILE`: a copy of the
/// SQLite database taken while the site runs, and putting one back while it is stopped. PostgreSQL has pg_dump.
/// Exit codes: 0 done, 1 refused or failed (nothing changed), 2 the database or FILE does not exist.
/// </summary>
public static class DatabaseCommands
{
    public const string DatabaseFileName = "cdslearn.db";

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static Command Create(TextWriter output, TextWriter error)
    {
        var db = new Command("db", "The SQLite database: online backup and restore");

        var backupData = new Option<string?>("--data") { Description = "The data folder holding cdslearn.db (default: CDSLEARN_DATA or ./data)" };
        var to = new Option<string>("--to") { Description = "The backup file to write", Required = true };
        var force = new Option<bool>("--force") { Description = "Overwrite FILE if it exists" };
        var backup = new Command("backup", "Copy the live database with SQLite's online backup (safe while the site runs and writes), then check the copy") { backupData, to, force };
        backup.SetAction(parse => Backup(parse.GetValue(backupData), parse.GetValue(to)!, parse.GetValue(force), output, error));
        db.Subcommands.Add(backup);

        var restoreData = new Option<string?>("--data") { Description = "The data folder whose cdslearn.db is replaced (default: CDSLEARN_DATA or ./data)" };
        var from = new Option<string>("--from") { Description = "The backup file to restore", Required = true };
        var damaged = new Option<bool>("--force") { Description = "Also replace a current database too damaged to be locked (stop the site first)" };
        var restore = new Command("restore", "Replace the database with a checked backup; the site must be stopped; the old database is kept beside it") { restoreData, from, damaged };
        restore.SetAction(parse => Restore(parse.GetValue(restoreData), parse.GetValue(from)!, parse.GetValue(damaged), output, error));
        db.Subcommands.Add(restore);
        return db;
    }

    public static int Backup(string? dataFolder, string to, bool force, TextWriter output, TextWriter error)
    {
        if (PostgresConfigured(error, "pg_dump -Fc"))
        {
            return 1;
        }
        var source = Path.Combine(ResolveFolder(dataFolder), DatabaseFileName);
        if (!File.Exists(source))
        {
            error.WriteLine($"{source}: không có cơ sở dữ liệu ở đây (chỉ định thư mục dữ liệu bằng --data DIR).");
            return 2;
        }
        var target = Path.GetFullPath(to);
        if (Directory.Exists(target))
        {
            error.WriteLine($"{target}: là một thư mục; --to cần tên tệp.");
            return 1;
        }
        if (File.Exists(target) && !force)
        {
            error.WriteLine($"{target}: tệp đã có, không ghi đè (thêm --force để ghi đè).");
            return 1;
        }
        if (!Directory.Exists(Path.GetDirectoryName(target)))
        {
            error.WriteLine($"{Path.GetDirectoryName(target)}: không có thư mục này.");
            return 1;
        }

        // Written beside the target under another name and renamed once checked: FILE is never a half-written copy.
        var partial = $"{target}.partial-{Guid.NewGuid():N}";
        try
        {
            var watch = Stopwatch.StartNew();
            using (var live = Open(source, SqliteOpenMode.ReadWrite))
            using (var copy = Open(partial, SqliteOpenMode.ReadWriteCreate))
            {
                live.Open();
                Execute(live, "PRAGMA busy_timeout = 10000;");
                copy.Open();
                // One step over all pages inside one read transaction: a consistent snapshot of every commit made before
                // it began. In WAL mode the site's writers carry on meanwhile (readers never block writers).
                live.BackupDatabase(copy);
            }
            var copied = watch.Elapsed;
            var check = Inspect(partial);
            if (!check.IntegrityOk)
            {
                error.WriteLine($"Bản sao không qua kiểm tra toàn vẹn, không lưu: {check.Integrity}");
                return 1;
            }
            File.Move(partial, target, overwrite: force);
            if (!OperatingSystem.IsWindows())
            {
                // The copy holds personal data (and, once they live in the database, the keys): its owner only.
                File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            output.WriteLine(Say($"Đã sao lưu {source} vào {target}: {Megabytes(target)} MB, chép {copied.TotalSeconds:0.0} s, kiểm tra {(watch.Elapsed - copied).TotalSeconds:0.0} s; integrity_check: ok; {check.Counts}."));
            // The teams' recordings are files beside the database, never changed once written: the new ones are
            // copied into audio/ beside the backup, which every backup shares.
            var voices = new Voices.FolderAudioStore(Path.Combine(ResolveFolder(dataFolder), Voices.FolderAudioStore.FolderName))
                .CopyNewTo(new Voices.FolderAudioStore(Path.Combine(Path.GetDirectoryName(target)!, Voices.FolderAudioStore.FolderName)));
            output.WriteLine($"Giọng đọc: chép {voices} tệp mới vào {Path.Combine(Path.GetDirectoryName(target)!, Voices.FolderAudioStore.FolderName)}.");
            return 0;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"Sao lưu thất bại, không lưu gì vào {target}: {e.Message}");
            return 1;
        }
        finally
        {
            DeleteWithSidecars(partial);
        }
    }

    public static int Restore(string? dataFolder, string from, bool force, TextWriter output, TextWriter error)
    {
        if (PostgresConfigured(error, "pg_restore"))
        {
            return 1;
        }
        var folder = ResolveFolder(dataFolder);
        var current = Path.Combine(folder, DatabaseFileName);
        var backup = Path.GetFullPath(from);
        if (!File.Exists(backup))
        {
            error.WriteLine($"{backup}: không có tệp này.");
            return 2;
        }
        if (!HasSqliteHeader(backup))
        {
            error.WriteLine($"{backup}: không phải tệp cơ sở dữ liệu SQLite; không khôi phục gì.");
            return 1;
        }
        Directory.CreateDirectory(folder);

        // The backup is copied into the data folder first (same file system: the final step is a rename) and checked
        // there, so what gets checked is exactly what goes live, and a bad file never touches the current database.
        var staging = current + ".restoring";
        DeleteWithSidecars(staging);
        try
        {
            using (var source = Open(backup, SqliteOpenMode.ReadOnly))
            using (var copy = Open(staging, SqliteOpenMode.ReadWriteCreate))
            {
                source.Open();
                copy.Open();
                source.BackupDatabase(copy);
            }
            var check = Inspect(staging);
            if (!check.IntegrityOk)
            {
                error.WriteLine($"{backup}: không qua kiểm tra toàn vẹn, không khôi phục gì: {check.Integrity}");
                return 1;
            }
            if (check.LastMigration is null)
            {
                error.WriteLine($"{backup}: không có bảng __EFMigrationsHistory, không phải bản sao lưu của CdsLearn; không khôi phục gì.");
                return 1;
            }

            string? kept = null;
            if (File.Exists(current))
            {
                // A file that is not SQLite at all is never opened: SQLite would delete the -wal beside it.
                using var guard = HasSqliteHeader(current) ? Open(current, SqliteOpenMode.ReadWrite, commandTimeoutSeconds: 2) : null;
                guard?.Open();
                var (locked, damage) = guard is null ? (false, "không phải tệp SQLite") : TryLockExclusively(guard);
                if (!locked && damage is null)
                {
                    error.WriteLine($"{current} đang được sử dụng (trang web hoặc một tiến trình khác đang mở nó); không khôi phục gì. " +
                        "Dừng trang web trước (sudo systemctl stop cdslearn) rồi chạy lại.");
                    return 1;
                }
                if (!locked && !force)
                {
                    error.WriteLine($"{current} hỏng đến mức không khoá được ({damage}); không khôi phục gì. " +
                        "Nếu trang web đã dừng (sudo systemctl stop cdslearn), chạy lại với --force để thay nó.");
                    return 1;
                }
                // Nobody can read or write the old file while the lock is held (or, with --force, the operator has
                // stopped the site): move it aside, then put the copy in.
                kept = Unused($"{current}.before-restore-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
                File.Move(current, kept);
                foreach (var sidecar in new[] { "-wal", "-shm", "-journal" }.Where(s => File.Exists(current + s)))
                {
                    // A damaged database's WAL may hold what someone wants to dig out later: kept with it.
                    File.Move(current + sidecar, kept + sidecar);
                }
                try
                {
                    File.Move(staging, current);
                }
                catch (IOException)
                {
                    File.Move(kept, current); // the error below says the current database is unchanged: make it so
                    throw;
                }
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(current, File.GetUnixFileMode(kept));
                }
            }
            else
            {
                // Stale -wal/-shm beside no database would be replayed into the restored one.
                DeleteSidecars(current);
                File.Move(staging, current);
            }
            output.WriteLine(Say($"Đã khôi phục {current} từ {backup}: {Megabytes(current)} MB; integrity_check: ok; migration cuối {check.LastMigration}; {check.Counts}."));
            if (kept is not null)
            {
                output.WriteLine($"Cơ sở dữ liệu trước đó giữ ở {kept}.");
            }
            if (Environment.UserName == "root")
            {
                // A file made by root is not writable by the site's own user (cdslearn in tools/deploy).
                output.WriteLine($"Lưu ý: tệp do root tạo; nếu trang web chạy bằng người dùng khác, trao quyền cho nó, ví dụ: chown cdslearn:cdslearn {current}");
            }
            return 0;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"Khôi phục thất bại, cơ sở dữ liệu hiện tại không đổi: {e.Message}");
            return 1;
        }
        finally
        {
            DeleteWithSidecars(staging);
        }
    }

    /// <summary>
    /// Locked when this connection is the only one on the database and now keeps everyone else out; not locked
    /// with a reason when the file is too damaged for SQLite to try; not locked without one when in use. A plain
    /// BEGIN EXCLUSIVE is not enough in WAL mode: it only excludes other writers, while the running site's idle pooled
    /// connections and readers go unnoticed. Leaving WAL needs every other connection gone (SQLite checkpoints the
    /// WAL into the file and deletes it, so the file moved aside is whole); then, in rollback mode, BEGIN EXCLUSIVE
    /// bars readers too. The site switches back to WAL when it starts.
    /// </summary>
    private static (bool Locked, string? Damage) TryLockExclusively(SqliteConnection connection)
    {
        try
        {
            Execute(connection, "PRAGMA busy_timeout = 1000;");
            using var mode = connection.CreateCommand();
            mode.CommandText = "PRAGMA journal_mode = DELETE;";
            if (!string.Equals(mode.ExecuteScalar() as string, "delete", StringComparison.OrdinalIgnoreCase))
            {
                return (false, null);
            }
            Execute(connection, "BEGIN EXCLUSIVE;");
            return (true, null);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6) // SQLITE_BUSY, SQLITE_LOCKED
        {
            return (false, null);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 11 or 26) // SQLITE_CORRUPT, SQLITE_NOTADB
        {
            return (false, e.Message);
        }
    }

    private sealed record Inspection(string Integrity, string? LastMigration, string Counts)
    {
        public bool IntegrityOk => Integrity == "ok";
    }

    private static readonly (string Table, string Label)[] KeyTables =
    [
        ("AspNetUsers", "tài khoản"), ("Households", "hộ"), ("HouseholdMembers", "người"),
        ("QuizAttempts", "lượt làm bài"), ("Certificates", "chứng chỉ"),
    ];

    private static Inspection Inspect(string path)
    {
        using var connection = Open(path, SqliteOpenMode.ReadOnly);
        connection.Open();
        var problems = new List<string>();
        try
        {
            using var integrity = connection.CreateCommand();
            integrity.CommandText = "PRAGMA integrity_check(20);";
            using var reader = integrity.ExecuteReader();
            while (reader.Read())
            {
                problems.Add(reader.GetString(0));
            }
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 11 or 26) // SQLITE_CORRUPT, SQLITE_NOTADB: damaged past checking
        {
            problems.Add(e.Message);
        }
        var result = string.Join("; ", problems);
        if (result != "ok")
        {
            return new Inspection(result, null, "");
        }
        var tables = new HashSet<string>(StringComparer.Ordinal);
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table';";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }
        string? lastMigration = null;
        if (tables.Contains("__EFMigrationsHistory"))
        {
            using var last = connection.CreateCommand();
            last.CommandText = "SELECT coalesce(max(MigrationId), '') FROM __EFMigrationsHistory;";
            lastMigration = (string)last.ExecuteScalar()!;
        }
        var counts = new List<string>();
        foreach (var (table, label) in KeyTables.Where(t => tables.Contains(t.Table)))
        {
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM \"{table}\";";
            counts.Add(Say($"{(long)count.ExecuteScalar()!:N0} {label}"));
        }
        return new Inspection(result, lastMigration, counts.Count == 0 ? "không có bảng dữ liệu nào của CdsLearn" : string.Join(", ", counts));
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode, int commandTimeoutSeconds = 30) =>
        // No pooling: a pooled handle would keep the file open (and locked) after the command is done with it.
        new(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false, DefaultTimeout = commandTimeoutSeconds }.ToString());

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static bool HasSqliteHeader(string path)
    {
        Span<byte> header = stackalloc byte[16];
        using var file = File.OpenRead(path);
        return file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length
            && header.SequenceEqual("SQLite format 3\0"u8);
    }

    public static string ResolveFolder(string? dataFolder) => Path.GetFullPath(
        new[] { dataFolder, Environment.GetEnvironmentVariable("CDSLEARN_DATA"), Environment.GetEnvironmentVariable("Data__Folder") }
            .FirstOrDefault(f => !string.IsNullOrWhiteSpace(f)) ?? "data");

    /// <summary>The site's database is PostgreSQL when Database__Provider says so (as in the deployment's env file).</summary>
    private static bool PostgresConfigured(TextWriter error, string tool)
    {
        if (!string.Equals(Environment.GetEnvironmentVariable("Database__Provider"), "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        error.WriteLine($"Database__Provider=Postgres: cơ sở dữ liệu là PostgreSQL, dùng {tool} (xem tools/deploy/backup/); " +
            "giọng đọc (thư mục audio/) sao lưu bằng cdslearn audio backup --to DIR.");
        return true;
    }

    private static void DeleteSidecars(string database)
    {
        foreach (var suffix in new[] { "-wal", "-shm", "-journal" })
        {
            File.Delete(database + suffix);
        }
    }

    private static void DeleteWithSidecars(string database)
    {
        File.Delete(database);
        DeleteSidecars(database);
    }

    private static string Unused(string path)
    {
        var candidate = path;
        for (var n = 2; File.Exists(candidate); n++)
        {
            candidate = $"{path}-{n}";
        }
        return candidate;
    }

    private static string Megabytes(string path) => (new FileInfo(path).Length / 1024.0 / 1024.0).ToString("N1", Vietnamese);

    private static string Say(FormattableString text) => text.ToString(Vietnamese);
}
