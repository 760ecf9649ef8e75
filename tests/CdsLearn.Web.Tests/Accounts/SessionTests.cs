using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;

namespace CdsLearn.Web.Tests.Accounts;

/// <summary>
/// A sign-in is a session the server can end: signing out, or changing the password, ends it at once for every copy
/// of its cookie; "Học cùng tổ" lasts only as long as the team member's session and until "Kết thúc".
/// </summary>
public class SessionTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SigningOutEndsTheSessionForACopyOfItsCookieToo()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var copy = SignInCookie(learner.Site);
        Assert.True(await SignedInWithAsync(copy), "the copied cookie should work while the session lasts");

        var home = await learner.Site.GetAsync("/");
        await learner.Site.SubmitAsync(home, "form[action='/tai-khoan/dang-xuat']", []);

        Assert.False(await SignedInWithAsync(copy), "a cookie copied before signing out still works");
    }

    [Fact]
    public async Task ChangingThePasswordSignsOutEveryOtherPhoneAtOnceButNotThisOne()
    {
        using var lost = await Learner.RegisterAsync(factory);
        using var own = new SiteClient(factory);
        var login = await own.GetAsync("/tai-khoan/dang-nhap");
        await own.SubmitAsync(login, "main form", SiteClient.Fields(("Input.UserName", lost.UserName), ("Input.Password", Learner.Password)));
        var copyOfThisPhone = SignInCookie(own);

        await ChangePasswordAsync(own, Learner.Password, "mat-khau-moi-1");

        Assert.False(await SignedInAsync(lost.Site), "the lost phone is still signed in after the password changed");
        Assert.False(await SignedInWithAsync(copyOfThisPhone), "a copy of the cookie from before the change still works");
        Assert.True(await SignedInAsync(own), "the phone that changed the password was signed out");
    }

    [Fact]
    public async Task EndingHelpStopsACopyOfItsCookie()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        var (home, helpCookie) = await StartHelpAsync(team, world.InA1.Id, world.InA1.Members[0].Id);
        Assert.True(await HelpingWithAsync(team, helpCookie), "the help cookie should work while help lasts");

        await team.SubmitAsync(home, ".assist-banner form", []);

        Assert.False(await HelpingWithAsync(team, helpCookie), "the help cookie still works after “Kết thúc”");
    }

    [Fact]
    public async Task SigningOutEndsHelp()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        var (_, helpCookie) = await StartHelpAsync(team, world.InA1.Id, world.InA1.Members[0].Id);

        // While helping, the header offers only "Kết thúc"; the sign-out page still works.
        await team.SubmitAsync(await team.GetAsync("/tai-khoan/dang-xuat"), "main form", []);
        var login = await team.GetAsync("/tai-khoan/dang-nhap");
        await team.SubmitAsync(login, "main form", SiteClient.Fields(("Input.UserName", world.UserNames[HouseholdWorld.TeamMemberOfA1]), ("Input.Password", HouseholdWorld.Password)));

        Assert.False(await HelpingWithAsync(team, helpCookie), "help from before signing out goes on in the next session");
    }

    private static async Task<IHtmlDocument> ChangePasswordAsync(SiteClient site, string current, string next)
    {
        var form = await site.GetAsync("/tai-khoan/doi-mat-khau");
        return await site.SubmitAsync(form, "main form", SiteClient.Fields(
            ("Input.CurrentPassword", current), ("Input.NewPassword", next), ("Input.ConfirmPassword", next)));
    }

    private static string SignInCookie(SiteClient site) => site.Cookie("cdslearn") ?? throw new InvalidOperationException("not signed in");

    private async Task<bool> SignedInWithAsync(string cookie)
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/tai-khoan/doi-mat-khau");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request, Ct);
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static async Task<bool> SignedInAsync(SiteClient site)
    {
        using var response = await site.Http.GetAsync("/tai-khoan/doi-mat-khau", Ct);
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static async Task<(IHtmlDocument Home, string HelpCookie)> StartHelpAsync(SiteClient team, int householdId, int memberId)
    {
        var page = await team.GetAsync($"/ho-gia-dinh/{householdId}");
        var response = await team.PostFormAsync(page, $"form[action*='handler=Assist'][action*='memberId={memberId.ToString(CultureInfo.InvariantCulture)}']", []);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cdslearn-hoc-cung=", StringComparison.Ordinal)).Split(';')[0];
        var home = await SiteClient.ParseAsync(await team.FollowAsync(response));
        Assert.NotNull(home.QuerySelector(".assist-banner"));
        return (home, cookie);
    }

    /// <summary>Whether the home page, opened with this help cookie added, shows that the team member is helping someone.</summary>
    private static async Task<bool> HelpingWithAsync(SiteClient team, string helpCookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", helpCookie);
        using var response = await team.Http.SendAsync(request, Ct);
        var page = await SiteClient.ParseAsync(response);
        var helping = page.QuerySelector(".assist-banner") is not null;
        Assert.True(helping || page.QuerySelector("header a[href='/ho-gia-dinh']") is not null, "the team member is no longer signed in");
        return helping;
    }
}
