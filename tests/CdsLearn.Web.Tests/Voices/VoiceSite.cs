using System.Net.Http.Json;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Voices;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Voices;

/// <summary>A team member's side of the voices over HTTP: consent, then the resumable upload's three requests.</summary>
public static class VoiceSite
{
    public const string LessonId = "an-toan-mang-gia-danh-co-quan";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static LessonSection Section(CdsLearnFactory factory, int index = 1) =>
        factory.Services.GetRequiredService<CourseCatalog>().Current.FindLesson(LessonId)!.Sections.Single(s => s.Index == index);

    public static async Task ConsentAsync(SiteClient site, bool showName = true)
    {
        var page = await site.GetAsync($"/giong-doc/ghi/{LessonId}");
        var response = await site.PostFormAsync(page, "form.voice-consent", SiteClient.Fields(
            ("Input.Agree", "true"), ("Input.SpeakerName", "Lò Thị Hoa"), ("Input.ShowName", showName ? "true" : "false")));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
    }

    public static async Task<HttpResponseMessage> CreateAsync(SiteClient site, string clientId, string section, int length, string language = "thai", int? team = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/giong-doc/tai-len")
        {
            Content = JsonContent.Create(new { clientId, item = LessonId, section, language, length, team }),
        };
        request.Headers.Add("Tus-Resumable", "1.0.0");
        return await site.Http.SendAsync(request, Ct);
    }

    public static async Task<string> UploadIdAsync(HttpResponseMessage created) =>
        (await created.Content.ReadFromJsonAsync<Created>(Ct))!.Id;

    public static async Task<HttpResponseMessage> PatchAsync(SiteClient site, string id, int offset, ReadOnlyMemory<byte> chunk)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/giong-doc/tai-len/{id}") { Content = new ByteArrayContent(chunk.ToArray()) };
        request.Headers.Add("Tus-Resumable", "1.0.0");
        request.Headers.Add("Upload-Offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Content.Headers.ContentType = new("application/offset+octet-stream");
        return await site.Http.SendAsync(request, Ct);
    }

    public static async Task<HttpResponseMessage> HeadAsync(SiteClient site, string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, $"/giong-doc/tai-len/{id}");
        request.Headers.Add("Tus-Resumable", "1.0.0");
        return await site.Http.SendAsync(request, Ct);
    }

    public static int Offset(HttpResponseMessage response) => int.Parse(response.Headers.GetValues("Upload-Offset").Single(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Uploads a whole file in one chunk; returns the last answer.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(SiteClient site, byte[] file, string section, string language = "thai")
    {
        using var created = await CreateAsync(site, Guid.NewGuid().ToString("N"), section, file.Length, language);
        created.EnsureSuccessStatusCode();
        return await PatchAsync(site, await UploadIdAsync(created), 0, file);
    }

    /// <summary>A recording put straight into the database, of a team of the world, for review and scope tests: of the
    /// first section after the opening of <paramref name="itemId"/> (a lesson's first <c>##</c> part, a task's first step).</summary>
    public static async Task<int> AddRecordingAsync(CdsLearnFactory factory, int villageId, VoiceStatus status = VoiceStatus.Waiting,
        string itemId = LessonId, string language = "hmong")
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var team = await db.Teams.Where(t => t.VillageId == villageId).Include(t => t.Members).FirstAsync(Ct);
        var section = VoiceItem.Find(factory.Services.GetRequiredService<CourseCatalog>().Current, itemId)!.Sections.Single(s => s.Index == 1);
        var recording = new VoiceRecording
        {
            ItemId = itemId, SectionKey = section.Key, SectionHash = section.Hash, Language = language,
            RecorderId = "", TeamId = team.Id, CommuneId = team.CommuneId, Status = status,
            FileHash = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            Bytes = 1000, DurationMs = 1000, RecordedAt = DateTime.UtcNow,
        };
        // One reading per recorder and section: a reader of their own for each recording keeps the tests of one world apart.
        var reader = new CdsLearn.Accounts.AppUser { UserName = "doc-" + Guid.NewGuid().ToString("N")[..10], FullName = "Người đọc" };
        db.Users.Add(reader);
        recording.RecorderId = reader.Id;
        db.VoiceRecordings.Add(recording);
        await db.SaveChangesAsync(Ct);
        return recording.Id;
    }

    /// <summary>A reviewer's decision, as they post it on the review page.</summary>
    public static async Task DecideAsync(SiteClient reviewer, int recordingId, string decision, string? note = null)
    {
        var page = await reviewer.GetAsync("/giong-doc/duyet");
        using var response = await reviewer.PostFormAsync(page, $"#ban-ghi-{recordingId} form",
            SiteClient.Fields(("Input.Decision", decision), ("Input.Note", note ?? "")));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
    }

    private sealed record Created(string Id, int Offset);

    /// <summary>What <c>/giong-doc/bai/{id}</c> answers: the item's languages and its published readings in one.</summary>
    public sealed record VoiceList(List<VoiceListLanguage> Languages, List<VoiceListVoice> Voices);

    public sealed record VoiceListLanguage(string Code, string Label);

    public sealed record VoiceListVoice(int Section, string Url, int Ms, string? Credit);
}
