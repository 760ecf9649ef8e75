using CdsLearn.Accounts;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Geography;
using CdsLearn.Households;
using CdsLearn.Tests.Content;
using CdsLearn.Voices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CdsLearn.Tests.Voices;

/// <summary>What learners can hear, kept in memory: told of this server's changes at once, finding another server's
/// within <see cref="VoiceAvailability.MaxAge"/>, and never offering a reading of text that has changed.</summary>
public sealed class VoiceAvailabilityTests : IAsyncDisposable
{
    private readonly TempCourse folder = TempCourse.Valid();
    private readonly SqliteConnection connection = new("Data Source=:memory:");
    private readonly ServiceProvider services;
    private readonly Clock clock = new();
    private readonly VoiceAvailability availability;

    public VoiceAvailabilityTests()
    {
        connection.Open();
        services = new ServiceCollection().AddDbContext<AppDbContext>(o => o.UseSqlite(connection)).BuildServiceProvider();
        var catalog = new CourseCatalog(Options.Create(new ContentOptions { Folder = folder.Root }), new CourseLoader(new MarkdownRenderer()),
            NullLogger<CourseCatalog>.Instance);
        availability = new VoiceAvailability(services.GetRequiredService<IServiceScopeFactory>(), catalog, Options.Create(new VoicesOptions()),
            clock, NullLogger<VoiceAvailability>.Instance);
        Course = catalog.Current;
    }

    private Course Course { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ItOffersTheLanguagesOfApprovedReadingsAndCountsItemsPerCommuneOnce()
    {
        await WorldAsync();
        Assert.Empty(await availability.LanguagesAsync("bai-mot", Ct));
        await AddAsync("bai-mot", "mo-dau", "hmong", VoiceStatus.Approved, commune: 1);
        await AddAsync("bai-mot", "thuc-hanh", "thai", VoiceStatus.Approved, commune: 1);
        await AddAsync("bai-mot", "ghi-nho", "vi", VoiceStatus.Waiting, commune: 1);
        await AddAsync("bai-hai", "mo-dau", "vi", VoiceStatus.Rejected, commune: 2);
        await AddAsync("bai-hai", "thuc-hanh", "thai", VoiceStatus.Approved, commune: 2);
        await AddAsync("bai-mot", "ghi-nho", "thai", VoiceStatus.Approved, commune: 2);
        availability.Changed();

        // In the offered order (Tiếng Việt, Thái, H'Mông), not the order they were approved in; waiting ones are not heard.
        Assert.Equal(["thai", "hmong"], (await availability.LanguagesAsync("bai-mot", Ct)).Select(l => l.Code));
        Assert.Equal(["thai"], (await availability.LanguagesAsync("bai-hai", Ct)).Select(l => l.Code));
        var byCommune = await availability.ItemsByCommuneAsync(Ct);
        Assert.Equal(1, byCommune[1]);
        Assert.Equal(2, byCommune[2]);
        Assert.Equal(2, await availability.ItemsOfCommunesAsync([1, 2], Ct));
    }

    [Fact]
    public async Task AnotherServersApprovalIsFoundWithinHalfAMinuteAndOnlyARealChangeMovesTheVersion()
    {
        await WorldAsync();
        await AddAsync("bai-mot", "mo-dau", "thai", VoiceStatus.Approved, commune: 1);
        Assert.Equal(["thai"], (await availability.LanguagesAsync("bai-mot", Ct)).Select(l => l.Code));
        var version = availability.Version;

        // Written by another server: not told here.
        await AddAsync("bai-mot", "mo-dau", "hmong", VoiceStatus.Approved, commune: 1);
        Assert.Equal(["thai"], (await availability.LanguagesAsync("bai-mot", Ct)).Select(l => l.Code));
        Assert.Equal(version, availability.Version);
        clock.Advance(VoiceAvailability.MaxAge);
        Assert.Equal(["thai", "hmong"], (await availability.LanguagesAsync("bai-mot", Ct)).Select(l => l.Code));
        Assert.NotEqual(version, availability.Version);

        // Read again with nothing changed: the visitors' cached pages stay.
        version = availability.Version;
        clock.Advance(VoiceAvailability.MaxAge);
        Assert.Equal(2, (await availability.LanguagesAsync("bai-mot", Ct)).Count);
        Assert.Equal(version, availability.Version);
    }

    [Fact]
    public async Task AReadingWhoseSectionNeedsRereadingIsNoLongerOffered()
    {
        await WorldAsync();
        await AddAsync("bai-mot", "thuc-hanh", "thai", VoiceStatus.Approved, commune: 1);
        Assert.Single(await availability.LanguagesAsync("bai-mot", Ct));
        var version = availability.Version;

        // The lesson's text changed ("Làm thử một lần" is in the "Thực hành" part): the start-up check marks it.
        folder.Write($"{TempCourse.Module}/01-bai-mot.md", TempCourse.LessonFile("bai-mot", order: 1).Replace("Làm thử một lần.", "Làm thử hai lần."));
        var changed = new CourseLoader(new MarkdownRenderer()).Load(folder.Root).Course;
        await using (var scope = services.CreateAsyncScope())
        {
            Assert.Equal(1, await VoiceSectionCheck.MarkChangedAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), changed, Ct));
        }
        availability.Changed();

        Assert.NotEqual(version, availability.Version);
        Assert.Empty(await availability.LanguagesAsync("bai-mot", Ct));
        Assert.Empty(await availability.ItemsByCommuneAsync(Ct));
    }

    private async Task WorldAsync()
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync(Ct);
        db.Users.Add(new AppUser { Id = "reader", UserName = "reader", FullName = "Lò Thị Một" });
        db.Communes.AddRange(new Commune { Id = 1, Name = "Chiềng Mai" }, new Commune { Id = 2, Name = "Mường Bám" });
        db.Teams.AddRange(new Team { Id = 1, Name = "Tổ bản Nà Si", CommuneId = 1 }, new Team { Id = 2, Name = "Tổ bản Bám", CommuneId = 2 });
        await db.SaveChangesAsync(Ct);
    }

    private async Task AddAsync(string itemId, string sectionKey, string language, VoiceStatus status, int commune)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var section = Course.FindLesson(itemId)!.Sections.Single(s => s.Key == sectionKey);
        // One reading per recorder, section and language: a recorder of its own for each.
        var reader = new AppUser { UserName = "doc-" + Guid.NewGuid().ToString("N")[..8], FullName = "Người đọc" };
        db.Users.Add(reader);
        db.VoiceRecordings.Add(new VoiceRecording
        {
            ItemId = itemId, SectionKey = sectionKey, SectionHash = section.Hash, Language = language, RecorderId = reader.Id,
            TeamId = commune, CommuneId = commune, Status = status, FileHash = new string('a', 64),
        });
        await db.SaveChangesAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await connection.DisposeAsync();
        folder.Dispose();
    }

    private sealed class Clock : TimeProvider
    {
        private DateTimeOffset now = new(2026, 12, 5, 1, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
