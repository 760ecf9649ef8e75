using System.CommandLine;
using System.Globalization;
using CdsLearn.Cli;
using CdsLearn.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Tests.Cli;

public sealed class DatabaseCommandsTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "cdslearn-tests", Guid.NewGuid().ToString("N"));
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Live => Path.Combine(root, "live");

    private string LiveDatabase => Path.Combine(Live, DatabaseCommands.DatabaseFileName);

    [Fact]
    public async Task ABackupTakenWhileAnotherConnectionWritesHoldsEveryRowCommittedBeforeItAndRestoresIntoAFreshFolder()
    {
        await CreateDatabaseAsync(Live, fillerRows: 60_000);
        var backupFile = Path.Combine(root, "backups", "cdslearn.db");
        Directory.CreateDirectory(Path.GetDirectoryName(backupFile)!);

        // Another connection commits a numbered row at a time, as the site does with quiz attempts.
        long committed = 0;
        using var stop = new CancellationTokenSource();
        var writer = Task.Factory.StartNew(() =>
        {
            using var connection = OpenDatabase(LiveDatabase);
            Execute(connection, "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL;");
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO AuditEntries (At, UserId, Action, Subject) VALUES ('2026-01-01', 'writer', 'probe', $n);";
            var number = insert.Parameters.Add("$n", SqliteType.Text);
            for (long n = 1; !stop.IsCancellationRequested; n++)
            {
                number.Value = n.ToString(CultureInfo.InvariantCulture);
                insert.ExecuteNonQuery();
                Volatile.Write(ref committed, n);
            }
        }, TaskCreationOptions.LongRunning);
        while (Volatile.Read(ref committed) < 50 && !writer.IsCompleted)
        {
            await Task.Delay(10, Ct);
        }

        var committedBefore = Volatile.Read(ref committed);
        var exitCode = await InvokeAsync("db", "backup", "--data", Live, "--to", backupFile);
        var committedAfter = Volatile.Read(ref committed);
        await stop.CancelAsync();
        await writer;

        Assert.True(exitCode == 0, error.ToString());
        Assert.Contains("integrity_check: ok", output.ToString(), StringComparison.Ordinal);
        Assert.True(committedAfter > committedBefore, $"the writer committed nothing while the backup ran ({committedBefore})");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backupFile));
        }
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(backupFile)!));

        var fresh = Path.Combine(root, "fresh");
        var restored = await InvokeAsync("db", "restore", "--data", fresh, "--from", backupFile);

        Assert.True(restored == 0, error.ToString());
        Assert.Equal([DatabaseCommands.DatabaseFileName], Directory.GetFiles(fresh).Select(Path.GetFileName));
        using var copy = OpenDatabase(Path.Combine(fresh, DatabaseCommands.DatabaseFileName));
        Assert.Equal("ok", Scalar<string>(copy, "PRAGMA integrity_check;"));
        Assert.Equal(KnownMigrations(), Column(copy, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId;"));
        Assert.Equal(60_000, Scalar<long>(copy, "SELECT count(*) FROM AuditEntries WHERE Action = 'filler';"));
        var probes = Column(copy, "SELECT Subject FROM AuditEntries WHERE Action = 'probe';").Select(long.Parse).Order().ToList();
        // Every row committed before the backup began, and a snapshot: rows 1..k without a gap, never a torn tail.
        Assert.True(probes.Count >= committedBefore, $"{probes.Count} rows in the copy, {committedBefore} committed before the backup");
        Assert.Equal(Enumerable.Range(1, probes.Count).Select(n => (long)n), probes);
    }

    [Theory]
    [InlineData("BEGIN; SELECT count(*) FROM AuditEntries;")]
    [InlineData("BEGIN IMMEDIATE; INSERT INTO AuditEntries (At, UserId, Action, Subject) VALUES ('2026-01-01', 'x', 'uncommitted', 'x');")]
    [InlineData("SELECT count(*) FROM AuditEntries;")] // no transaction: an idle pooled connection of the running site
    public async Task RestoreRefusesWhileAnotherConnectionHoldsTheDatabaseOpenThenKeepsThePreviousDatabase(string held)
    {
        await CreateDatabaseAsync(Live, fillerRows: 100);
        var backupFile = Path.Combine(root, "backup.db");
        Assert.Equal(0, await InvokeAsync("db", "backup", "--data", Live, "--to", backupFile));
        AddMarker(LiveDatabase, "after-backup");

        var holder = OpenDatabase(LiveDatabase);
        Execute(holder, held);
        var exitCode = await InvokeAsync("db", "restore", "--data", Live, "--from", backupFile);

        Assert.Equal(1, exitCode);
        Assert.Contains("đang được sử dụng", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("systemctl stop cdslearn", error.ToString(), StringComparison.Ordinal);
        Assert.Equal([DatabaseCommands.DatabaseFileName], Directory.GetFiles(Live).Select(Path.GetFileName).Where(n => !n!.EndsWith("-wal", StringComparison.Ordinal) && !n.EndsWith("-shm", StringComparison.Ordinal)));
        holder.Dispose();
        Assert.Equal(["after-backup"], Markers(LiveDatabase));

        var again = await InvokeAsync("db", "restore", "--data", Live, "--from", backupFile);

        Assert.True(again == 0, error.ToString());
        Assert.Empty(Markers(LiveDatabase));
        var kept = Assert.Single(Directory.GetFiles(Live, "cdslearn.db.before-restore-*"));
        Assert.Contains(kept, output.ToString(), StringComparison.Ordinal);
        // The previous database moved aside whole, including what was still in its WAL file.
        Assert.Equal(["after-backup"], Markers(kept));
        Assert.False(File.Exists(LiveDatabase + "-wal") && new FileInfo(LiveDatabase + "-wal").Length > 0);
    }

    [Fact]
    public async Task RestoreReplacesACurrentDatabaseTooDamagedToLockOnlyWhenForcedAndKeepsItsFiles()
    {
        await CreateDatabaseAsync(Live, fillerRows: 100);
        var backupFile = Path.Combine(root, "backup.db");
        Assert.Equal(0, await InvokeAsync("db", "backup", "--data", Live, "--to", backupFile));
        await File.WriteAllTextAsync(LiveDatabase, "the disk ate this file", Ct);
        await File.WriteAllTextAsync(LiveDatabase + "-wal", "whatever was left", Ct);

        var refused = await InvokeAsync("db", "restore", "--data", Live, "--from", backupFile);

        Assert.Equal(1, refused);
        Assert.Contains("--force", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("the disk ate this file", await File.ReadAllTextAsync(LiveDatabase, Ct));

        var forced = await InvokeAsync("db", "restore", "--data", Live, "--from", backupFile, "--force");

        Assert.True(forced == 0, error.ToString());
        Assert.Empty(Markers(LiveDatabase));
        Assert.False(File.Exists(LiveDatabase + "-wal"));
        var kept = Assert.Single(Directory.GetFiles(Live, "cdslearn.db.before-restore-*"), f => !f.EndsWith("-wal", StringComparison.Ordinal));
        Assert.Equal("the disk ate this file", await File.ReadAllTextAsync(kept, Ct));
        Assert.Equal("whatever was left", await File.ReadAllTextAsync(kept + "-wal", Ct));
    }

    [Fact]
    public async Task BackupRefusesToOverwriteAnExistingFileUnlessForced()
    {
        await CreateDatabaseAsync(Live, fillerRows: 10);
        var backupFile = Path.Combine(root, "backup.db");
        await File.WriteAllTextAsync(backupFile, "yesterday's backup", Ct);

        var exitCode = await InvokeAsync("db", "backup", "--data", Live, "--to", backupFile);

        Assert.Equal(1, exitCode);
        Assert.Contains("--force", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("yesterday's backup", await File.ReadAllTextAsync(backupFile, Ct));
        Assert.Equal(["backup.db", "live"], Directory.GetFileSystemEntries(root).Select(Path.GetFileName).Order());

        var forced = await InvokeAsync("db", "backup", "--data", Live, "--to", backupFile, "--force");

        Assert.True(forced == 0, error.ToString());
        using var copy = OpenDatabase(backupFile);
        Assert.Equal(10, Scalar<long>(copy, "SELECT count(*) FROM AuditEntries;"));
    }

    [Fact]
    public async Task BackupOfAFolderWithoutADatabaseFailsAndWritesNothing()
    {
        Directory.CreateDirectory(Live);
        var backupFile = Path.Combine(root, "backup.db");

        var exitCode = await InvokeAsync("db", "backup", "--data", Live, "--to", backupFile);

        Assert.Equal(2, exitCode);
        Assert.Contains("không có cơ sở dữ liệu", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(backupFile));
    }

    [Theory]
    [InlineData("text", "không phải tệp cơ sở dữ liệu SQLite")]
    [InlineData("no-history", "__EFMigrationsHistory")]
    [InlineData("corrupt", "không qua kiểm tra toàn vẹn")]
    public async Task RestoreRefusesAFileThatIsNotAWholeCdsLearnDatabaseAndChangesNothing(string kind, string message)
    {
        await CreateDatabaseAsync(Live, fillerRows: 5_000);
        AddMarker(LiveDatabase, "current");
        var bad = Path.Combine(root, "bad.db");
        switch (kind)
        {
            case "text":
                await File.WriteAllTextAsync(bad, "commune,village,household_code,head_name\n", Ct);
                break;
            case "no-history":
                using (var other = OpenDatabase(bad))
                {
                    Execute(other, "CREATE TABLE Households (Id INTEGER PRIMARY KEY); INSERT INTO Households VALUES (1);");
                }
                break;
            default:
                Assert.Equal(0, await InvokeAsync("db", "backup", "--data", Live, "--to", bad));
                Corrupt(bad);
                break;
        }

        var exitCode = await InvokeAsync("db", "restore", "--data", Live, "--from", bad);

        Assert.Equal(1, exitCode);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(["current"], Markers(LiveDatabase));
        Assert.DoesNotContain(Directory.GetFiles(Live), f => Path.GetFileName(f).StartsWith("cdslearn.db.", StringComparison.Ordinal));
    }

    private async Task<int> InvokeAsync(params string[] args)
    {
        output.GetStringBuilder().Clear();
        error.GetStringBuilder().Clear();
        var command = new RootCommand { DatabaseCommands.Create(output, error) };
        return await command.Parse(args).InvokeAsync(cancellationToken: Ct);
    }

    /// <summary>A database made by the real migrations, in WAL mode as the site leaves it, with some bulk.</summary>
    private static async Task CreateDatabaseAsync(string folder, int fillerRows)
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, DatabaseCommands.DatabaseFileName);
        await using (var db = new AppDbContext(Options(file)))
        {
            await db.Database.MigrateAsync(Ct);
        }
        using var connection = OpenDatabase(file);
        Execute(connection, "PRAGMA journal_mode = WAL;");
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO AuditEntries (At, UserId, Action, Subject) VALUES ('2026-01-01', 'seed', 'filler', $subject);";
        var subject = insert.Parameters.Add("$subject", SqliteType.Text);
        for (var n = 0; n < fillerRows; n++)
        {
            subject.Value = $"{n:D8} {new string('x', 290)}";
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static DbContextOptions<AppDbContext> Options(string file) =>
        new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options;

    private static List<string> KnownMigrations()
    {
        using var db = new AppDbContext(Options(":memory:"));
        return [.. db.Database.GetMigrations().Order(StringComparer.Ordinal)];
    }

    private static void AddMarker(string file, string marker)
    {
        using var connection = OpenDatabase(file);
        Execute(connection, $"INSERT INTO AuditEntries (At, UserId, Action, Subject) VALUES ('2026-01-01', 'test', 'marker', '{marker}');");
    }

    private static List<string> Markers(string file)
    {
        using var connection = OpenDatabase(file);
        return Column(connection, "SELECT Subject FROM AuditEntries WHERE Action = 'marker';");
    }

    /// <summary>Overwrites a page in the middle of the file (rows of the filler table) with garbage.</summary>
    private static void Corrupt(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        const int pageSize = 4096;
        stream.Position = stream.Length / 2 / pageSize * pageSize;
        stream.Write(Enumerable.Repeat((byte)0x5A, pageSize).ToArray());
    }

    private static SqliteConnection OpenDatabase(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        do
        {
            while (reader.Read())
            {
            }
        }
        while (reader.NextResult());
    }

    private static T Scalar<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)command.ExecuteScalar()!;
    }

    private static List<string> Column(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }

    public void Dispose()
    {
        output.Dispose();
        error.Dispose();
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
