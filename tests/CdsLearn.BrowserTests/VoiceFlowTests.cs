using System.Collections.Concurrent;
using CdsLearn.Accounts;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Geography;
using CdsLearn.Households;
using CdsLearn.Voices;
using CdsLearn.Web.Pages.Voices;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CdsLearn.BrowserTests;

/// <summary>
/// Issue 19 in a real browser at 360 px: a team member reads a section in Thái into Chromium's fake microphone (a tone
/// the test writes), the upload is cut half-way and resumed, the commune officer approves it, a learner plays it, then
/// saves the skill with its voices and plays it again without signal.
/// </summary>
[Collection(BrowserCollection.Name)]
public class VoiceFlowTests(BrowserFixture fixture)
{
    private const string Password = "mat-khau-giong-doc";
    private const string Speaker = "Lò Thị Hoa";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The recording page and the player as the script leaves them, in the three display modes.</summary>
    private readonly AxeAudit audit = new([]);

    [Fact]
    public async Task AThaiReadingCutMidUploadIsStoredOnceApprovedPlayedToALearnerAndPlayedOfflineOnceSaved()
    {
        var microphone = Path.Combine(Path.GetTempPath(), $"cdslearn-voice-{Guid.NewGuid():N}.wav");
        await File.WriteAllBytesAsync(microphone, Tone(seconds: 3), Ct);
        await using var browser = await fixture.LaunchAsync("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            $"--use-file-for-fake-audio-capture={microphone}");
        try
        {
            var lesson = fixture.Course.FindSkill("dich-vu-cong")!.Modules[2].Lessons[0];
            var section = lesson.Sections[1];
            var place = await PlaceAsync();

            var file = await RecordAndUploadWithACutAsync(browser, place.TeamMember, lesson, section);
            await ApproveAsync(browser, place.Officer, section);
            var learner = await PlayAsLearnerAsync(browser, lesson, section, place.TeamName, file);
            audit.AssertClean();

            // Then without signal: "Lưu cả kỹ năng" offers the Thái reading (the phone's language), keeps its file,
            // and the section plays offline.
            await learner.EvaluateAsync("() => window.__player.pause()");
            var box = await OfflineVoices.OpenSaveBoxAsync(learner, "dich-vu-cong");
            await OfflineVoices.SaveSkillAsync(box, "Lưu cả giọng đọc tiếng Thái");
            Assert.Equal([$"{VoiceEndpoints.Files}/{file}"], await OfflineVoices.SavedFilesAsync(learner));
            await OfflineVoices.PlayOfflineAsync(learner, lesson.Id);
            Assert.EndsWith($"{VoiceEndpoints.Files}/{file}", await learner.EvaluateAsync<string>("() => window.__player.currentSrc"), StringComparison.Ordinal);
            await BrowserFixture.ScreenshotAsync(learner, "66-giong-doc-ngoai-tuyen");
        }
        finally
        {
            File.Delete(microphone);
        }
    }

    /// <summary>Consent, Thái, record, stop, listen back, save: the first chunk reaches the server only half and its
    /// answer is lost; the page asks the offset and sends the rest. Returns the stored file's name.</summary>
    private async Task<string> RecordAndUploadWithACutAsync(IBrowser browser, string teamMember, Lesson lesson, LessonSection section)
    {
        var phone = await fixture.NewPhoneAsync(on: browser);
        var errors = WatchErrors(phone);
        await BrowserFixture.SignInAsync(phone, teamMember, Password);
        await phone.GotoAsync($"/bai-hoc/{lesson.Id}");
        await phone.GetByRole(AriaRole.Link, new() { Name = "Ghi giọng đọc" }).ClickAsync();
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync("Ghi giọng đọc");
        await PhoneFlowTests.AssertFitsThePhoneAsync(phone);
        await BrowserFixture.ScreenshotAsync(phone, "60-giong-doc-dong-y");

        await phone.GetByLabel("Tôi đồng ý").CheckAsync();
        await phone.GetByLabel("Tên của bạn").FillAsync(Speaker);
        await phone.GetByLabel(VoiceConsents.ShowNameText).CheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Đồng ý và bắt đầu" }).ClickAsync();
        await phone.GetByLabel("Ngôn ngữ đọc").SelectOptionAsync(new SelectOptionValue { Label = "Tiếng Thái" });
        await phone.GetByRole(AriaRole.Button, new() { Name = "Chọn", Exact = true }).ClickAsync();
        await Assertions.Expect(phone.Locator("[data-voice-record]")).ToHaveAttributeAsync("data-language", "thai");

        // The first PATCH: the server gets only its first half, and the phone never hears back (the line dropped).
        var sent = new ConcurrentQueue<(string Method, string? Offset)>();
        phone.Request += (_, request) =>
        {
            if (request.Url.Contains(VoiceEndpoints.Uploads, StringComparison.Ordinal))
            {
                sent.Enqueue((request.Method, request.Headers.GetValueOrDefault("upload-offset")));
            }
        };
        byte[]? recorded = null;
        int? halfAnswer = null;
        await phone.RouteAsync($"**{VoiceEndpoints.Uploads}/*", async route =>
        {
            if (route.Request.Method != "PATCH" || recorded is not null)
            {
                await route.ContinueAsync();
                return;
            }
            recorded = route.Request.PostDataBuffer!;
            var half = await route.FetchAsync(new() { PostData = recorded[..(recorded.Length / 2)] });
            halfAnswer = half.Status;
            await route.AbortAsync("connectionreset");
        });

        var part = phone.Locator($".voice-section[data-section='{section.Key}']");
        await part.GetByRole(AriaRole.Button, new() { Name = "● Ghi" }).ClickAsync();
        var stop = part.GetByRole(AriaRole.Button, new() { Name = "■ Dừng" });
        await Assertions.Expect(stop).ToContainTextAsync("0:03");
        // One section at a time: the others cannot start a second recording meanwhile.
        await Assertions.Expect(phone.Locator("[data-act=record]:visible:enabled")).ToHaveCountAsync(0);
        await ShotAsync(part, "61-giong-doc-dang-ghi");
        await stop.ClickAsync();

        // Listening back plays what was just recorded.
        var listen = part.Locator("audio");
        await Assertions.Expect(listen).ToBeVisibleAsync();
        await listen.EvaluateAsync("a => a.play()");
        await phone.WaitForFunctionAsync("a => a.currentTime > 0.3", await listen.ElementHandleAsync());
        await listen.EvaluateAsync("a => a.pause()");
        await ShotAsync(part, "62-giong-doc-nghe-lai");

        await part.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(part.GetByRole(AriaRole.Status)).ToHaveTextAsync("Đã lưu. Bản ghi đang chờ cán bộ duyệt.", new() { Timeout = 15000 });
        await Assertions.Expect(part.Locator(".voice-state")).ToHaveTextAsync("Chờ duyệt");
        await ShotAsync(part, "63-giong-doc-da-luu");
        await InEveryDisplayModeAsync(phone, part, "63-giong-doc-da-luu");
        await audit.CheckCurrentAsync(phone);

        Assert.Equal(204, halfAnswer);
        var half = recorded!.Length / 2;
        var requests = sent.ToList();
        Assert.Equal([("POST", null), ("PATCH", "0"), ("HEAD", null), ("PATCH", half.ToString(System.Globalization.CultureInfo.InvariantCulture))], requests);

        // One recording, its file the whole recording byte for byte.
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = await db.Users.Where(u => u.UserName == teamMember).Select(u => u.Id).SingleAsync(Ct);
        var recording = await db.VoiceRecordings.AsNoTracking().SingleAsync(r => r.RecorderId == userId, Ct);
        Assert.Equal((lesson.Id, section.Key, "thai", VoiceStatus.Waiting), (recording.ItemId, recording.SectionKey, recording.Language, recording.Status));
        Assert.Equal(1, await db.VoiceUploads.CountAsync(u => u.UserId == userId, Ct));
        await using var file = scope.ServiceProvider.GetRequiredService<IAudioStore>().Open(recording.FileName)!;
        using var copy = new MemoryStream();
        await file.CopyToAsync(copy, Ct);
        Assert.Equal(recorded, copy.ToArray());
        Assert.Equal(recorded.Length, recording.Bytes);
        Assert.InRange(recording.DurationMs, 1500, 10000);
        Assert.Equal(["Failed to load resource: net::ERR_CONNECTION_RESET"], errors); // the cut, and nothing else
        return recording.FileName;
    }

    private async Task ApproveAsync(IBrowser browser, string officer, LessonSection section)
    {
        var phone = await fixture.NewPhoneAsync(on: browser);
        var errors = WatchErrors(phone);
        await BrowserFixture.SignInAsync(phone, officer, Password);
        await phone.GotoAsync("/giong-doc/duyet");
        var card = phone.Locator(".voice-review", new() { HasText = Speaker }).Filter(new() { HasText = section.Title });
        await Assertions.Expect(card).ToHaveCountAsync(1);
        await Assertions.Expect(card).ToContainTextAsync("Tiếng Thái");
        await PhoneFlowTests.AssertFitsThePhoneAsync(phone);

        // The officer hears it before deciding.
        var audio = card.Locator("audio");
        await audio.EvaluateAsync("a => a.play()");
        await phone.WaitForFunctionAsync("a => a.currentTime > 0.3", await audio.ElementHandleAsync());
        await audio.EvaluateAsync("a => a.pause()");
        await ShotAsync(card, "64-giong-doc-duyet");

        await card.GetByLabel("Ghi chú (bắt buộc khi từ chối)").FillAsync("Đọc rõ, đúng bài.");
        await card.GetByRole(AriaRole.Button, new() { Name = "Duyệt" }).ClickAsync();
        await Assertions.Expect(phone.Locator("[role=status]", new() { HasText = "Đã lưu." })).ToBeVisibleAsync();
        var decided = phone.Locator(".voice-review", new() { HasText = Speaker }).Filter(new() { HasText = section.Title });
        await Assertions.Expect(decided).ToContainTextAsync("Đã duyệt: Đọc rõ, đúng bài.");
        Assert.Empty(errors);
    }

    /// <summary>A new learner opens the lesson, listens in Thái, and hears the reading: the audio really plays.</summary>
    private async Task<IPage> PlayAsLearnerAsync(IBrowser browser, Lesson lesson, LessonSection section, string teamName, string file)
    {
        var phone = await fixture.NewPhoneAsync(on: browser);
        var errors = WatchErrors(phone);
        await OfflineVoices.WatchPlayersAsync(phone);
        await PhoneFlowTests.RegisterAsync(phone, "Cầm Thị Xuân");
        await phone.GotoAsync($"/bai-hoc/{lesson.Id}");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Nghe giọng đọc của Tổ" }).ClickAsync();
        await phone.GetByLabel("Nghe bằng").SelectOptionAsync(new SelectOptionValue { Label = "Tiếng Thái" });

        var part = phone.Locator($".lesson .prose h2:text-is('{section.Title}') + .voice-part");
        var play = part.GetByRole(AriaRole.Button);
        await Assertions.Expect(play).ToHaveTextAsync("▶ Nghe phần này");
        // The reader agreed to show her name: it is under the button.
        await Assertions.Expect(part.Locator(".meta")).ToHaveTextAsync($"Giọng đọc: {Speaker}, {teamName}");
        await Assertions.Expect(phone.Locator("button.voice-play")).ToHaveCountAsync(1);
        await PhoneFlowTests.AssertFitsThePhoneAsync(phone);
        await play.ClickAsync();
        await Assertions.Expect(play).ToHaveTextAsync("❚❚ Tạm dừng");
        await phone.WaitForFunctionAsync("() => window.__playing === true && !window.__player.paused && window.__player.currentTime > 0.5");
        Assert.EndsWith($"{VoiceEndpoints.Files}/{file}", await phone.EvaluateAsync<string>("() => window.__player.currentSrc"), StringComparison.Ordinal);

        // A second tap pauses; the third goes on from there.
        await play.ClickAsync();
        await Assertions.Expect(play).ToHaveTextAsync("▶ Nghe phần này");
        var pausedAt = await phone.EvaluateAsync<double>("() => window.__player.currentTime");
        await play.ClickAsync();
        await phone.WaitForFunctionAsync("at => !window.__player.paused && window.__player.currentTime > at + 0.2", pausedAt);
        await ShotAsync(phone.Locator("#giong-doc"), "65-giong-doc-chon");
        await ShotAsync(part, "65-giong-doc-nghe");
        await InEveryDisplayModeAsync(phone, phone.Locator(".lesson"), "65-giong-doc-nghe");
        await audit.CheckCurrentAsync(phone);
        Assert.Empty(errors);
        return phone;
    }

    /// <summary>What a reader sees around <paramref name="what"/>: the phone's screen scrolled to it.</summary>
    private static async Task ShotAsync(ILocator what, string name)
    {
        await what.ScrollIntoViewIfNeededAsync();
        await what.Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png") });
    }

    /// <summary>"Chữ to", then "Tương phản cao" too: the page still fits the phone; both are switched off again.</summary>
    private static async Task InEveryDisplayModeAsync(IPage page, ILocator what, string name)
    {
        await BrowserFixture.SwitchDisplayAsync(page, "Chữ to");
        await PhoneFlowTests.AssertFitsThePhoneAsync(page);
        await ShotAsync(what, name + "-chu-to");
        await BrowserFixture.SwitchDisplayAsync(page, "Tương phản cao");
        await PhoneFlowTests.AssertFitsThePhoneAsync(page);
        await ShotAsync(what, name + "-tuong-phan");
        await BrowserFixture.SwitchDisplayAsync(page, "Chữ to");
        await BrowserFixture.SwitchDisplayAsync(page, "Tương phản cao");
    }

    private static ConcurrentQueue<string> WatchErrors(IPage page)
    {
        var errors = new ConcurrentQueue<string>();
        page.Console += (_, message) => { if (message.Type == "error") { errors.Enqueue(message.Text); } };
        page.PageError += (_, error) => errors.Enqueue(error);
        return errors;
    }

    /// <summary>A village team with one member, in a commune with its officer.</summary>
    private async Task<(string TeamMember, string Officer, string TeamName)> PlaceAsync()
    {
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var commune = await db.Communes.OrderBy(c => c.Id).FirstAsync(Ct);
        var village = new Village { CommuneId = commune.Id, Name = "Bản Nà Si " + Guid.NewGuid().ToString("N")[..4] };
        db.Villages.Add(village);
        await db.SaveChangesAsync(Ct);
        async Task<AppUser> UserAsync(string role, string fullName)
        {
            var user = new AppUser { UserName = "gd" + Guid.NewGuid().ToString("N")[..8], FullName = fullName };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            return user;
        }
        var member = await UserAsync(Roles.TeamMember, Speaker);
        var officer = await UserAsync(Roles.CommuneOfficer, "Cán bộ xã Giọng đọc");
        var team = new Team { Name = "Tổ " + village.Name, CommuneId = commune.Id, VillageId = village.Id, Members = [new TeamMember { UserId = member.Id, IsLeader = true }] };
        db.Teams.Add(team);
        db.CommuneOfficers.Add(new CommuneOfficer { CommuneId = commune.Id, UserId = officer.Id });
        await db.SaveChangesAsync(Ct);
        return (member.UserName!, officer.UserName!, team.Name);
    }

    /// <summary>A WAV Chromium's fake microphone plays in a loop: 48 kHz mono 16-bit PCM, a 440 Hz tone.</summary>
    private static byte[] Tone(int seconds)
    {
        const int rate = 48000;
        var samples = rate * seconds;
        using var wav = new MemoryStream();
        using var writer = new BinaryWriter(wav);
        writer.Write("RIFF"u8);
        writer.Write(36 + samples * 2);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(rate);
        writer.Write(rate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples * 2);
        for (var i = 0; i < samples; i++)
        {
            writer.Write((short)(Math.Sin(2 * Math.PI * 440 * i / rate) * 0.3 * short.MaxValue));
        }
        writer.Flush();
        return wav.ToArray();
    }
}
