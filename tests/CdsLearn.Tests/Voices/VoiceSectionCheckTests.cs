using CdsLearn.Accounts;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Geography;
using CdsLearn.Households;
using CdsLearn.Tests.Content;
using CdsLearn.Voices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Tests.Voices;

public class VoiceSectionCheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhenALessonsTextChangesOnlyTheChangedSectionsRecordingsNeedRereading()
    {
        using var folder = TempCourse.Valid();
        var before = Load(folder);
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(Ct);
        await using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(connection).Options);
        await db.Database.MigrateAsync(Ct);
        db.Users.Add(new AppUser { Id = "reader", UserName = "reader", FullName = "Lò Thị Một" });
        db.Communes.Add(new Commune { Id = 1, Name = "Chiềng Mai" });
        db.Teams.Add(new Team { Id = 1, Name = "Tổ bản Nà Si", CommuneId = 1 });
        var lesson = before.FindLesson("bai-mot")!;
        foreach (var language in new[] { "thai", "hmong" })
        {
            foreach (var section in lesson.Sections)
            {
                db.VoiceRecordings.Add(new VoiceRecording
                {
                    ItemId = "bai-mot", SectionKey = section.Key, SectionHash = section.Hash, Language = language,
                    RecorderId = "reader", TeamId = 1, CommuneId = 1, Status = VoiceStatus.Approved, FileHash = new string('a', 64),
                });
            }
        }
        await db.SaveChangesAsync(Ct);

        Assert.Equal(0, await VoiceSectionCheck.MarkChangedAsync(db, before, Ct));

        folder.Write($"{TempCourse.Module}/01-bai-mot.md", TempCourse.LessonFile("bai-mot", order: 1).Replace("Làm thử một lần.", "Làm thử hai lần."));
        var after = Load(folder);
        Assert.Equal(2, await VoiceSectionCheck.MarkChangedAsync(db, after, Ct));

        var states = await db.VoiceRecordings.AsNoTracking().Where(r => r.Language == "thai")
            .ToDictionaryAsync(r => r.SectionKey, r => r.Status, Ct);
        Assert.Equal(VoiceStatus.NeedsRereading, states["thuc-hanh"]);
        Assert.Equal(VoiceStatus.Approved, states["mo-dau"]);
        Assert.Equal(VoiceStatus.Approved, states["ghi-nho"]);
        // Checked again at the next start: nothing more changes.
        Assert.Equal(0, await VoiceSectionCheck.MarkChangedAsync(db, after, Ct));
    }

    private static Course Load(TempCourse folder)
    {
        var result = new CourseLoader(new MarkdownRenderer()).Load(folder.Root);
        Assert.False(result.HasErrors, string.Join('\n', result.Problems));
        return result.Course;
    }
}
