using Microsoft.Playwright;

namespace CdsLearn.BrowserTests;

/// <summary>Hearing and reading: "Nghe bài" with the phone's voice, larger text and high contrast.</summary>
[Collection(BrowserCollection.Name)]
public class ReadingTests(BrowserFixture fixture)
{
    private const string Lesson = "/bai-hoc/an-toan-mang-gia-danh-co-quan";

    /// <summary>A stand-in for the phone's speech engine, with one Vietnamese voice, that records what it is asked.</summary>
    private const string FakeSpeech = """
        (() => {
          const calls = [];
          window.__speech = calls;
          window.SpeechSynthesisUtterance = function (text) { this.text = text; };
          const synth = new EventTarget();
          synth.getVoices = () => [{ lang: "vi-VN", name: "Tiếng Việt" }];
          synth.speak = (u) => calls.push("speak:" + u.lang + ":" + u.text.slice(0, 20));
          synth.pause = () => calls.push("pause");
          synth.resume = () => calls.push("resume");
          synth.cancel = () => calls.push("cancel");
          Object.defineProperty(window, "speechSynthesis", { value: synth });
        })();
        """;

    [Fact]
    public async Task TheLessonIsReadAloudInVietnameseWithPauseAndResume()
    {
        var page = await fixture.NewPhoneAsync();
        await page.AddInitScriptAsync(FakeSpeech);
        await page.GotoAsync(Lesson);
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Nghe bài" });

        await button.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Tạm dừng" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Tạm dừng" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Đọc tiếp" }).ClickAsync();

        var calls = await page.EvaluateAsync<string[]>("() => window.__speech");
        Assert.Contains(calls, c => c.StartsWith("speak:vi-VN:", StringComparison.Ordinal));
        Assert.True(calls.Count(c => c.StartsWith("speak:", StringComparison.Ordinal)) > 3, "the lesson is read paragraph by paragraph");
        Assert.Equal(["pause", "resume"], calls.Where(c => c is "pause" or "resume"));
    }

    [Fact]
    public async Task WithoutAVietnameseVoiceTheButtonStaysHidden()
    {
        var page = await fixture.NewPhoneAsync();
        await page.AddInitScriptAsync(FakeSpeech.Replace("lang: \"vi-VN\"", "lang: \"en-US\"", StringComparison.Ordinal));
        await page.GotoAsync(Lesson);
        await Assertions.Expect(page.Locator("#nghe-bai")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task LargerTextAndHighContrastAreRememberedOnThePhone()
    {
        var page = await fixture.NewPhoneAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { errors.Add(message.Text); } };
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(Lesson);
        var before = await page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).fontSize");

        await BrowserFixture.SwitchDisplayAsync(page, "Chữ to");
        await BrowserFixture.SwitchDisplayAsync(page, "Tương phản cao");
        await page.ReloadAsync();

        Assert.Equal("17px", before);
        Assert.Equal("21px", await page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).fontSize"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.classList.contains('contrast')"));
        await Assertions.Expect(page.Locator("[data-toggle=large]")).ToHaveAttributeAsync("aria-pressed", "true");
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"large text makes the page {width} px wide");
        await BrowserFixture.ScreenshotAsync(page, "23-chu-to-tuong-phan");
        Assert.Empty(errors);
    }
}
