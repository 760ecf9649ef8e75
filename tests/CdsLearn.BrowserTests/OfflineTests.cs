using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CdsLearn.BrowserTests;

/// <summary>Dead zones: lessons read before stay readable, and quiz answers made offline are sent once, later.</summary>
[Collection(BrowserCollection.Name)]
public class OfflineTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AVisitedLessonCanBeReadOffline()
    {
        var page = await fixture.NewPhoneAsync();
        await page.GotoAsync("/bai-hoc/an-toan-mang-mat-khau-manh");
        await page.EvaluateAsync("() => navigator.serviceWorker.ready");
        await page.ReloadAsync();
        var title = await page.Locator("h1").TextContentAsync();

        await page.Context.SetOfflineAsync(true);
        await page.ReloadAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title!);
        await Assertions.Expect(page.Locator("#offline")).ToContainTextAsync("Máy đã lưu 1 bài học");
        await BrowserFixture.ScreenshotAsync(page, "20-bai-hoc-ngoai-tuyen");
        await page.GotoAsync("/bai-hoc/an-toan-mang-du-lieu-ca-nhan-khong-co");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Chưa có mạng");
    }

    [Fact]
    public async Task TheFirstLessonEverOpenedCanBeReadOffline()
    {
        // Opened once, from a poster's QR: the page the service worker is installed from.
        var page = await fixture.NewPhoneAsync();
        var lesson = fixture.Course.FindSkill("thanh-toan")!.Modules[0].Lessons[0];
        await page.GotoAsync($"/bai-hoc/{lesson.Id}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(lesson.Title);
        await WaitUntilSavedAsync(page, $"/bai-hoc/{lesson.Id}");

        await page.Context.SetOfflineAsync(true);
        await page.ReloadAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(lesson.Title);
        await Assertions.Expect(page.Locator("#offline")).ToContainTextAsync("Máy đã lưu 1 bài học");
        // Its style came along: a lesson that lost its layout offline is not one a 60-year-old reads.
        Assert.True(await page.EvaluateAsync<bool>("() => [...document.styleSheets].some(s => s.href && s.href.includes('/css/site.css') && s.cssRules.length > 0)"));
        await BrowserFixture.ScreenshotAsync(page, "30-bai-hoc-dau-tien-ngoai-tuyen");
    }

    [Fact]
    public async Task AfterSigningUpSavedLessonsShowTheLearnerSignedInOnlineAndOffline()
    {
        var page = await fixture.NewPhoneAsync();
        var lessons = fixture.Course.FindSkill("mua-sam")!.Modules[0].Lessons;
        string first = $"/bai-hoc/{lessons[0].Id}", second = $"/bai-hoc/{lessons[1].Id}";
        await page.GotoAsync(first);
        await WaitUntilSavedAsync(page, first);
        await page.GotoAsync(second);
        await WaitUntilSavedAsync(page, second);
        await Assertions.Expect(page.Locator(".site-header").GetByRole(AriaRole.Link, new() { Name = "Đăng nhập" })).ToBeVisibleAsync();

        await PhoneFlowTests.RegisterAsync(page, "Vì Thị Hoa");

        // The copy saved while signed out is not shown: the header and "Tôi đã đọc xong" say the learner is signed in.
        await page.GotoAsync(first);
        await Assertions.Expect(page.Locator(".site-header button", new() { HasText = "Đăng xuất" })).ToBeAttachedAsync();
        await Assertions.Expect(page.Locator(".site-header").GetByRole(AriaRole.Link, new() { Name = "Đăng nhập" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Tôi đã đọc xong" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "31-bai-hoc-sau-khi-dang-ky");

        // A lesson saved before signing up and not opened since is saved again as it now looks, for reading offline.
        await WaitUntilSavedAsync(page, second, "Đăng xuất");
        await page.Context.SetOfflineAsync(true);
        await page.GotoAsync(second);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(lessons[1].Title);
        await Assertions.Expect(page.Locator(".site-header button", new() { HasText = "Đăng xuất" })).ToBeAttachedAsync();
        await Assertions.Expect(page.Locator("#offline")).ToContainTextAsync("Máy đã lưu 2 bài học");
        await BrowserFixture.ScreenshotAsync(page, "32-bai-hoc-da-luu-sau-khi-dang-ky");

        // Signing out forgets the saved pages; the lessons then say "Đăng nhập" again.
        await page.Context.SetOfflineAsync(false);
        await BrowserFixture.OpenMenuAsync(page);
        await page.Locator(".site-header button", new() { HasText = "Đăng xuất" }).ClickAsync();
        await page.GotoAsync(first);
        await Assertions.Expect(page.Locator(".site-header").GetByRole(AriaRole.Link, new() { Name = "Đăng nhập" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Tôi đã đọc xong" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AFirstVisitToALessonTransfersAtMost14KbWithoutConsoleErrors()
    {
        var page = await fixture.NewPhoneAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { errors.Add(message.Text); } };
        page.PageError += (_, error) => errors.Add(error);
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var urls = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
        long text = 0, pictures = 0;
        cdp.Event("Network.requestWillBeSent").OnEvent += (_, e) =>
            urls[e!.Value.GetProperty("requestId").GetString()!] = e.Value.GetProperty("request").GetProperty("url").GetString()!;
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
        {
            var length = (long)(e?.GetProperty("encodedDataLength").GetDouble() ?? 0);
            var picture = urls.TryGetValue(e!.Value.GetProperty("requestId").GetString()!, out var url) && url.Contains("/noi-dung/", StringComparison.Ordinal);
            if (picture)
            {
                Interlocked.Add(ref pictures, length);
            }
            else
            {
                Interlocked.Add(ref text, length);
            }
        };
        await cdp.SendAsync("Network.enable");

        // A lesson with a picture: the text (page, style, scripts, headers) comes first within 14 KB, the pictures
        // after it, the whole within 30 KB.
        await page.GotoAsync("/bai-hoc/an-toan-mang-gia-danh-co-quan", new() { WaitUntil = WaitUntilState.NetworkIdle });
        await Assertions.Expect(page.Locator(".prose img").First).ToBeVisibleAsync();
        // The picture is on screen, but CDP's events arrive on their own: on a slow clean-clone run its
        // loadingFinished came after this point. Wait for it (at most 5 s) before counting.
        for (var waited = 0; Interlocked.Read(ref pictures) == 0 && waited < 5000; waited += 50)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        var (firstVisit, withPictures) = (Interlocked.Read(ref text), Interlocked.Read(ref text) + Interlocked.Read(ref pictures));

        // The service worker then fetches its own few files; they are not part of what the reader waits for.
        Assert.True(firstVisit is > 0 and <= 14 * 1024, $"the first visit's text transferred {firstVisit} bytes");
        Assert.True(Interlocked.Read(ref pictures) > 0, "the lesson's picture was loaded");
        Assert.True(withPictures <= 30 * 1024, $"the lesson with its pictures transferred {withPictures} bytes");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task TheSiteIsAnInstallableApp()
    {
        var page = await fixture.NewPhoneAsync();
        await page.GotoAsync("/");
        await page.EvaluateAsync("() => navigator.serviceWorker.ready");
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var result = await cdp.SendAsync("Page.getInstallabilityErrors");
        var errors = result!.Value.GetProperty("installabilityErrors").EnumerateArray().Select(e => e.GetProperty("errorId").GetString()).ToList();
        // Playwright's browser contexts are incognito, which alone forbids installing; every other check must pass.
        var blocking = errors.Where(e => e != "in-incognito").ToList();
        Assert.True(blocking.Count == 0, "not installable: " + string.Join(", ", blocking));
    }

    [Fact]
    public async Task AWholeSkillSavedForOfflineCanBeReadWithoutSignal()
    {
        var page = await fixture.NewPhoneAsync();
        var skill = fixture.Course.FindSkill("nen-tang-so")!;
        await page.GotoAsync($"/ky-nang/{skill.Id}");
        await page.EvaluateAsync("() => navigator.serviceWorker.ready");
        var save = page.Locator(".save-offline button");
        await Assertions.Expect(save).ToContainTextAsync("KB");

        await save.ClickAsync();
        await Assertions.Expect(page.Locator(".save-offline [role=status]")).ToContainTextAsync("Bạn có thể đọc khi không có mạng", new() { Timeout = 20_000 });
        await BrowserFixture.ScreenshotAsync(page, "24-luu-ky-nang");

        await page.Context.SetOfflineAsync(true);
        var last = skill.Modules[^1].Lessons[^1];
        await page.GotoAsync($"/bai-hoc/{last.Id}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(last.Title);
    }

    [Fact]
    public async Task AQuizAnsweredOfflineIsSentOnceWhenTheNetworkReturns()
    {
        var page = await fixture.NewPhoneAsync();
        var userName = await PhoneFlowTests.RegisterAsync(page, "Lường Văn Bản");
        const string moduleId = "an-toan-mang-nhan-biet-lua-dao";
        await page.GotoAsync($"/kiem-tra/{moduleId}");
        await page.EvaluateAsync("() => navigator.serviceWorker.ready");
        await fixture.AnswerAsync(page, moduleId, right: true);

        await page.Context.SetOfflineAsync(true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Nộp bài" }).ClickAsync();
        await Assertions.Expect(page.Locator("#kept")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#queued")).ToContainTextAsync("đang chờ gửi");
        await BrowserFixture.ScreenshotAsync(page, "21-kiem-tra-cho-gui");
        Assert.Equal(0, await AttemptsAsync(userName));

        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(page.Locator("#graded")).ToContainTextAsync("Xem kết quả");
        await page.Locator("#graded a").ClickAsync();
        await Assertions.Expect(page.Locator(".score")).ToContainTextAsync("đạt");
        await BrowserFixture.ScreenshotAsync(page, "22-kiem-tra-da-cham");

        // Another page load finds nothing left to send: one attempt, stored once.
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#queued")).ToBeHiddenAsync();
        Assert.Equal(1, await AttemptsAsync(userName));
    }

    [Fact]
    public async Task AQuizAlreadySentIsNotOfferedAgainFromTheSavedCopy()
    {
        var page = await fixture.NewPhoneAsync();
        var userName = await PhoneFlowTests.RegisterAsync(page, "Cầm Thị Lại");
        const string moduleId = "an-toan-mang-du-lieu-va-bao-cao";
        await page.GotoAsync($"/kiem-tra/{moduleId}");
        await page.EvaluateAsync("() => navigator.serviceWorker.ready");
        await page.ReloadAsync();
        await fixture.AnswerAsync(page, moduleId, right: false);
        await page.GetByRole(AriaRole.Button, new() { Name = "Nộp bài" }).ClickAsync();
        await Assertions.Expect(page.Locator(".score")).ToBeVisibleAsync();

        // The saved copy carried the draw just graded, and a draw grades one attempt: offline there is no quiz to take.
        await page.Context.SetOfflineAsync(true);
        await page.GotoAsync($"/kiem-tra/{moduleId}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Chưa có mạng");

        // Online again, a new draw: its answers are a second attempt.
        await page.Context.SetOfflineAsync(false);
        await page.GotoAsync($"/kiem-tra/{moduleId}");
        await fixture.AnswerAsync(page, moduleId, right: true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Nộp bài" }).ClickAsync();
        await Assertions.Expect(page.Locator(".score")).ToContainTextAsync("đạt");
        Assert.Equal(2, await AttemptsAsync(userName));

        // Each sitting's id, made on the phone, is time-ordered like the server's: the second attempt is stored after
        // the first in the attempts' key.
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var mine = db.QuizAttempts.Where(a => db.Users.Any(u => u.Id == a.UserId && u.UserName == userName));
        var ct = TestContext.Current.CancellationToken;
        var bySubmission = await mine.OrderBy(a => a.SubmittedAt).Select(a => a.Id).ToListAsync(ct);
        Assert.Equal(bySubmission, await mine.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct));
        Assert.All(bySubmission, id => Assert.Equal(7, id.Version));
    }

    [Fact]
    public async Task AnswersKeptForADrawAlreadyGradedLeaveTheQueueWithAWordToStartAgain()
    {
        var page = await fixture.NewPhoneAsync();
        var userName = await PhoneFlowTests.RegisterAsync(page, "Lò Thị Xuân");
        const string moduleId = "an-toan-mang-mat-khau-otp";
        await page.GotoAsync($"/kiem-tra/{moduleId}");
        await fixture.AnswerAsync(page, moduleId, right: false);
        // What a second copy of this page answered offline would have kept: the same draw under another attempt id.
        await page.EvaluateAsync("""
            () => {
              const form = document.querySelector("form.quiz");
              const body = [];
              new FormData(form).forEach((value, key) => body.push([key, key === "AttemptId" ? crypto.randomUUID() : value]));
              localStorage.setItem("cdslearn-queue", JSON.stringify([{ action: form.action, body, title: document.title }]));
            }
            """);

        // This copy is graded first; the result page then sends the kept one, which the server refuses.
        await page.GetByRole(AriaRole.Button, new() { Name = "Nộp bài" }).ClickAsync();
        await Assertions.Expect(page.Locator(".score")).ToContainTextAsync("chưa đạt");
        await Assertions.Expect(page.Locator("#graded")).ToContainTextAsync("đã được chấm từ trước");
        await Assertions.Expect(page.Locator("#graded a")).ToHaveAttributeAsync("href", $"/kiem-tra/{moduleId}");

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#queued")).ToBeHiddenAsync();
        Assert.Equal(1, await AttemptsAsync(userName));
    }

    /// <summary>Waits until the service worker holds a copy of <paramref name="path"/> (one that contains
    /// <paramref name="containing"/>, when given): what a phone has kept by the time signal is lost.</summary>
    private static async Task WaitUntilSavedAsync(IPage page, string path, string? containing = null)
    {
        for (var tries = 0; tries < 100; tries++)
        {
            if (await page.EvaluateAsync<bool>("""
                async ([path, text]) => {
                  const hit = await caches.match(path, { cacheName: "cdslearn-pages-v1" });
                  return !!hit && (!text || (await hit.text()).includes(text));
                }
                """, new[] { path, containing ?? "" }))
            {
                return;
            }
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        Assert.Fail($"{path} was not saved on the phone" + (containing is null ? "" : $" with \"{containing}\""));
    }

    private async Task<int> AttemptsAsync(string userName)
    {
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.QuizAttempts.CountAsync(a => db.Users.Any(u => u.Id == a.UserId && u.UserName == userName), TestContext.Current.CancellationToken);
    }
}
