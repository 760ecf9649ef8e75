using Microsoft.Playwright;

namespace CdsLearn.BrowserTests;

/// <summary>Issue 17 on a 360 px phone: a tap on a marked term opens its explanation in place, and a skill saved with
/// "Lưu cả kỹ năng" shows its lessons' pictures without signal. Runs on the repository's course.</summary>
[Collection(BrowserCollection.Name)]
public class GlossaryAndPictureTests(BrowserFixture fixture)
{
    [Fact]
    public async Task ATapOnAMarkedTermOpensItsExplanationInPlace()
    {
        var lesson = fixture.Course.Skills.SelectMany(fixture.Course.LessonsOf).FirstOrDefault(l => l.Terms.Count > 0);
        Assert.True(lesson is not null, "no lesson of the course uses a term of content/_giai-thich-tu yet");
        var term = fixture.Course.Glossary.Single(t => t.Id == lesson.Terms[0]);
        var page = await fixture.NewPhoneAsync();
        await page.GotoAsync($"/bai-hoc/{lesson.Id}");
        var link = page.Locator($".prose a.tu[href='#{term.Anchor}']");
        var box = page.Locator($"#giai-{term.Anchor}");

        await link.TapAsync();

        await Assertions.Expect(box).ToBeVisibleAsync();
        await Assertions.Expect(box).ToContainTextAsync(term.Term);
        await Assertions.Expect(link).ToHaveAttributeAsync("aria-expanded", "true");
        // In place: right after the paragraph holding the term (or inside its list item), not at the end of the lesson.
        Assert.True(await box.EvaluateAsync<bool>(
            "(box, href) => { const link = document.querySelector(`.prose a.tu[href='${href}']`); const block = link.closest('p, li, td, th, blockquote');"
            + " return block.tagName === 'P' || block.tagName === 'BLOCKQUOTE' ? box.previousElementSibling === block : box.parentElement === block; }", "#" + term.Anchor));
        Assert.Equal("", new Uri(page.Url).Fragment);
        await BrowserFixture.ScreenshotAsync(page, "40-giai-thich-tu-tai-cho");

        await link.TapAsync();
        await Assertions.Expect(box).ToHaveCountAsync(0);
        await link.TapAsync();
        await Assertions.Expect(box).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(box).ToHaveCountAsync(0);
        await Assertions.Expect(link).ToBeFocusedAsync();
    }

    [Fact]
    public async Task WithoutScriptAMarkedTermLeadsToItsExplanationAtTheEnd()
    {
        var lesson = fixture.Course.Skills.SelectMany(fixture.Course.LessonsOf).FirstOrDefault(l => l.Terms.Count > 0);
        Assert.True(lesson is not null, "no lesson of the course uses a term of content/_giai-thich-tu yet");
        var page = await fixture.NewPhoneAsync(javaScript: false);
        await page.GotoAsync($"/bai-hoc/{lesson.Id}");

        await page.Locator(".prose a.tu").First.TapAsync();

        Assert.Equal("#tu-" + lesson.Terms[0], new Uri(page.Url).Fragment);
        await Assertions.Expect(page.Locator($"dt#tu-{lesson.Terms[0]}")).ToBeInViewportAsync();
    }

    [Fact]
    public async Task ASavedSkillShowsItsLessonsPicturesOffline()
    {
        var lesson = fixture.Course.Skills.SelectMany(fixture.Course.LessonsOf).FirstOrDefault(l => l.Pictures.Count > 0);
        Assert.True(lesson is not null, "no lesson of the course shows a picture yet");
        var skill = fixture.Course.FindSkill(fixture.Course.FindModule(lesson.ModuleId)!.SkillId)!;
        var page = await fixture.NewPhoneAsync();
        await page.GotoAsync($"/ky-nang/{skill.Id}");
        await page.EvaluateAsync("() => navigator.serviceWorker.ready");
        await page.Locator(".save-offline button").ClickAsync();
        await Assertions.Expect(page.Locator(".save-offline [role=status]")).ToContainTextAsync("Bạn có thể đọc khi không có mạng", new() { Timeout = 30_000 });

        await page.Context.SetOfflineAsync(true);
        await page.GotoAsync($"/bai-hoc/{lesson.Id}");
        var picture = page.Locator(".prose img").First;
        await picture.ScrollIntoViewIfNeededAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(lesson.Title);
        await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await picture.ElementHandleAsync(), new() { Timeout = 10_000 });
        Assert.True(await picture.EvaluateAsync<int>("img => img.naturalWidth") > 0);
        await BrowserFixture.ScreenshotAsync(page, "41-bai-co-hinh-ngoai-tuyen");
    }
}
