using System.Net;
using System.Net.Http.Json;
using CdsLearn.Data;
using CdsLearn.Tests.Voices;
using CdsLearn.Voices;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Voices;

/// <summary>A voice is personal data: its reader deletes a reading, or withdraws their consent and every reading
/// goes with its file; the consent's history stays; recording again needs consent again.</summary>
public class VoiceWithdrawalTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Page => $"/giong-doc/ghi/{VoiceSite.LessonId}?ngon-ngu=thai";

    [Fact]
    public async Task AReaderDeletesTheirReadingItLeavesTheLessonAndItsFileGoesUnlessAnotherReadingHasIt()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var reader = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        using var other = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfB1);
        await VoiceSite.ConsentAsync(reader);
        await VoiceSite.ConsentAsync(other);
        var shared = OpusFiles.Webm(TimeSpan.FromSeconds(3));
        var own = OpusFiles.Webm(TimeSpan.FromSeconds(4));
        (await VoiceSite.UploadAsync(reader, shared, VoiceSite.Section(factory, 1).Key)).Dispose();
        (await VoiceSite.UploadAsync(reader, own, VoiceSite.Section(factory, 2).Key)).Dispose();
        (await VoiceSite.UploadAsync(other, shared, VoiceSite.Section(factory, 1).Key)).Dispose();
        var readerId = await UserIdAsync(world, HouseholdWorld.TeamMemberOfA1);
        await ApproveAllAsync(readerId);
        Assert.True(await IsPublishedAsync(shared) && await IsPublishedAsync(own));
        var announced = new List<string>();
        var publications = factory.Services.GetRequiredService<VoicePublications>();
        void Listen(IReadOnlyCollection<string> items) => announced.AddRange(items);
        publications.ItemsChanged += Listen;
        try
        {
            var page = await reader.GetAsync(Page);
            var forms = page.QuerySelectorAll("form.voice-delete");
            Assert.Equal(2, forms.Length);
            var first = await RecordingAsync(readerId, VoiceSite.Section(factory, 1).Key);
            using var deleted = await reader.PostFormAsync(page, $"form.voice-delete:has(input[value='{first.Id}'])", []);
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);

            Assert.Contains(VoiceSite.LessonId, announced);
        }
        finally
        {
            publications.ItemsChanged -= Listen;
        }
        // Gone from the lesson, but the file stays: the other reader's reading has the same bytes.
        Assert.False(await IsPublishedAsync(shared));
        Assert.True(await IsPublishedAsync(own));
        Assert.True(FileExists(shared));
        var after = await reader.GetAsync(Page + "&xong=da-xoa");
        Assert.Contains("Đã xoá bản ghi", after.QuerySelector(".badge.ok[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Single(after.QuerySelectorAll("form.voice-delete"));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.UserId == readerId && a.Action == "voice.delete", Ct));
    }

    [Fact]
    public async Task WithdrawingNeedsTheTickThenDeletesEveryReadingAndFileKeepsTheHistoryAndAsksConsentAgain()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var reader = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        await VoiceSite.ConsentAsync(reader);
        var first = OpusFiles.Webm(TimeSpan.FromSeconds(5));
        var second = OpusFiles.Ogg(TimeSpan.FromSeconds(5));
        (await VoiceSite.UploadAsync(reader, first, VoiceSite.Section(factory, 1).Key)).Dispose();
        (await VoiceSite.UploadAsync(reader, second, VoiceSite.Section(factory, 1).Key, language: "hmong")).Dispose();
        // An upload under way: it goes too, with its part.
        var half = OpusFiles.Webm(TimeSpan.FromSeconds(6));
        using var begun = await VoiceSite.CreateAsync(reader, Guid.NewGuid().ToString(), VoiceSite.Section(factory, 2).Key, half.Length);
        var pending = await VoiceSite.UploadIdAsync(begun);
        (await VoiceSite.PatchAsync(reader, pending, 0, half.AsMemory(0, 1000))).Dispose();
        var readerId = await UserIdAsync(world, HouseholdWorld.TeamMemberOfA1);
        await ApproveAllAsync(readerId);

        var page = await reader.GetAsync(Page);
        Assert.Contains("2 bản ghi", page.QuerySelector(".voice-withdraw")!.TextContent, StringComparison.Ordinal);
        using (var unticked = await reader.PostFormAsync(page, ".voice-withdraw form", []))
        {
            Assert.Equal(HttpStatusCode.OK, unticked.StatusCode);
            var again = await SiteClient.ParseAsync(unticked);
            Assert.Contains("Hãy đánh dấu ô xác nhận", again.QuerySelector(".voice-withdraw .field-error")!.TextContent, StringComparison.Ordinal);
        }
        Assert.Equal(2, await CountAsync(readerId));

        using (var withdrawn = await reader.PostFormAsync(page, ".voice-withdraw form", SiteClient.Fields(("Input.Confirm", "true"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        }

        Assert.Equal(0, await CountAsync(readerId));
        Assert.False(FileExists(first));
        Assert.False(FileExists(second, AudioContainer.Ogg));
        Assert.False(File.Exists(Path.Combine(factory.DataFolder, "audio", "parts", pending + ".part")));
        Assert.False(await IsPublishedAsync(first));
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var consent = await db.VoiceConsents.SingleAsync(c => c.UserId == readerId, Ct);
            Assert.NotNull(consent.WithdrawnAt);
            Assert.Contains(VoiceConsents.Text, consent.ConsentText, StringComparison.Ordinal);
            Assert.False(await db.VoiceUploads.AnyAsync(u => u.UserId == readerId, Ct));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.UserId == readerId && a.Action == "voice.withdraw", Ct));
        }
        // Recording again needs consent again: the upload is refused, the page asks for it, with the history shown.
        using (var refused = await VoiceSite.CreateAsync(reader, Guid.NewGuid().ToString(), VoiceSite.Section(factory, 1).Key, first.Length))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        var asked = await reader.GetAsync(Page + "&xong=da-rut");
        Assert.Contains("rút lại sự đồng ý", asked.QuerySelector(".badge.ok[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(asked.QuerySelector("form.voice-consent"));
        Assert.Null(asked.QuerySelector("[data-voice-record]"));
        Assert.Contains("rút lại ngày", asked.QuerySelector(".voice-consent-history")!.TextContent, StringComparison.Ordinal);

        await VoiceSite.ConsentAsync(reader);
        using (var saved = await VoiceSite.UploadAsync(reader, first, VoiceSite.Section(factory, 1).Key))
        {
            Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        }
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var history = await db.VoiceConsents.Where(c => c.UserId == readerId).OrderBy(c => c.Id).ToListAsync(Ct);
            Assert.Equal(2, history.Count);
            Assert.NotNull(history[0].WithdrawnAt);
            Assert.Null(history[1].WithdrawnAt);
        }
    }

    [Fact]
    public async Task AnotherReadersRecordingIdIsNotFoundAndNothingIsDeleted()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var reader = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        await VoiceSite.ConsentAsync(reader);
        var someoneElses = await VoiceSite.AddRecordingAsync(factory, world.A1.Id, VoiceStatus.Approved);
        var page = await reader.GetAsync(Page);

        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var delete = await reader.Http.PostAsync($"/giong-doc/ghi/{VoiceSite.LessonId}?handler=Delete",
            new FormUrlEncodedContent([new("Input.RecordingId", someoneElses.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("__RequestVerificationToken", token)]), Ct);

        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Contains("Không tìm thấy", await delete.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var scope = factory.Services.CreateScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<AppDbContext>().VoiceRecordings.AnyAsync(r => r.Id == someoneElses, Ct));
    }

    private async Task<string> UserIdAsync(HouseholdWorld world, string who)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.UserName == world.UserNames[who]).Select(u => u.Id).SingleAsync(Ct);
    }

    private async Task ApproveAllAsync(string readerId)
    {
        using var scope = factory.Services.CreateScope();
        var review = scope.ServiceProvider.GetRequiredService<VoiceReview>();
        var ids = await scope.ServiceProvider.GetRequiredService<AppDbContext>().VoiceRecordings.Where(r => r.RecorderId == readerId).Select(r => r.Id).ToListAsync(Ct);
        foreach (var id in ids)
        {
            Assert.Null(await review.DecideAsync(CdsLearn.Households.Scope.Province, readerId, id, VoiceDecision.Approve, null, Ct));
        }
    }

    private async Task<VoiceRecording> RecordingAsync(string readerId, string section)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().VoiceRecordings.SingleAsync(r => r.RecorderId == readerId && r.SectionKey == section, Ct);
    }

    private async Task<int> CountAsync(string readerId)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().VoiceRecordings.CountAsync(r => r.RecorderId == readerId, Ct);
    }

    /// <summary>Whether a learner's lesson page lists this file among the lesson's Thái readings.</summary>
    private async Task<bool> IsPublishedAsync(byte[] file)
    {
        using var learner = new SiteClient(factory);
        var listing = await learner.Http.GetFromJsonAsync<Listing>($"/giong-doc/bai/{VoiceSite.LessonId}?ngon-ngu=thai", Ct);
        return listing!.Voices.Any(v => v.Url.Contains(AudioFiles.HashOf(file), StringComparison.Ordinal));
    }

    private bool FileExists(byte[] file, AudioContainer container = AudioContainer.Webm)
    {
        var hash = AudioFiles.HashOf(file);
        return File.Exists(Path.Combine(factory.DataFolder, "audio", hash[..2], AudioFiles.NameOf(hash, container)));
    }

    private sealed record Voice(int Section, string Url);

    private sealed record Listing(List<Voice> Voices);
}
