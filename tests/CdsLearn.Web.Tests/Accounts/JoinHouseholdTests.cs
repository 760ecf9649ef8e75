using System.Net;
using CdsLearn.Households;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;

namespace CdsLearn.Web.Tests.Accounts;

/// <summary>A household's join code opens its page: codes cannot be tried by the hundred, and a wrong one tells nothing
/// that a right one for a household the person cannot join would not.</summary>
public class JoinHouseholdTests(AccountSiteFactory factory) : IClassFixture<AccountSiteFactory>
{
    // The default of RateLimits:JoinCodesPerMinute.
    private const int JoinCodesPerMinute = 10;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task JoinCodesCannotBeTriedByTheHundredFromOneAddressOrOneAccount()
    {
        var address = PeerAddress.Fresh();
        using var guesser = await SignedInAsync(await factory.AccountAsync(), address);
        for (var i = 0; i < JoinCodesPerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, await OpenAsync(guesser, $"SAI{i:00000}"));
        }
        using (var refused = await guesser.Http.GetAsync("/tham-gia/SAI99999", Ct))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Contains("Bạn thao tác quá nhanh", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        // Another account from the same address...
        using var sameAddress = await SignedInAsync(await factory.AccountAsync(), address);
        Assert.Equal(HttpStatusCode.TooManyRequests, await OpenAsync(sameAddress, "SAI88888"));
        // ...and the same account from another address wait too.
        guesser.From(PeerAddress.Fresh());
        Assert.Equal(HttpStatusCode.TooManyRequests, await OpenAsync(guesser, "SAI77777"));
        // Someone else elsewhere does not.
        using var neighbour = await SignedInAsync(await factory.AccountAsync(), PeerAddress.Fresh());
        Assert.Equal(HttpStatusCode.NotFound, await OpenAsync(neighbour, "SAI66666"));
    }

    [Fact]
    public async Task AWrongCodeAnswersLikeTheCodeOfAHouseholdThePersonCannotJoin()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        var learner = await factory.AccountAsync();
        await HouseholdWorld.LinkLearnerAsync(factory, world.InA2, learner, new MemberInput("Lò Thị Tài Khoản", 1995, null));
        using var inAHousehold = await SignedInAsync(learner, PeerAddress.Fresh());
        using var staff = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfB1);

        foreach (var site in new[] { inAHousehold, staff })
        {
            var wrong = await site.GetAsync("/tham-gia/SAI12345");
            var wrongStatus = site.LastResponse!.StatusCode;
            var otherHousehold = await site.GetAsync($"/tham-gia/{world.InA1.JoinCode}");
            var otherStatus = site.LastResponse!.StatusCode;

            Assert.Equal(HttpStatusCode.NotFound, wrongStatus);
            Assert.Equal(wrongStatus, otherStatus);
            Assert.Equal(wrong.QuerySelector("main")!.TextContent, otherHousehold.QuerySelector("main")!.TextContent);
            Assert.DoesNotContain("Lò Văn Một", otherHousehold.Body!.TextContent, StringComparison.Ordinal);
        }

        // Their own household's code still says they belong to it.
        var own = await inAHousehold.GetAsync($"/tham-gia/{world.InA2.JoinCode}");
        Assert.Equal(HttpStatusCode.OK, inAHousehold.LastResponse!.StatusCode);
        Assert.Contains("đã thuộc hộ này", own.Body!.TextContent, StringComparison.Ordinal);
    }

    private async Task<SiteClient> SignedInAsync(string userName, string address)
    {
        var site = factory.Visitor(address);
        var login = await site.GetAsync("/tai-khoan/dang-nhap");
        var home = await site.SubmitAsync(login, "main form", SiteClient.Fields(("Input.UserName", userName), ("Input.Password", AccountSiteFactory.Password)));
        Assert.NotNull(home.QuerySelector("form[action='/tai-khoan/dang-xuat']"));
        return site;
    }

    private static async Task<HttpStatusCode> OpenAsync(SiteClient site, string code)
    {
        using var response = await site.Http.GetAsync($"/tham-gia/{code}", Ct);
        return response.StatusCode;
    }
}
