using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CdsLearn.BrowserTests;

/// <summary>"Làm thử" on a phone: a practice task with a wrong tap and its hint, then the assessed version passed,
/// both played from the copy saved with "Lưu cả kỹ năng" without signal.</summary>
[Collection(BrowserCollection.Name)]
public class PracticeFlowTests(BrowserFixture fixture)
{
    private const string TaskId = "lam-thu-bao-tin-nhan-lua-dao-5656";

    [Fact]
    public async Task ALearnerPractisesWithAHintThenPassesTheAssessedTaskOffline()
    {
        var page = await fixture.NewPhoneAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        var userName = await PhoneFlowTests.RegisterAsync(page, "Cầm Thị Lan");
        var task = fixture.Course.FindPracticeTask(TaskId)!;

        // Save the skill, practice tasks included, then lose the signal.
        await page.GotoAsync($"/ky-nang/{task.SkillId}");
        await page.EvaluateAsync("() => navigator.serviceWorker.ready");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Làm thử: " + task.Title })).ToBeVisibleAsync();
        await page.Locator(".save-offline button").ClickAsync();
        await Assertions.Expect(page.Locator(".save-offline [role=status]")).ToContainTextAsync("Bạn có thể đọc khi không có mạng", new() { Timeout = 30_000 });
        await page.Context.SetOfflineAsync(true);

        // Practice: a wrong tap shows the step's hint; then every step right.
        await page.GotoAsync($"/lam-thu/{TaskId}");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(task.Title);
        await page.GetByRole(AriaRole.Button, new() { Name = "Mẹ: Tối nay con về ăn cơm nhé" }).ClickAsync();
        await Assertions.Expect(page.Locator(".step:not([hidden]) .step-hint")).ToContainTextAsync(task.Steps[0].Hint);
        await BrowserFixture.ScreenshotAsync(page, "40-lam-thu-goi-y");
        await page.GetByRole(AriaRole.Button, new() { Name = "0812 345 678: TAI KHOAN CUA BAN SE BI KHOA..." }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Chuyển tiếp" }).ClickAsync();
        await page.GetByLabel("Gửi tới (số điện thoại)").FillAsync("5656");
        await page.GetByLabel("Gửi tới (số điện thoại)").PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".practice .status")).ToContainTextAsync("đúng tất cả các bước");
        await AssertFitsThePhoneAsync(page);
        await page.Locator("[data-toggle=large]").ClickAsync();
        await AssertFitsThePhoneAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Làm lại từ đầu" }).ClickAsync();
        await Assertions.Expect(page.Locator(".step:not([hidden]) .instruction")).ToContainTextAsync(task.Steps[0].Instruction);

        // Assessed: no hints; every tap moves on; the answers wait on the phone and are graded once the signal is back.
        await page.GetByRole(AriaRole.Link, new() { Name = "Làm bài chấm điểm" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Làm bài chấm điểm");
        await page.GetByRole(AriaRole.Button, new() { Name = "0812 345 678: TAI KHOAN CUA BAN SE BI KHOA..." }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Chuyển tiếp" }).ClickAsync();
        await page.GetByLabel("Gửi tới (số điện thoại)").FillAsync(" 5656 ");
        await page.GetByLabel("Gửi tới (số điện thoại)").PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".step-hint")).ToHaveCountAsync(0);
        await AssertFitsThePhoneAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Nộp bài" }).ClickAsync();
        await Assertions.Expect(page.Locator("#kept")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "41-cham-diem-cho-gui");
        Assert.Equal(0, await AttemptsAsync(userName));

        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(page.Locator("#graded")).ToContainTextAsync("Xem kết quả");
        await page.Locator("#graded a").ClickAsync();
        await Assertions.Expect(page.Locator(".score")).ToContainTextAsync("Bạn đã đạt");
        await BrowserFixture.ScreenshotAsync(page, "42-cham-diem-dat");
        Assert.Equal(1, await AttemptsAsync(userName));
        Assert.Empty(errors);
    }

    private static async Task AssertFitsThePhoneAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"{page.Url} is {width} px wide on a 360 px screen");
    }

    private async Task<int> AttemptsAsync(string userName)
    {
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.PracticeAttempts.CountAsync(a => a.Passed && db.Users.Any(u => u.Id == a.UserId && u.UserName == userName), TestContext.Current.CancellationToken);
    }
}
