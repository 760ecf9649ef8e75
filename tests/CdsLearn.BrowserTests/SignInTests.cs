using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CdsLearn.BrowserTests;

/// <summary>Sent to sign in by a page: the sign-in page says why, offers an account, and goes back to that page.</summary>
[Collection(BrowserCollection.Name)]
public class SignInTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AQuizTappedWhileSignedOutSaysWhyAndReturnsToTheQuizAfterSigningUpAndAfterSigningIn()
    {
        var page = await fixture.NewPhoneAsync();
        var skill = fixture.Course.FindSkill("nen-tang-so")!;
        var quiz = $"/kiem-tra/{skill.Modules[0].Id}";
        var userName = "pw" + Guid.NewGuid().ToString("N")[..10];
        await page.GotoAsync($"/ky-nang/{skill.Id}");
        await page.Locator($"a[href='{quiz}']").First.ClickAsync();

        var why = page.Locator("main .callout");
        await Assertions.Expect(why).ToContainTextAsync("Hãy đăng nhập để làm bài kiểm tra và lưu kết quả.");
        await BrowserFixture.ScreenshotAsync(page, "33-dang-nhap-de-lam-bai-kiem-tra");
        await why.GetByRole(AriaRole.Link, new() { Name = "Đăng ký tài khoản mới" }).ClickAsync();
        await Assertions.Expect(page.Locator("main .callout")).ToContainTextAsync("Hãy đăng ký để làm bài kiểm tra và lưu kết quả.");
        await page.GetByLabel("Họ và tên").FillAsync("Tòng Văn Khiêm");
        await page.GetByLabel("Số điện thoại hoặc tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu", new() { Exact = true }).FillAsync("mat-khau-dien-thoai");
        await page.GetByLabel("Nhập lại mật khẩu").FillAsync("mat-khau-dien-thoai");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng ký" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(quiz) + "$"));
        await Assertions.Expect(page.Locator("form.quiz")).ToBeVisibleAsync();

        // Signed out on a shared phone, the next time: the sign-in form goes back to the quiz too.
        await BrowserFixture.OpenMenuAsync(page);
        await page.Locator(".site-header button", new() { HasText = "Đăng xuất" }).ClickAsync();
        await page.GotoAsync($"/ky-nang/{skill.Id}");
        await page.Locator($"a[href='{quiz}']").First.ClickAsync();
        await Assertions.Expect(page.Locator("main .callout")).ToContainTextAsync("Hãy đăng nhập để làm bài kiểm tra");
        await page.GetByLabel("Số điện thoại hoặc tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync("mat-khau-dien-thoai");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(quiz) + "$"));
        await Assertions.Expect(page.Locator("form.quiz")).ToBeVisibleAsync();
    }
}
