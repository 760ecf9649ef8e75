using System.CommandLine;
using System.Text.Json;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Voices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CdsLearn.Cli;

/// <summary>`cdslearn audio stats [--data DIR] [--content DIR] [--json]`: per language, the course's sections and how
/// many have a reading recorded (waiting or approved) and approved. `cdslearn audio backup [--data DIR] --to DIR
/// [--keep-days N]`: the recordings' files into a backup folder, whatever the database (SQLite or PostgreSQL).</summary>
public static class AudioCommands
{
    public static Command Create(TextWriter output)
    {
        var audio = new Command("audio", "The teams' recorded voices");
        var data = new Option<string?>("--data") { Description = "The data folder (default: CDSLEARN_DATA or ./data)" };
        var content = new Option<string>("--content") { Description = "The course folder", DefaultValueFactory = _ => "content" };
        var json = new Option<bool>("--json") { Description = "One JSON object" };
        var stats = new Command("stats", "Sections recorded and approved per language") { data, content, json };
        stats.SetAction((parse, ct) => StatsAsync(parse.GetValue(data), parse.GetValue(content)!, parse.GetValue(json), output, ct));
        audio.Subcommands.Add(stats);

        var backupData = new Option<string?>("--data") { Description = "The data folder holding audio/ (default: CDSLEARN_DATA or ./data)" };
        var to = new Option<string>("--to") { Description = "The backup's audio folder (shared by every backup)", Required = true };
        var keepDays = new Option<int?>("--keep-days") { Description = "Delete recordings the site no longer has once they are this many days out of it (default: keep them)" };
        var backup = new Command("backup", "Copy new recordings into the backup's audio folder; set aside those the site deleted") { backupData, to, keepDays };
        backup.SetAction(parse => Backup(parse.GetValue(backupData), parse.GetValue(to)!, parse.GetValue(keepDays), output, Console.Error));
        audio.Subcommands.Add(backup);
        return audio;
    }

    public static int Backup(string? dataFolder, string to, int? keepDays, TextWriter output, TextWriter error)
    {
        if (keepDays is < 1)
        {
            error.WriteLine("--keep-days cần ít nhất 1 ngày.");
            return 1;
        }
        var source = Path.Combine(DatabaseCommands.ResolveFolder(dataFolder), FolderAudioStore.FolderName);
        var target = Path.GetFullPath(to);
        try
        {
            var done = new FolderAudioStore(source).BackUpTo(new FolderAudioStore(target), keepDays is { } days ? TimeSpan.FromDays(days) : null, DateTimeOffset.UtcNow);
            output.WriteLine($"Giọng đọc: chép {done.Copied} tệp mới vào {target}; {done.Removed} tệp trang web đã xoá được để riêng trong {FolderAudioStore.RemovedFolderName}/, {done.Deleted} tệp đã quá hạn giữ được xoá.");
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"Sao lưu giọng đọc thất bại: {e.Message}");
            return 1;
        }
    }

    public static async Task<int> StatsAsync(string? dataFolder, string contentFolder, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var services = await CliHost.StartAsync(dataFolder, cancellationToken);
        using var scope = services.CreateScope();
        using var catalog = new CourseCatalog(Options.Create(new ContentOptions { Folder = Path.GetFullPath(contentFolder) }),
            new CourseLoader(new MarkdownRenderer()), NullLogger<CourseCatalog>.Instance);
        var configured = services.GetService<Microsoft.Extensions.Configuration.IConfiguration>();
        var options = new VoicesOptions();
        if (configured is not null)
        {
            Microsoft.Extensions.Configuration.ConfigurationBinder.Bind(configured.GetSection(VoicesOptions.Section), options);
        }
        var library = new VoiceLibrary(scope.ServiceProvider.GetRequiredService<AppDbContext>(), catalog, Options.Create(options));
        var stats = await library.StatsAsync(cancellationToken);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new
            {
                languages = stats.Select(s => new { code = s.Code, label = s.Label, sections = s.Sections, recorded = s.Recorded, approved = s.Approved, waiting = s.Waiting, rejected = s.Rejected, needsRereading = s.NeedsRereading }),
            }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            return 0;
        }
        foreach (var s in stats)
        {
            output.WriteLine($"{s.Label}: {s.Recorded}/{s.Sections} phần đã ghi, {s.Approved} đã duyệt, {s.Waiting} chờ duyệt, {s.Rejected} bị từ chối, {s.NeedsRereading} cần đọc lại");
        }
        return 0;
    }
}
