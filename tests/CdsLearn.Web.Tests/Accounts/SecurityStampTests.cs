using CdsLearn.Accounts;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CdsLearn.Web.Tests.Accounts;

/// <summary>A change to an account's security stamp made elsewhere (an erasure, a tool) signs its phones out at their
/// next visit after the security stamp check interval; the stamp is checked only that often, to keep requests cheap.
/// (Signing out and password changes end sessions at once: see <see cref="SessionTests"/>.)</summary>
public class SecurityStampTests(ClockedSiteFactory factory) : IClassFixture<ClockedSiteFactory>
{
    [Fact]
    public async Task ANewSecurityStampSignsThePhonesOutWithinTheCheckIntervalAndNotBefore()
    {
        using var phone = await Learner.RegisterAsync(factory);
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.UpdateSecurityStampAsync((await users.FindByNameAsync(phone.UserName))!)).Succeeded);
        }

        var interval = factory.Services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval;
        factory.Clock.Advance(interval / 2);
        Assert.True(await SignedInAsync(phone.Site), "the stamp is not checked again before the interval");

        factory.Clock.Advance(interval);
        Assert.False(await SignedInAsync(phone.Site), "the phone is still signed in after the stamp changed");
    }

    /// <summary>Whether the phone still opens a signed-in page (rather than being sent to sign in).</summary>
    internal static async Task<bool> SignedInAsync(SiteClient site)
    {
        var page = await site.GetAsync("/tai-khoan/doi-mat-khau");
        return page.QuerySelector("form[action='/tai-khoan/dang-xuat']") is not null
            && site.LastResponse!.RequestMessage!.RequestUri!.AbsolutePath == "/tai-khoan/doi-mat-khau";
    }
}
