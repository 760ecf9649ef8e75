using System.Net;
using CdsLearn.Accounts;
using CdsLearn.Data;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Accounts;

public class AccountTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    [Fact]
    public async Task ACitizenRegistersWithAPhoneNumberAndNoEmailAndStaysSignedInForWeeks()
    {
        using var site = new SiteClient(factory);
        var phone = "09" + Random.Shared.Next(10000000, 99999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var spaced = $"{phone[..4]} {phone[4..7]} {phone[7..]}";
        var page = await site.GetAsync("/tai-khoan/dang-ky");

        var response = await site.PostFormAsync(page, "main form", SiteClient.Fields(
            ("Input.FullName", "Lường Văn Bình"), ("Input.UserName", spaced),
            ("Input.Password", "mua-ngo-2026"), ("Input.ConfirmPassword", "mua-ngo-2026")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cdslearn=", StringComparison.Ordinal));
        var expires = DateTimeOffset.Parse(cookie.Split("expires=")[1].Split(';')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(expires > DateTimeOffset.UtcNow.AddDays(25), $"cookie expires {expires}");
        var home = SiteClient.ParseAsync(await site.FollowAsync(response));
        Assert.NotNull((await home).QuerySelector("form[action='/tai-khoan/dang-xuat']"));

        var user = await FindAsync(phone);
        Assert.NotNull(user);
        Assert.Null(user.Email);
        Assert.Equal("Lường Văn Bình", user.FullName);
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await users.IsInRoleAsync((await users.FindByNameAsync(phone))!, Roles.Learner));
    }

    [Fact]
    public async Task RegistrationErrorsAreShownInVietnameseAndCreateNothing()
    {
        using var site = new SiteClient(factory);
        var userName = "loi" + Guid.NewGuid().ToString("N")[..8];
        var page = await site.GetAsync("/tai-khoan/dang-ky");

        var again = await site.SubmitAsync(page, "main form", SiteClient.Fields(
            ("Input.FullName", ""), ("Input.UserName", userName),
            ("Input.Password", "ngan"), ("Input.ConfirmPassword", "khac")));

        Assert.Equal(HttpStatusCode.OK, site.LastResponse!.StatusCode);
        Assert.Contains("Hãy nhập họ và tên.", FieldError(again, "Input.FullName"), StringComparison.Ordinal);
        Assert.Contains("Hai lần nhập mật khẩu không giống nhau.", FieldError(again, "Input.ConfirmPassword"), StringComparison.Ordinal);
        Assert.Null(await FindAsync(userName));

        var tooShort = await site.SubmitAsync(again, "main form", SiteClient.Fields(
            ("Input.FullName", "Cầm Thị Mai"), ("Input.UserName", userName),
            ("Input.Password", "ngan"), ("Input.ConfirmPassword", "ngan")));
        Assert.Contains("Mật khẩu phải có ít nhất 8 ký tự.", FieldError(tooShort, "Input.Password"), StringComparison.Ordinal);
        Assert.Null(await FindAsync(userName));
    }

    [Fact]
    public async Task ATakenUserNameIsRefused()
    {
        using var first = await Learner.RegisterAsync(factory);
        using var site = new SiteClient(factory);
        var page = await site.GetAsync("/tai-khoan/dang-ky");
        var again = await site.SubmitAsync(page, "main form", SiteClient.Fields(
            ("Input.FullName", "Người khác"), ("Input.UserName", first.UserName),
            ("Input.Password", Learner.Password), ("Input.ConfirmPassword", Learner.Password)));
        Assert.Contains("đã có người dùng", FieldError(again, "Input.UserName"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningInAndOut()
    {
        using var learner = await Learner.RegisterAsync(factory);
        using var site = new SiteClient(factory);

        var wrong = await SignInAsync(site, learner.UserName, "sai-mat-khau");
        Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng.", wrong.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);

        var home = await SignInAsync(site, learner.UserName, Learner.Password);
        Assert.Equal("/", new Uri(home.Url).AbsolutePath);
        await site.GetAsync("/chung-chi");
        Assert.Equal(HttpStatusCode.OK, site.LastResponse!.StatusCode);

        var signedOut = await site.SubmitAsync(home, "form[action='/tai-khoan/dang-xuat']", []);
        Assert.NotNull(signedOut.QuerySelector("a[href='/tai-khoan/dang-nhap']"));
        var response = await site.Http.GetAsync("/chung-chi", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task SigningInReturnsToThePageThatAskedForIt()
    {
        using var learner = await Learner.RegisterAsync(factory);
        using var site = new SiteClient(factory);
        var login = await site.GetAsync("/kiem-tra/an-toan-mang-mat-khau-otp");
        Assert.Equal("/tai-khoan/dang-nhap", new Uri(login.Url).AbsolutePath);
        var quiz = await site.SubmitAsync(login, "main form", SiteClient.Fields(("Input.UserName", learner.UserName), ("Input.Password", Learner.Password)));
        Assert.Equal("/kiem-tra/an-toan-mang-mat-khau-otp", new Uri(quiz.Url).AbsolutePath);
    }

    [Fact]
    public async Task SentFromAQuizTheSignInPageSaysWhyAndSigningUpReturnsToTheQuiz()
    {
        const string quiz = "/kiem-tra/an-toan-mang-mat-khau-otp";
        using var site = new SiteClient(factory);
        var login = await site.GetAsync(quiz);
        Assert.Equal("/tai-khoan/dang-nhap", new Uri(login.Url).AbsolutePath);
        var why = login.QuerySelector("main .callout")!;
        Assert.Contains("Hãy đăng nhập để làm bài kiểm tra và lưu kết quả.", why.TextContent, StringComparison.Ordinal);
        var signUp = why.QuerySelector("a")!.GetAttribute("href")!;
        Assert.Equal("/tai-khoan/dang-ky?returnUrl=" + Uri.EscapeDataString(quiz), signUp);

        var register = await site.GetAsync(signUp);
        Assert.Contains("Hãy đăng ký để làm bài kiểm tra và lưu kết quả.", register.QuerySelector("main .callout")!.TextContent, StringComparison.Ordinal);
        var userName = "hv" + Guid.NewGuid().ToString("N")[..10];
        var page = await site.SubmitAsync(register, "main form", SiteClient.Fields(
            ("Input.FullName", "Quàng Văn Dũng"), ("Input.UserName", userName),
            ("Input.Password", Learner.Password), ("Input.ConfirmPassword", Learner.Password)));
        Assert.Equal(quiz, new Uri(page.Url).AbsolutePath);
        Assert.NotNull(page.QuerySelector("form.quiz"));
    }

    /// <summary>Each page that needs an account says why, found through its route (SignInPurposeAttribute on the page
    /// model), not a spelled-out path; a page without a word to say (the dashboard) adds none.</summary>
    [Theory]
    [InlineData("/lam-thu/lam-thu-bat-dang-nhap-hai-buoc/cham-diem", "Hãy đăng nhập để làm bài chấm điểm và lưu kết quả.")]
    [InlineData("/chung-chi", "Hãy đăng nhập để xem chứng chỉ của bạn.")]
    [InlineData("/kiem-tra/an-toan-mang-mat-khau-otp?lan=2", "Hãy đăng nhập để làm bài kiểm tra và lưu kết quả.")]
    [InlineData("/so-lieu", null)]
    [InlineData("/ho-gia-dinh", null)]
    public async Task EachPageThatNeedsAnAccountSaysWhyOnTheSignInPage(string path, string? why)
    {
        using var site = new SiteClient(factory);
        var login = await site.GetAsync(path);
        Assert.Equal("/tai-khoan/dang-nhap", new Uri(login.Url).AbsolutePath);
        var callout = login.QuerySelector("main .callout");
        if (why is null)
        {
            Assert.Null(callout);
        }
        else
        {
            Assert.Contains(why, callout?.TextContent ?? "", StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SigningInOfItsOwnAccordSaysNothingMore()
    {
        using var site = new SiteClient(factory);
        Assert.Null((await site.GetAsync("/tai-khoan/dang-nhap")).QuerySelector("main .callout"));
        Assert.Null((await site.GetAsync("/tai-khoan/dang-nhap?returnUrl=%2F")).QuerySelector("main .callout"));
        Assert.Null((await site.GetAsync("/tai-khoan/dang-ky")).QuerySelector("main .callout"));
    }

    [Theory]
    [InlineData("https://lua-dao.example/kiem-tra/x")]
    [InlineData("//lua-dao.example/kiem-tra/x")]
    [InlineData("/\\lua-dao.example/kiem-tra/x")]
    [InlineData("javascript:alert(1)")]
    public async Task AReturnUrlToAnotherSiteIsNotFollowed(string returnUrl)
    {
        using var learner = await Learner.RegisterAsync(factory);
        using var site = new SiteClient(factory);
        var login = await site.GetAsync("/tai-khoan/dang-nhap?returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Null(login.QuerySelector("main .callout"));
        var response = await site.PostFormAsync(login, "main form", SiteClient.Fields(("Input.UserName", learner.UserName), ("Input.Password", Learner.Password)));
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("https://lua-dao.example/kiem-tra/x")]
    [InlineData("//lua-dao.example/kiem-tra/x")]
    [InlineData("/\\lua-dao.example/kiem-tra/x")]
    public async Task AReturnUrlToAnotherSiteIsNotFollowedAfterSigningUp(string returnUrl)
    {
        using var site = new SiteClient(factory);
        var register = await site.GetAsync("/tai-khoan/dang-ky?returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Null(register.QuerySelector("main .callout"));
        var response = await site.PostFormAsync(register, "main form", SiteClient.Fields(
            ("Input.FullName", "Lò Văn Ơn"), ("Input.UserName", "hv" + Guid.NewGuid().ToString("N")[..10]),
            ("Input.Password", Learner.Password), ("Input.ConfirmPassword", Learner.Password)));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ChangingThePassword()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var page = await learner.Site.GetAsync("/tai-khoan/doi-mat-khau");

        var wrongCurrent = await learner.Site.SubmitAsync(page, "main form", SiteClient.Fields(
            ("Input.CurrentPassword", "khong-dung"), ("Input.NewPassword", "mat-khau-moi-1"), ("Input.ConfirmPassword", "mat-khau-moi-1")));
        Assert.Contains("Mật khẩu không đúng.", FieldError(wrongCurrent, "Input.CurrentPassword"), StringComparison.Ordinal);

        var changed = await learner.Site.SubmitAsync(wrongCurrent, "main form", SiteClient.Fields(
            ("Input.CurrentPassword", Learner.Password), ("Input.NewPassword", "mat-khau-moi-1"), ("Input.ConfirmPassword", "mat-khau-moi-1")));
        Assert.Contains("Đã đổi mật khẩu.", changed.QuerySelector("main [role=status]")!.TextContent, StringComparison.Ordinal);
        // This phone stays signed in.
        Assert.NotNull(changed.QuerySelector("form[action='/tai-khoan/dang-xuat']"));

        using var site = new SiteClient(factory);
        Assert.NotNull((await SignInAsync(site, learner.UserName, Learner.Password)).QuerySelector(".errors li"));
        Assert.Null((await SignInAsync(site, learner.UserName, "mat-khau-moi-1")).QuerySelector(".errors li"));
    }

    [Theory]
    [InlineData("/tai-khoan/dang-nhap")]
    [InlineData("/tai-khoan/dang-ky")]
    public async Task AccountPagesAreInVietnamese(string url)
    {
        using var site = new SiteClient(factory);
        var page = await site.GetAsync(url);
        Assert.Equal("vi", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Số điện thoại hoặc tên đăng nhập", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("width=device-width", page.QuerySelector("meta[name=viewport]")!.GetAttribute("content"), StringComparison.Ordinal);
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> SignInAsync(SiteClient site, string userName, string password)
    {
        var page = await site.GetAsync("/tai-khoan/dang-nhap");
        return await site.SubmitAsync(page, "main form", SiteClient.Fields(("Input.UserName", userName), ("Input.Password", password)));
    }

    private static string FieldError(AngleSharp.Html.Dom.IHtmlDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent ?? "";

    private async Task<AppUser?> FindAsync(string userName)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == userName, TestContext.Current.CancellationToken);
    }
}
