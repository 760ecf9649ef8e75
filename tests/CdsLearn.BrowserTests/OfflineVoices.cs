using CdsLearn.Accounts;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Tests.Voices;
using CdsLearn.Voices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CdsLearn.BrowserTests;

/// <summary>
/// A learner's side of the team's readings without signal, in steps a test can chain after any approved reading
/// (seeded here, or recorded and approved through the pages): choose the language, save the skill with its voices,
/// then play a section offline.
/// </summary>
public static class OfflineVoices
{
    /// <summary>The service worker's cache for the readings (sw.js, save-offline.js).</summary>
    public const string Cache = "cdslearn-voices-v1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An approved reading of one section, as if a team had recorded it and the commune approved it: a real
    /// WebM Opus file in the site's audio store and its row. Returns the file's name and bytes.</summary>
    public static async Task<(string Name, byte[] File)> AddApprovedReadingAsync(BrowserFixture fixture, string lessonId, int sectionIndex, string language, TimeSpan length)
    {
        var section = fixture.Course.FindLesson(lessonId)!.Sections.Single(s => s.Index == sectionIndex);
        var file = OpusFiles.Webm(OpusFiles.Packets(length, seed: Random.Shared.Next()));
        var hash = AudioFiles.HashOf(file);
        using var scope = fixture.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<IAudioStore>().PutAsync(AudioFiles.NameOf(hash, AudioContainer.Webm), file, Ct);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var commune = await db.Communes.OrderBy(c => c.Id).FirstAsync(Ct);
        var reader = new AppUser { UserName = "doc-" + Guid.NewGuid().ToString("N")[..10], FullName = "Lò Thị Đọc" };
        var team = new Team { Name = "Tổ đọc " + reader.UserName, CommuneId = commune.Id, Members = [new TeamMember { UserId = reader.Id }] };
        db.AddRange(reader, team);
        await db.SaveChangesAsync(Ct);
        db.VoiceRecordings.Add(new VoiceRecording
        {
            ItemId = lessonId, SectionKey = section.Key, SectionHash = section.Hash, Language = language, RecorderId = reader.Id,
            TeamId = team.Id, CommuneId = commune.Id, Status = VoiceStatus.Approved, FileHash = hash, Container = AudioContainer.Webm,
            Bytes = file.Length, DurationMs = (int)length.TotalMilliseconds, RecordedAt = DateTime.UtcNow, ReviewedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync(Ct);
        scope.ServiceProvider.GetRequiredService<VoicePublications>().Announce([lessonId]);
        return (AudioFiles.NameOf(hash, AudioContainer.Webm), file);
    }

    /// <summary>Before the first page: remembers the audio element the lesson's player plays, and whether it started.
    /// (The player's element is not in the page, so nothing else reaches it.)</summary>
    public static Task WatchPlayersAsync(IPage page) => page.Context.AddInitScriptAsync("""
        (() => {
          const play = HTMLMediaElement.prototype.play;
          HTMLMediaElement.prototype.play = function () {
            window.__player = this;
            this.addEventListener("playing", () => { window.__playing = true; });
            return play.call(this);
          };
        })();
        """);

    /// <summary>On a lesson, "Nghe giọng đọc của Tổ", then the language by its label: the phone remembers it.</summary>
    public static async Task ChooseLanguageAsync(IPage page, string lessonId, string label)
    {
        await page.GotoAsync($"/bai-hoc/{lessonId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Nghe giọng đọc của Tổ" }).ClickAsync();
        await page.Locator("#giong-doc-ngon-ngu").SelectOptionAsync(new SelectOptionValue { Label = label });
        await page.WaitForFunctionAsync("label => document.querySelector('#giong-doc-ngon-ngu').selectedOptions[0].text === label && !!localStorage.getItem('giong-doc')", label);
    }

    /// <summary>Opens the skill page once the service worker runs it; the save box with its voice choices.</summary>
    public static async Task<ILocator> OpenSaveBoxAsync(IPage page, string skillId)
    {
        await page.GotoAsync($"/ky-nang/{skillId}");
        // The worker registered on an earlier page may activate, and claim the open pages, while this one is still
        // loading: then only its next load is controlled (on a busy machine the test waited for a controller that never
        // came). Once a worker is active, a reload is always controlled.
        await page.EvaluateAsync("() => navigator.serviceWorker.ready");
        if (!await page.EvaluateAsync<bool>("() => !!navigator.serviceWorker.controller"))
        {
            await page.ReloadAsync();
        }
        // Polled as it is: a predicate returning a promise counts as true at once.
        await page.WaitForFunctionAsync("() => !!navigator.serviceWorker.controller");
        var box = page.Locator(".save-offline");
        await Assertions.Expect(box).ToBeVisibleAsync();
        return box;
    }

    /// <summary>"Lưu cả kỹ năng", with the readings of <paramref name="voices"/> (a checkbox's text) ticked first or none.</summary>
    public static async Task SaveSkillAsync(ILocator box, string? voices)
    {
        if (voices is not null)
        {
            await box.GetByLabel(voices).CheckAsync();
        }
        await box.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(box.Locator("[role=status]")).ToContainTextAsync(voices is null ? "Bạn có thể đọc khi" : "Bạn có thể đọc và nghe khi",
            new() { Timeout = 30_000 });
    }

    /// <summary>The audio files the phone keeps.</summary>
    public static Task<string[]> SavedFilesAsync(IPage page) => page.EvaluateAsync<string[]>("""
        async () => {
          const names = [];
          for (const name of await caches.keys()) {
            for (const request of await (await caches.open(name)).keys()) {
              if (new URL(request.url).pathname.startsWith("/giong-doc/tep/")) names.push(new URL(request.url).pathname);
            }
          }
          return names;
        }
        """);

    /// <summary>Without signal: opens the lesson, presses the section's play button (the buttons come in section order)
    /// and waits until the reading plays and its time moves on.</summary>
    public static async Task PlayOfflineAsync(IPage page, string lessonId, int button = 0)
    {
        await page.Context.SetOfflineAsync(true);
        await page.GotoAsync($"/bai-hoc/{lessonId}");
        await PlayAsync(page, button);
    }

    /// <summary>On a lesson whose player shows the readings: presses a section's play button and waits until it plays.</summary>
    public static async Task PlayAsync(IPage page, int button = 0)
    {
        var play = page.Locator(".lesson .prose button.voice-play").Nth(button);
        await play.ClickAsync();
        await page.WaitForFunctionAsync("() => window.__playing === true && window.__player.currentTime > 0.5", null, new() { Timeout = 15_000 });
    }

    /// <summary>What the phone answers when a player asks for part of a file (<c>Range: bytes=…</c>).</summary>
    public sealed record RangeAnswer(int Status, string? ContentRange, string? ContentLength, string? AcceptRanges, byte[] Body);

    public static async Task<RangeAnswer> AskRangeAsync(IPage page, string url, string range)
    {
        var answer = await page.EvaluateAsync<System.Text.Json.JsonElement>("""
            async ([url, range]) => {
              const response = await fetch(url, { headers: { Range: range } });
              const body = new Uint8Array(await response.arrayBuffer());
              const h = (name) => response.headers.get(name);
              return { status: response.status, contentRange: h("Content-Range"), contentLength: h("Content-Length"),
                       acceptRanges: h("Accept-Ranges"), body: btoa(String.fromCharCode(...body)) };
            }
            """, new[] { url, range });
        string? Text(string name) => answer.GetProperty(name).ValueKind == System.Text.Json.JsonValueKind.Null ? null : answer.GetProperty(name).GetString();
        return new RangeAnswer(answer.GetProperty("status").GetInt32(), Text("contentRange"), Text("contentLength"), Text("acceptRanges"),
            Convert.FromBase64String(answer.GetProperty("body").GetString()!));
    }
}
