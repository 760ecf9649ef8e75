using System.CommandLine;
using System.Text.Json;
using CdsLearn.Cli;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Tests.Content;
using CdsLearn.Tests.Figures;
using CdsLearn.Voices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Tests.Cli;

/// <summary>`cdslearn audio stats --json`: per language, the course's sections recorded and approved.</summary>
public sealed class AudioCommandsTests : LibraryWorldTest
{
    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var root = new RootCommand { AudioCommands.Create(output) };
        var exit = await root.Parse(["audio", "stats", "--data", World.Folder, "--content", RepositoryContent.Folder, .. args]).InvokeAsync(cancellationToken: Ct);
        return (exit, output.ToString());
    }

    [Fact]
    public async Task StatsCountPerLanguageTheSectionsRecordedAndApprovedAndLeaveOutRejectedAndOutdatedReadings()
    {
        var course = new CourseLoader(new MarkdownRenderer()).Load(RepositoryContent.Folder).Course;
        var items = VoiceItem.All(course).ToList();
        var total = items.Sum(i => i.Sections.Count);
        var lesson = items.First(i => i.IsLesson && i.Sections.Count >= 3);
        var task = items.First(i => !i.IsLesson && i.Sections.Count >= 1);
        using (var scope = World.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var team = new Team { Name = "Tổ bản Thử", CommuneId = World.CommuneA };
            db.Teams.Add(team);
            await db.SaveChangesAsync(Ct);
            var readers = await db.Users.Select(u => u.Id).ToListAsync(Ct);
            void Add(VoiceItem item, int section, string language, VoiceStatus status, string? hash = null, string reader = "")
            {
                var part = item.Sections[section];
                db.VoiceRecordings.Add(new VoiceRecording
                {
                    ItemId = item.Id, SectionKey = part.Key, SectionHash = hash ?? part.Hash, Language = language, Status = status,
                    RecorderId = reader.Length > 0 ? reader : readers[0], TeamId = team.Id, CommuneId = World.CommuneA, FileHash = new string('a', 64),
                });
            }
            Add(lesson, 0, "thai", VoiceStatus.Approved);
            Add(lesson, 1, "thai", VoiceStatus.Waiting);
            Add(lesson, 2, "thai", VoiceStatus.Rejected);
            Add(task, 0, "thai", VoiceStatus.Approved);
            Add(lesson, 0, "hmong", VoiceStatus.Waiting);
            // Read of a text that has changed since: counted as needing a new reading, not as recorded.
            Add(lesson, 1, "hmong", VoiceStatus.NeedsRereading, hash: "0000000000000000");
            await db.SaveChangesAsync(Ct);
        }

        var run = await RunAsync("--json");

        Assert.Equal(0, run.Exit);
        using var json = JsonDocument.Parse(run.Output);
        var languages = json.RootElement.GetProperty("languages").EnumerateArray()
            .ToDictionary(l => l.GetProperty("code").GetString()!, l => l);
        Assert.Equal(["vi", "thai", "hmong"], languages.Keys);
        (int Sections, int Recorded, int Approved, int Waiting, int Rejected, int NeedsRereading) Counts(string code)
        {
            var l = languages[code];
            return (l.GetProperty("sections").GetInt32(), l.GetProperty("recorded").GetInt32(), l.GetProperty("approved").GetInt32(),
                l.GetProperty("waiting").GetInt32(), l.GetProperty("rejected").GetInt32(), l.GetProperty("needsRereading").GetInt32());
        }
        Assert.Equal((total, 3, 2, 1, 1, 0), Counts("thai"));
        Assert.Equal((total, 1, 0, 1, 0, 1), Counts("hmong"));
        Assert.Equal((total, 0, 0, 0, 0, 0), Counts("vi"));
        Assert.Equal("Tiếng Thái", languages["thai"].GetProperty("label").GetString());
    }

    [Fact]
    public async Task WithoutJsonEachLanguageIsALineInVietnamese()
    {
        var run = await RunAsync();

        Assert.Equal(0, run.Exit);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("Tiếng H'Mông: 0/", lines[2], StringComparison.Ordinal);
        Assert.Contains("0 đã duyệt", lines[2], StringComparison.Ordinal);
    }
}
