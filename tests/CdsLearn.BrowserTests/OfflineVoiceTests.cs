using CdsLearn.Data;
using CdsLearn.Voices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CdsLearn.BrowserTests;

/// <summary>The team's readings kept on a learner's phone with "Lưu cả kỹ năng", and played there without signal.</summary>
[Collection(BrowserCollection.Name)]
public class OfflineVoiceTests(BrowserFixture fixture)
{
    [Fact]
    public async Task ReadingsSavedWithTheSkillPlayOfflineInTheChosenLanguage()
    {
        var skill = fixture.Course.FindSkill("bat-dau-voi-dien-thoai")!;
        var lesson = fixture.Course.LessonsOf(skill).First(l => l.Sections.Count > 1);
        var (file, bytes) = await OfflineVoices.AddApprovedReadingAsync(fixture, lesson.Id, 1, "thai", TimeSpan.FromSeconds(4));
        var url = $"/giong-doc/tep/{file}";
        var page = await fixture.NewPhoneAsync();
        await OfflineVoices.WatchPlayersAsync(page);
        await OfflineVoices.ChooseLanguageAsync(page, lesson.Id, "Tiếng Thái");

        // The real size of the files, before anything is fetched; only the phone's language is offered.
        var box = await OfflineVoices.OpenSaveBoxAsync(page, skill.Id);
        var voices = $"Lưu cả giọng đọc tiếng Thái ({(bytes.Length + 1023) / 1024} KB)";
        await Assertions.Expect(box.Locator("label")).ToHaveTextAsync([voices]);
        Assert.Empty(await OfflineVoices.SavedFilesAsync(page));
        // Read by an older learner: large text and high contrast keep the box within the phone.
        await BrowserFixture.SwitchDisplayAsync(page, "Chữ to");
        await BrowserFixture.SwitchDisplayAsync(page, "Tương phản cao");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 360, "the skill page is wider than the phone");
        await box.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "40-luu-giong-doc-chu-to.png") });
        await OfflineVoices.SaveSkillAsync(box, voices);
        Assert.Equal([url], await OfflineVoices.SavedFilesAsync(page));
        await box.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "40-luu-giong-doc-da-luu.png") });

        await OfflineVoices.PlayOfflineAsync(page, lesson.Id);
        await BrowserFixture.ScreenshotAsync(page, "41-giong-doc-ngoai-tuyen");

        // Still offline: the parts a player asks for (to start, resume or seek) are cut from the saved whole file.
        var middle = await OfflineVoices.AskRangeAsync(page, url, "bytes=100-199");
        Assert.Equal((206, $"bytes 100-199/{bytes.Length}", "100", "bytes"), (middle.Status, middle.ContentRange, middle.ContentLength, middle.AcceptRanges));
        Assert.Equal(bytes[100..200], middle.Body);
        var end = await OfflineVoices.AskRangeAsync(page, url, "bytes=-50");
        Assert.Equal((206, $"bytes {bytes.Length - 50}-{bytes.Length - 1}/{bytes.Length}"), (end.Status, end.ContentRange));
        Assert.Equal(bytes[^50..], end.Body);
        var rest = await OfflineVoices.AskRangeAsync(page, url, $"bytes={bytes.Length - 10}-");
        Assert.Equal(bytes[^10..], rest.Body);
        var past = await OfflineVoices.AskRangeAsync(page, url, $"bytes={bytes.Length}-");
        Assert.Equal((416, $"bytes */{bytes.Length}"), (past.Status, past.ContentRange));
    }

    [Fact]
    public async Task WithoutTickingTheVoicesNoAudioIsSaved()
    {
        var skill = fixture.Course.FindSkill("thanh-toan")!;
        var lesson = fixture.Course.LessonsOf(skill).First(l => l.Sections.Count > 1);
        var (_, bytes) = await OfflineVoices.AddApprovedReadingAsync(fixture, lesson.Id, 1, "hmong", TimeSpan.FromSeconds(2));
        var page = await fixture.NewPhoneAsync();
        await OfflineVoices.WatchPlayersAsync(page);

        // A phone that chose no language is offered each language with readings, none ticked.
        var box = await OfflineVoices.OpenSaveBoxAsync(page, skill.Id);
        var voices = box.GetByLabel($"Lưu cả giọng đọc tiếng H'Mông ({(bytes.Length + 1023) / 1024} KB)");
        await Assertions.Expect(voices).Not.ToBeCheckedAsync();
        await OfflineVoices.SaveSkillAsync(box, null);

        Assert.Empty(await OfflineVoices.SavedFilesAsync(page));
        Assert.False(await page.EvaluateAsync<bool>("() => caches.has('" + OfflineVoices.Cache + "')"));
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('giong-doc')"));

        // Played with signal, the reading is not kept either: the worker passes a file it does not hold to the network.
        await OfflineVoices.ChooseLanguageAsync(page, lesson.Id, "Tiếng H'Mông");
        await OfflineVoices.PlayAsync(page);
        Assert.Empty(await OfflineVoices.SavedFilesAsync(page));
    }

    [Fact]
    public async Task AReadingDeletedAfterItWasSavedLeavesThePhoneWhenItsLessonIsNextOpenedWithSignal()
    {
        var skill = fixture.Course.FindSkill("mua-sam")!;
        var lesson = fixture.Course.LessonsOf(skill).First(l => l.Sections.Count > 1);
        var (file, _) = await OfflineVoices.AddApprovedReadingAsync(fixture, lesson.Id, 1, "thai", TimeSpan.FromSeconds(2));
        var url = $"/giong-doc/tep/{file}";
        var page = await fixture.NewPhoneAsync();
        await OfflineVoices.ChooseLanguageAsync(page, lesson.Id, "Tiếng Thái");
        await OfflineVoices.SaveSkillAsync(await OfflineVoices.OpenSaveBoxAsync(page, skill.Id), "Lưu cả giọng đọc tiếng Thái");
        Assert.Contains(url, await OfflineVoices.SavedFilesAsync(page));

        // The reader deletes it (their voice is their personal data): the site deletes the reading and its file...
        using (var scope = fixture.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var hash = Path.GetFileNameWithoutExtension(file);
            var reading = await db.VoiceRecordings.Where(r => r.FileHash == hash).Select(r => new { r.Id, r.RecorderId }).SingleAsync(TestContext.Current.CancellationToken);
            Assert.True(await scope.ServiceProvider.GetRequiredService<VoiceRemoval>().DeleteOwnAsync(reading.RecorderId, reading.Id, TestContext.Current.CancellationToken));
        }

        // ...and the phone drops its saved copy the next time the lesson is opened with signal.
        await page.GotoAsync($"/bai-hoc/{lesson.Id}");
        // (The worker drops it after answering the page, in the background: asked again until it is gone or 15 s passed.)
        var until = DateTime.UtcNow.AddSeconds(15);
        while ((await OfflineVoices.SavedFilesAsync(page)).Contains(url) && DateTime.UtcNow < until)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        Assert.DoesNotContain(url, await OfflineVoices.SavedFilesAsync(page));
    }
}
