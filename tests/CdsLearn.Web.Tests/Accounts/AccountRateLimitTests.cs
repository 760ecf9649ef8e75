using System.Net;
using CdsLearn.Web.Tests.Infrastructure;

namespace CdsLearn.Web.Tests.Accounts;

/// <summary>Registration and password changes have limits of their own, per address and per account.</summary>
public class AccountRateLimitTests(AccountSiteFactory factory) : IClassFixture<AccountSiteFactory>
{
    // The defaults of RateLimits:RegistrationsPerHour and RateLimits:PasswordChangesPerMinute.
    private const int RegistrationsPerHour = 20;
    private const int PasswordChangesPerMinute = 10;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TakenNamesCannotBeFoundByRegisteringByTheThousand()
    {
        var taken = await factory.AccountAsync();
        using var prober = factory.Visitor();
        var form = await prober.GetAsync("/tai-khoan/dang-ky");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= RegistrationsPerHour; i++)
        {
            using var response = await RegisterAsync(prober, form, taken);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(RegistrationsPerHour), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[RegistrationsPerHour]);
        // The form itself opens, and another address registers.
        Assert.Equal(HttpStatusCode.OK, (await prober.Http.GetAsync("/tai-khoan/dang-ky", Ct)).StatusCode);
        using var other = factory.Visitor();
        using var elsewhere = await RegisterAsync(other, await other.GetAsync("/tai-khoan/dang-ky"), taken);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
        Assert.Contains("đã có người dùng", await elsewhere.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordChangesAreLimitedPerAccountWhereverTheyComeFrom()
    {
        var userName = await factory.AccountAsync();
        using var site = factory.Visitor();
        var login = await site.GetAsync("/tai-khoan/dang-nhap");
        await site.SubmitAsync(login, "main form", SiteClient.Fields(("Input.UserName", userName), ("Input.Password", AccountSiteFactory.Password)));
        var form = await site.GetAsync("/tai-khoan/doi-mat-khau");
        Assert.Equal(HttpStatusCode.OK, site.LastResponse!.StatusCode);

        for (var i = 0; i < PasswordChangesPerMinute; i++)
        {
            using var response = await MismatchedChangeAsync(site, form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        using (var response = await MismatchedChangeAsync(site, form))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        }
        site.From(PeerAddress.Fresh());
        using (var response = await MismatchedChangeAsync(site, form))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        }
    }

    private static Task<HttpResponseMessage> RegisterAsync(SiteClient site, AngleSharp.Html.Dom.IHtmlDocument form, string userName) =>
        site.PostFormAsync(form, "main form", SiteClient.Fields(
            ("Input.FullName", "Người Dò Tên"), ("Input.UserName", userName),
            ("Input.Password", "mat-khau-cua-toi"), ("Input.ConfirmPassword", "mat-khau-cua-toi")));

    private static Task<HttpResponseMessage> MismatchedChangeAsync(SiteClient site, AngleSharp.Html.Dom.IHtmlDocument form) =>
        site.PostFormAsync(form, "main form", SiteClient.Fields(
            ("Input.CurrentPassword", "khong-quan-trong"), ("Input.NewPassword", "mat-khau-moi-1"), ("Input.ConfirmPassword", "khac-han")));
}
