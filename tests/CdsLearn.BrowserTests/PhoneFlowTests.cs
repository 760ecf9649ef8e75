using System.Text.RegularExpressions;
using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CdsLearn.BrowserTests;

/// <summary>A citizen on a 360×740 phone in Chromium: reads lessons, takes quizzes, gets and verifies a certificate.</summary>
[Collection(BrowserCollection.Name)]
public partial class PhoneFlowTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AVisitorWalksThroughALessonOnAPhone()
    {
        var page = await fixture.NewPhoneAsync();
        await page.GotoAsync("/");
        Assert.Equal(5, await page.Locator(".skill-card:not(.starter)").CountAsync());
        await AssertFitsThePhoneAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "01-trang-chu");

        await page.GetByRole(AriaRole.Link, new() { Name = "Tự bảo vệ mình trên không gian mạng" }).ClickAsync();
        await page.Locator(".lessons a").First.ClickAsync();
        var firstTitle = await page.Locator("h1").TextContentAsync();
        await AssertFitsThePhoneAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "02-bai-hoc");

        await page.Locator("a[rel=next]").ClickAsync();
        Assert.NotEqual(firstTitle, await page.Locator("h1").TextContentAsync());
        await page.Locator("a[rel=prev]").ClickAsync();
        Assert.Equal(firstTitle, await page.Locator("h1").TextContentAsync());
    }

    [Fact]
    public async Task ALearnerPassesAQuizGetsTheCertificateAndItsQrVerifies()
    {
        var page = await fixture.NewPhoneAsync();
        var userName = await RegisterAsync(page, "Điêu Thị Hằng");
        var skill = fixture.Course.FindSkill("dich-vu-cong")!;
        var module = skill.Modules[0];

        // First a wrong try, to see the explanations, then a right one.
        await page.GotoAsync($"/kiem-tra/{module.Id}");
        await AssertFitsThePhoneAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "03-kiem-tra");
        await fixture.AnswerAsync(page, module.Id, right: false);
        await page.GetByRole(AriaRole.Button, new() { Name = "Nộp bài" }).ClickAsync();
        await Assertions.Expect(page.Locator(".score")).ToContainTextAsync("chưa đạt");
        await Assertions.Expect(page.Locator(".explanation").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "04-ket-qua-chua-dat");

        await page.GetByRole(AriaRole.Link, new() { Name = "Làm lại bài kiểm tra" }).ClickAsync();
        await fixture.AnswerAsync(page, module.Id, right: true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Nộp bài" }).ClickAsync();
        await Assertions.Expect(page.Locator(".score")).ToContainTextAsync("đạt");
        await BrowserFixture.ScreenshotAsync(page, "05-ket-qua-dat");

        // The skill's other modules, passed from its page.
        foreach (var other in skill.Modules.Skip(1))
        {
            await page.GotoAsync($"/ky-nang/{skill.Id}");
            await page.Locator($"a[href='/kiem-tra/{other.Id}']").ClickAsync();
            await fixture.AnswerAsync(page, other.Id, right: true);
            await page.GetByRole(AriaRole.Button, new() { Name = "Nộp bài" }).ClickAsync();
            await Assertions.Expect(page.Locator(".score")).ToContainTextAsync("đạt");
        }

        // Quizzes alone do not earn it: the result says what else the certificate needs.
        await Assertions.Expect(page.Locator(".earning-next")).ToContainTextAsync("bài làm thử chấm điểm");
        await Assertions.Expect(page.Locator(".badge a[href^='/chung-chi/']")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "05b-con-can");
        // The assessed tasks and the team's ticks are other tests' business (PracticeFlowTests): stored here.
        await StoredEvidence.PassAsync(fixture.Services, userName, [], skill.Modules.SelectMany(m => m.PracticeTasks));
        await StoredEvidence.ObserveAsync(fixture.Services, userName, skill);

        await page.GotoAsync("/chung-chi");
        await page.Locator(".certificate-list a[href^='/chung-chi/']").ClickAsync();
        await Assertions.Expect(page.Locator(".certificate .holder")).ToHaveTextAsync("Điêu Thị Hằng");
        await Assertions.Expect(page.Locator(".certificate .qr svg")).ToBeVisibleAsync();
        await AssertFitsThePhoneAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "06-chung-chi");

        // It prints on one A4 page.
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });
        Assert.Single(PdfPageCount().Matches(System.Text.Encoding.Latin1.GetString(pdf)));

        // The QR opens the public verification page.
        var qrLink = await page.Locator("a[href^='/verify/']").GetAttributeAsync("href");
        var stranger = await fixture.NewPhoneAsync();
        await stranger.GotoAsync(qrLink!);
        await Assertions.Expect(stranger.Locator(".verification")).ToContainTextAsync("Chứng chỉ thật");
        await Assertions.Expect(stranger.Locator(".verification")).ToContainTextAsync("Điêu T. H.");
        await BrowserFixture.ScreenshotAsync(stranger, "07-xac-minh");
    }

    [Fact]
    public async Task ADoubleTapOnSubmitStoresOneAttempt()
    {
        var page = await fixture.NewPhoneAsync();
        var userName = await RegisterAsync(page, "Lò Văn Pấng");
        const string moduleId = "an-toan-mang-mat-khau-otp";
        await page.GotoAsync($"/kiem-tra/{moduleId}");
        await fixture.AnswerAsync(page, moduleId, right: true);

        await page.GetByRole(AriaRole.Button, new() { Name = "Nộp bài" }).DblClickAsync();
        await Assertions.Expect(page.Locator(".score")).ToBeVisibleAsync();

        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var attempts = await db.QuizAttempts.CountAsync(a => db.Users.Any(u => u.Id == a.UserId && u.UserName == userName), TestContext.Current.CancellationToken);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task LessonsAndQuizzesWorkWithoutJavaScript()
    {
        var page = await fixture.NewPhoneAsync(javaScript: false);
        await RegisterAsync(page, "Hoàng Văn Sáng");
        const string moduleId = "nen-tang-so-phan-anh";
        await page.GotoAsync("/ky-nang/nen-tang-so");
        await page.Locator(".lessons a").First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Tôi đã đọc xong" }).ClickAsync();
        await Assertions.Expect(page.Locator("a[rel=prev]")).ToBeVisibleAsync();

        await page.GotoAsync($"/kiem-tra/{moduleId}");
        await fixture.AnswerAsync(page, moduleId, right: true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Nộp bài" }).ClickAsync();
        await Assertions.Expect(page.Locator(".score")).ToContainTextAsync("đạt");
    }

    internal static async Task<string> RegisterAsync(IPage page, string fullName)
    {
        var userName = "pw" + Guid.NewGuid().ToString("N")[..10];
        await page.GotoAsync("/tai-khoan/dang-ky");
        await AssertFitsThePhoneAsync(page);
        await page.GetByLabel("Họ và tên").FillAsync(fullName);
        await page.GetByLabel("Số điện thoại hoặc tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu", new() { Exact = true }).FillAsync("mat-khau-dien-thoai");
        await page.GetByLabel("Nhập lại mật khẩu").FillAsync("mat-khau-dien-thoai");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng ký" }).ClickAsync();
        await Assertions.Expect(page.Locator("header button", new() { HasText = "Đăng xuất" })).ToBeAttachedAsync();
        return userName;
    }

    /// <summary>Nothing sticks out sideways on a 360 px screen.</summary>
    internal static async Task AssertFitsThePhoneAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"{page.Url} is {width} px wide on a 360 px screen");
    }

    [GeneratedRegex(@"/Type\s*/Page[^s]")]
    private static partial Regex PdfPageCount();
}
