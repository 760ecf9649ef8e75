using System.Net;
using System.Net.Http.Json;
using CdsLearn.Data;
using CdsLearn.Voices;
using CdsLearn.Tests.Voices;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Voices;

public class VoiceUploadTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnUploadCutMidwayIsResumedFromTheServersOffsetAndStoredOnce()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var site = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        await VoiceSite.ConsentAsync(site);
        var file = OpusFiles.Webm(TimeSpan.FromSeconds(6));
        var section = VoiceSite.Section(factory).Key;
        var clientId = Guid.NewGuid().ToString();

        using var created = await VoiceSite.CreateAsync(site, clientId, section, file.Length);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = await VoiceSite.UploadIdAsync(created);
        var half = file.Length / 2;
        using (var first = await VoiceSite.PatchAsync(site, id, 0, file.AsMemory(0, half)))
        {
            Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        }

        // The line drops; the phone starts over: the same recording finds the same upload, and its offset.
        using var again = await VoiceSite.CreateAsync(site, clientId, section, file.Length);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(id, await VoiceSite.UploadIdAsync(again));
        using (var head = await VoiceSite.HeadAsync(site, id))
        {
            Assert.Equal(half, VoiceSite.Offset(head));
        }
        // A chunk from the wrong place (the phone thought nothing arrived) is refused with where to go on from.
        using (var stale = await VoiceSite.PatchAsync(site, id, 0, file.AsMemory(0, half)))
        {
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            Assert.Equal(half, VoiceSite.Offset(stale));
        }
        using (var rest = await VoiceSite.PatchAsync(site, id, half, file.AsMemory(half)))
        {
            Assert.Equal(HttpStatusCode.NoContent, rest.StatusCode);
            Assert.True(rest.Headers.Contains("Voice-Recording"));
        }
        // The answer to the last chunk was lost; the phone sends it again: nothing more is stored.
        using (var repeat = await VoiceSite.PatchAsync(site, id, half, file.AsMemory(half)))
        {
            Assert.Equal(file.Length, VoiceSite.Offset(repeat));
        }

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = await db.Users.Where(u => u.UserName == world.UserNames[HouseholdWorld.TeamMemberOfA1]).Select(u => u.Id).SingleAsync(Ct);
        var recording = await db.VoiceRecordings.SingleAsync(r => r.RecorderId == userId, Ct);
        Assert.Equal((VoiceStatus.Waiting, 6000, file.Length), (recording.Status, recording.DurationMs, recording.Bytes));
        Assert.Equal(AudioFiles.HashOf(file), recording.FileHash);
        var store = scope.ServiceProvider.GetRequiredService<IAudioStore>();
        using (var stored = store.Open(recording.FileName))
        {
            Assert.Equal(file.Length, stored!.Length);
        }
        Assert.False(File.Exists(Path.Combine(factory.DataFolder, "audio", "parts", id + ".part")));
        // Consent is kept with who, when and the text agreed to.
        var consent = await db.VoiceConsents.SingleAsync(c => c.UserId == userId, Ct);
        Assert.Contains(VoiceConsents.Text, consent.ConsentText, StringComparison.Ordinal);
    }

    public static TheoryData<string> BadFiles => ["mp3", "truncated", "zero", "ten-megabytes", "ogg-without-end"];

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task ABadFileIsRefusedInVietnameseAndNothingIsKept(string kind)
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var site = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfB1);
        await VoiceSite.ConsentAsync(site);
        var webm = OpusFiles.Webm(TimeSpan.FromSeconds(4));
        var file = kind switch
        {
            "mp3" => OpusFiles.Mp3(30_000),
            "truncated" => webm[..(webm.Length - 37)],
            "zero" => [],
            "ten-megabytes" => new byte[10 * 1024 * 1024],
            _ => OpusFiles.Ogg(TimeSpan.FromSeconds(4), endOfStream: false),
        };
        var section = VoiceSite.Section(factory).Key;
        var filesBefore = StoredFiles();

        using var created = await VoiceSite.CreateAsync(site, Guid.NewGuid().ToString(), section, file.Length);
        HttpResponseMessage answer = created;
        if (created.IsSuccessStatusCode)
        {
            answer = await VoiceSite.PatchAsync(site, await VoiceSite.UploadIdAsync(created), 0, file);
        }

        Assert.True((int)answer.StatusCode is 413 or 422, answer.StatusCode.ToString());
        var reason = (await answer.Content.ReadFromJsonAsync<Refusal>(Ct))!.Loi;
        Assert.Matches("(Tệp|Bản ghi|Đây không phải)", reason);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = await db.Users.Where(u => u.UserName == world.UserNames[HouseholdWorld.TeamMemberOfB1]).Select(u => u.Id).SingleAsync(Ct);
        Assert.False(await db.VoiceRecordings.AnyAsync(r => r.RecorderId == userId, Ct));
        Assert.False(await db.VoiceUploads.AnyAsync(u => u.UserId == userId, Ct));
        Assert.Equal(filesBefore, StoredFiles());
        answer.Dispose();
    }

    [Fact]
    public async Task AnUploadWithoutConsentOrWithoutTheProtocolHeaderIsRefused()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var site = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        var section = VoiceSite.Section(factory).Key;

        using var withoutConsent = await VoiceSite.CreateAsync(site, Guid.NewGuid().ToString(), section, 1000);
        Assert.Equal(HttpStatusCode.Forbidden, withoutConsent.StatusCode);
        Assert.Equal(VoiceUploads.NoConsent, (await withoutConsent.Content.ReadFromJsonAsync<Refusal>(Ct))!.Loi);

        await VoiceSite.ConsentAsync(site);
        // A plain form post from another site carries the cookie but cannot set the header.
        using var form = await site.Http.PostAsync("/giong-doc/tai-len", JsonContent.Create(new { clientId = Guid.NewGuid().ToString(), item = VoiceSite.LessonId, section, language = "thai", length = 1000 }), Ct);
        Assert.Equal(HttpStatusCode.PreconditionFailed, form.StatusCode);
    }

    [Fact]
    public async Task AConsentNeedsTheTickAndANameElseFieldErrorsAndNothingStored()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var site = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        var page = await site.GetAsync($"/giong-doc/ghi/{VoiceSite.LessonId}");
        using var response = await site.PostFormAsync(page, "form.voice-consent", SiteClient.Fields(("Input.SpeakerName", "")));
        var again = await SiteClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hãy đánh dấu đồng ý", again.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Hãy ghi tên của bạn.", again.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = await db.Users.Where(u => u.UserName == world.UserNames[HouseholdWorld.TeamMemberOfA1]).Select(u => u.Id).SingleAsync(Ct);
        Assert.False(await db.VoiceConsents.AnyAsync(c => c.UserId == userId, Ct));
    }

    [Fact]
    public async Task OnlyTheRecordingPageMayUseTheMicrophoneAndItMayPlayBackWhatItRecorded()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var site = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        using var record = await site.Http.GetAsync($"/giong-doc/ghi/{VoiceSite.LessonId}", Ct);
        using var lesson = await site.Http.GetAsync($"/bai-hoc/{VoiceSite.LessonId}", Ct);

        Assert.Equal(HttpStatusCode.OK, record.StatusCode);
        Assert.Contains("microphone=(self)", record.Headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("camera=()", record.Headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("microphone=()", lesson.Headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);
        // Listening back plays the recording from a blob: address, before anything is uploaded.
        Assert.Contains("media-src 'self' blob:", record.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    private string[] StoredFiles() =>
        Directory.Exists(Path.Combine(factory.DataFolder, "audio"))
            ? [.. Directory.EnumerateFiles(Path.Combine(factory.DataFolder, "audio"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)]
            : [];

    private sealed record Refusal(string Loi);
}
