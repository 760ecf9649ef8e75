using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CdsLearn.Web.Tests.Accounts;

/// <summary>A lost phone stays signed in until its owner changes the password somewhere else; then it is signed out
/// at its next visit after the security stamp check interval (checked only that often, to keep requests cheap).</summary>
public class SecurityStampTests(ClockedSiteFactory factory) : IClassFixture<ClockedSiteFactory>
{
    [Fact]
    public async Task ChangingThePasswordSignsOutTheOtherPhonesWithinTheCheckInterval()
    {
        using var lost = await Learner.RegisterAsync(factory);
        using var other = new SiteClient(factory);
        var login = await other.GetAsync("/tai-khoan/dang-nhap");
        await other.SubmitAsync(login, "main form", SiteClient.Fields(("Input.UserName", lost.UserName), ("Input.Password", Learner.Password)));
        var form = await other.GetAsync("/tai-khoan/doi-mat-khau");
        var changed = await other.SubmitAsync(form, "main form", SiteClient.Fields(
            ("Input.CurrentPassword", Learner.Password), ("Input.NewPassword", "mat-khau-moi-1"), ("Input.ConfirmPassword", "mat-khau-moi-1")));
        Assert.Contains("Đã đổi mật khẩu.", changed.QuerySelector("main [role=status]")!.TextContent, StringComparison.Ordinal);

        var interval = factory.Services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval;
        factory.Clock.Advance(interval / 2);
        Assert.True(await SignedInAsync(lost.Site), "the stamp is not checked again before the interval");

        factory.Clock.Advance(interval);
        Assert.False(await SignedInAsync(lost.Site), "the lost phone is still signed in after the password changed");
        Assert.True(await SignedInAsync(other), "the phone that changed the password was signed out");
    }

    private static async Task<bool> SignedInAsync(SiteClient site)
    {
        var page = await site.GetAsync("/tai-khoan/doi-mat-khau");
        return page.QuerySelector("form[action='/tai-khoan/dang-xuat']") is not null
            && site.LastResponse!.RequestMessage!.RequestUri!.AbsolutePath == "/tai-khoan/doi-mat-khau";
    }
}
