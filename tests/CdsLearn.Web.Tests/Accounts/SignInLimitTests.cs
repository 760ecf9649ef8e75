using System.Diagnostics;
using AngleSharp.Html.Dom;
using CdsLearn.Web.Tests.Infrastructure;

namespace CdsLearn.Web.Tests.Accounts;

/// <summary>
/// Password guessing is slowed down without telling which accounts exist and without letting anyone lock the owner
/// out: failures count per account and address (or known phone), and per account from everywhere.
/// </summary>
public class SignInLimitTests(AccountSiteFactory factory) : IClassFixture<AccountSiteFactory>
{
    // The defaults of AccountsOptions.
    private const int FailuresPerAddress = 5;
    private static readonly TimeSpan AddressLock = TimeSpan.FromMinutes(15);
    private const int FailuresPerAccount = 20;
    private static readonly TimeSpan AccountWindow = TimeSpan.FromMinutes(60);

    [Fact]
    public async Task AnUnknownNameGetsTheSameAnswersAsAWrongPassword()
    {
        var existing = await factory.AccountAsync();
        var unknown = "khongco" + Guid.NewGuid().ToString("N")[..8];
        using var a = factory.Visitor();
        using var b = factory.Visitor();

        var answersForExisting = new List<string>();
        var answersForUnknown = new List<string>();
        for (var i = 0; i <= FailuresPerAddress; i++)
        {
            answersForExisting.Add(Errors(await SignInAsync(a, existing, "sai-mat-khau-" + i)));
            answersForUnknown.Add(Errors(await SignInAsync(b, unknown, "sai-mat-khau-" + i)));
        }

        Assert.Equal(answersForExisting, answersForUnknown);
        Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng.", answersForUnknown[0], StringComparison.Ordinal);
        Assert.Contains("thử lại sau", answersForUnknown[FailuresPerAddress], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownNameOrAnAccountWithoutPasswordHasAPasswordVerifiedAllTheSame()
    {
        string[] names = [await factory.AccountAsync(), await factory.AccountAsync(password: null), "khongco" + Guid.NewGuid().ToString("N")[..8]];
        foreach (var name in names)
        {
            using var site = factory.Visitor();
            var before = factory.PasswordVerifications;
            await SignInAsync(site, name, "sai-mat-khau");
            Assert.True(factory.PasswordVerifications - before == 1, $"{name}: {factory.PasswordVerifications - before} password verifications");
        }
    }

    [Fact]
    public async Task SigningInTakesAsLongForAnUnknownName()
    {
        var forExisting = new List<double>();
        var forUnknown = new List<double>();
        // Interleaved, each on an account and from an address of its own (no lock in the way); medians shrug off a
        // busy moment.
        for (var i = 0; i < 12; i++)
        {
            forExisting.Add(await TimeAsync(await factory.AccountAsync()));
            forUnknown.Add(await TimeAsync("khongco" + Guid.NewGuid().ToString("N")[..8]));
        }
        var existingMedian = Median(forExisting);
        var unknownMedian = Median(forUnknown);
        Assert.True(unknownMedian > existingMedian / 3 && existingMedian > unknownMedian / 3,
            $"median sign-in: {existingMedian:0.0} ms for an existing account, {unknownMedian:0.0} ms for an unknown name");

        async Task<double> TimeAsync(string name)
        {
            using var site = factory.Visitor();
            var page = await site.GetAsync("/tai-khoan/dang-nhap");
            var clock = Stopwatch.StartNew();
            using var response = await site.PostFormAsync(page, "main form", SiteClient.Fields(("Input.UserName", name), ("Input.Password", "sai-mat-khau")));
            return clock.Elapsed.TotalMilliseconds;
        }
    }

    [Fact]
    public async Task WrongPasswordsFromOneAddressDoNotLockTheOwnerOut()
    {
        var victim = await factory.AccountAsync();
        using var attacker = factory.Visitor();
        for (var i = 0; i < FailuresPerAddress; i++)
        {
            await SignInAsync(attacker, victim, "doan-mo-" + i);
        }

        // The attacker's address is locked for this account, even with the right password...
        var refused = await SignInAsync(attacker, victim, AccountSiteFactory.Password);
        Assert.False(SignedIn(refused));
        Assert.Contains("thử lại sau", Errors(refused), StringComparison.Ordinal);

        // ...while the owner, on their own phone, signs in.
        using var owner = factory.Visitor();
        Assert.True(SignedIn(await SignInAsync(owner, victim, AccountSiteFactory.Password)));

        // And the lock ends by itself.
        factory.Clock.Advance(AddressLock + TimeSpan.FromSeconds(1));
        Assert.True(SignedIn(await SignInAsync(attacker, victim, AccountSiteFactory.Password)));
    }

    [Fact]
    public async Task GuessesFromManyAddressesStopNewPhonesButNotOnesTheOwnerSignedInWithBefore()
    {
        var victim = await factory.AccountAsync();
        using var ownersPhone = factory.Visitor();
        var home = await SignInAsync(ownersPhone, victim, AccountSiteFactory.Password);
        await ownersPhone.SubmitAsync(home, "form[action='/tai-khoan/dang-xuat']", []);

        // Many addresses, each staying under its own limit.
        for (var guessed = 0; guessed < FailuresPerAccount;)
        {
            using var attacker = factory.Visitor();
            for (var i = 0; i < FailuresPerAddress - 1 && guessed < FailuresPerAccount; i++, guessed++)
            {
                Assert.False(SignedIn(await SignInAsync(attacker, victim, "doan-mo-" + guessed)));
            }
        }

        // A phone that never signed in to this account must wait, even with the right password...
        using var newPhone = factory.Visitor();
        var refused = await SignInAsync(newPhone, victim, AccountSiteFactory.Password);
        Assert.False(SignedIn(refused));
        Assert.Contains("thử lại sau", Errors(refused), StringComparison.Ordinal);

        // ...the owner's phone signs in, wherever it is now...
        ownersPhone.From(PeerAddress.Fresh());
        Assert.True(SignedIn(await SignInAsync(ownersPhone, victim, AccountSiteFactory.Password)));

        // ...and the new phone can sign in once the guesses are an hour old.
        factory.Clock.Advance(AccountWindow + TimeSpan.FromSeconds(1));
        Assert.True(SignedIn(await SignInAsync(newPhone, victim, AccountSiteFactory.Password)));
    }

    [Fact]
    public async Task GuessesOfTheCurrentPasswordCountLikeWrongSignIns()
    {
        var userName = await factory.AccountAsync();
        using var stolen = factory.Visitor();
        await SignInAsync(stolen, userName, AccountSiteFactory.Password);
        for (var i = 0; i < FailuresPerAddress; i++)
        {
            var wrong = await ChangePasswordAsync(stolen, "doan-mo-" + i);
            Assert.Contains("Mật khẩu không đúng.", wrong.QuerySelector("[data-valmsg-for='Input.CurrentPassword']")!.TextContent, StringComparison.Ordinal);
        }

        // The right password is refused now, on this page and at sign-in on this phone.
        var refused = await ChangePasswordAsync(stolen, AccountSiteFactory.Password);
        Assert.Null(refused.QuerySelector("main [role=status]"));
        Assert.Contains("thử lại sau", refused.QuerySelector("[data-valmsg-for='Input.CurrentPassword']")!.TextContent, StringComparison.Ordinal);
        await stolen.SubmitAsync(refused, "form[action='/tai-khoan/dang-xuat']", []);
        var signIn = await SignInAsync(stolen, userName, AccountSiteFactory.Password);
        Assert.False(SignedIn(signIn));
        Assert.Contains("thử lại sau", Errors(signIn), StringComparison.Ordinal);
    }

    private static async Task<IHtmlDocument> ChangePasswordAsync(SiteClient site, string current)
    {
        var form = await site.GetAsync("/tai-khoan/doi-mat-khau");
        return await site.SubmitAsync(form, "main form", SiteClient.Fields(
            ("Input.CurrentPassword", current), ("Input.NewPassword", "mat-khau-moi-1"), ("Input.ConfirmPassword", "mat-khau-moi-1")));
    }

    private static async Task<IHtmlDocument> SignInAsync(SiteClient site, string userName, string password)
    {
        var page = await site.GetAsync("/tai-khoan/dang-nhap");
        return await site.SubmitAsync(page, "main form", SiteClient.Fields(("Input.UserName", userName), ("Input.Password", password)));
    }

    private static bool SignedIn(IHtmlDocument page) => page.QuerySelector("form[action='/tai-khoan/dang-xuat']") is not null;

    private static string Errors(IHtmlDocument page) => page.QuerySelector(".errors")?.TextContent.Trim() ?? "";

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
