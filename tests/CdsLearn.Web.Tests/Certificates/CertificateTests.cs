using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CdsLearn.Accounts;
using CdsLearn.Certificates;
using CdsLearn.Data;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Certificates;

public class CertificateTests(QuizRuleFactory factory) : IClassFixture<QuizRuleFactory>
{
    private const string SkillId = "dich-vu-cong";

    [Fact]
    public async Task TheProvinceMayRestCertificatesOnQuizzesAloneAndTheCertificateSaysOnlyThat()
    {
        using var learner = await Learner.RegisterAsync(factory);
        foreach (var module in factory.Services.GetRequiredService<CdsLearn.Content.CourseCatalog>().Current.FindSkill("dich-vu-cong")!.Modules)
        {
            await learner.TakeQuizAsync(module.Id);
        }

        var certificate = Assert.Single(await CertificateRuleTests.CertificatesOfAsync(factory, learner.UserName));
        Assert.Equal((int)Evidence.Quizzes, certificate.RestsOn);
        var shown = await learner.Site.GetAsync($"/chung-chi/{certificate.Code}");
        Assert.Equal(["Đạt bài kiểm tra của mọi học phần"], CertificateRuleTests.Lines(shown, ".certificate .basis li"));
    }

    [Fact]
    public async Task CanVerifyAGenuineCertificateByTypingItsCode()
    {
        var (holder, code, _) = await EarnAsync("Hà Thị Lan");
        using (holder)
        {
            using var stranger = new SiteClient(factory);
            var form = await stranger.GetAsync("/verify");
            var typed = code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
            var result = await stranger.GetAsync($"/verify?ma={typed}");

            Assert.NotNull(form.QuerySelector("form.verify-form input[name=ma]"));
            var status = result.QuerySelector(".verification")!.TextContent;
            Assert.Contains("Chứng chỉ thật", status, StringComparison.Ordinal);
            Assert.Contains("Hà T. L.", status, StringComparison.Ordinal);
            Assert.Contains(code, status, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnUnknownCodeIsReportedAsUnknown()
    {
        using var stranger = new SiteClient(factory);
        var result = await stranger.GetAsync("/verify?ma=ZZZZ-ZZZZ");
        Assert.Contains("Không tìm thấy chứng chỉ", result.QuerySelector(".verification")!.TextContent, StringComparison.Ordinal);
        Assert.Null(result.QuerySelector(".verification dl"));
    }

    [Theory]
    [InlineData("code")]
    [InlineData("fields")]
    [InlineData("signature")]
    [InlineData("truncated-fields")]
    [InlineData("truncated-signature")]
    [InlineData("no-signature")]
    [InlineData("no-fields")]
    public async Task AnAlteredOrTruncatedQrLinkIsRejected(string altered)
    {
        var (holder, code, link) = await EarnAsync("Vì Văn Tuấn");
        using (holder)
        {
            var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + link).Query);
            var d = query["d"]!;
            var s = query["s"]!;
            var forged = altered switch
            {
                "code" => $"/verify/{OtherCode(code)}?d={d}&s={s}",
                "fields" => $"/verify/{code}?d={Flip(d)}&s={s}",
                "truncated-fields" => $"/verify/{code}?d={d[..^3]}&s={s}",
                "truncated-signature" => $"/verify/{code}?d={d}&s={s[..^3]}",
                "no-signature" => $"/verify/{code}?d={d}",
                "no-fields" => $"/verify/{code}?s={s}",
                _ => $"/verify/{code}?d={d}&s={Flip(s)}",
            };
            using var stranger = new SiteClient(factory);

            var result = await stranger.GetAsync(forged);

            var status = result.QuerySelector(".verification")!.TextContent;
            Assert.Contains("Không tìm thấy chứng chỉ", status, StringComparison.Ordinal);
            Assert.Contains("đã bị sửa", status, StringComparison.Ordinal);
            Assert.DoesNotContain("Vì V. T.", status, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ProvinceStaffRevokeACertificateWithAReasonAndItThenVerifiesAsRevoked()
    {
        var (holder, code, link) = await EarnAsync("Quàng Thị Dung");
        using (holder)
        {
            using var staff = await SignInWithRoleAsync(Roles.ProvinceStaff);
            var page = await staff.GetAsync($"/chung-chi/{code}/thu-hoi");

            var empty = await staff.SubmitAsync(page, "form.stack", SiteClient.Fields(("Input.Reason", "")));
            Assert.Contains("Hãy ghi lý do thu hồi.", empty.QuerySelector("[data-valmsg-for='Input.Reason']")!.TextContent, StringComparison.Ordinal);
            Assert.False(await IsRevokedAsync(code));

            var shown = await staff.SubmitAsync(empty, "form.stack", SiteClient.Fields(("Input.Reason", "Cấp nhầm người")));
            Assert.Contains("đã bị thu hồi", shown.QuerySelector(".certificate")!.TextContent, StringComparison.Ordinal);
            Assert.True(await IsRevokedAsync(code));

            using var stranger = new SiteClient(factory);
            var byLink = await stranger.GetAsync(link);
            Assert.Contains("đã bị thu hồi", byLink.QuerySelector(".verification")!.TextContent, StringComparison.Ordinal);
            var byCode = await stranger.GetAsync($"/verify?ma={code}");
            Assert.Contains("đã bị thu hồi", byCode.QuerySelector(".verification")!.TextContent, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Roles.Learner)]
    [InlineData(Roles.TeamMember)]
    [InlineData(Roles.CommuneOfficer)]
    public async Task OnlyProvinceStaffMayRevoke(string role)
    {
        var (holder, code, _) = await EarnAsync("Lò Văn Khánh");
        using (holder)
        {
            using var someone = await SignInWithRoleAsync(role);
            var page = await someone.GetAsync($"/chung-chi/{code}/thu-hoi");
            Assert.Equal("/tai-khoan/khong-co-quyen", new Uri(page.Url).AbsolutePath);

            // Nor can the holder revoke their own.
            var own = await holder.Site.Http.GetAsync($"/chung-chi/{code}/thu-hoi", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
            Assert.False(await IsRevokedAsync(code));
        }
    }

    [Theory]
    [InlineData(Roles.Learner, false)]
    [InlineData(Roles.TeamMember, false)]
    [InlineData(Roles.CommuneOfficer, false)]
    [InlineData(Roles.ProvinceStaff, true)]
    [InlineData(Roles.Admin, true)]
    public async Task ACertificatePageIsForItsHolderAndProvinceStaff(string role, bool maySee)
    {
        var (holder, code, _) = await EarnAsync("Tòng Văn Hùng");
        using (holder)
        {
            using var someone = await SignInWithRoleAsync(role);
            var page = await someone.GetAsync($"/chung-chi/{code}");
            Assert.Equal(maySee ? HttpStatusCode.OK : HttpStatusCode.NotFound, someone.LastResponse!.StatusCode);
            Assert.Equal(maySee, page.QuerySelector(".certificate") is not null);
        }
    }

    [Fact]
    public async Task TheCertificatePagePrintsOnA4()
    {
        var (holder, code, _) = await EarnAsync("Lù Thị Ngọc");
        using (holder)
        {
            var page = await holder.Site.GetAsync($"/chung-chi/{code}");
            var print = page.QuerySelector("link[media=print]")!.GetAttribute("href")!;
            var css = await holder.Site.Http.GetStringAsync(print, TestContext.Current.CancellationToken);
            Assert.Contains("size: A4", css, StringComparison.Ordinal);
        }
    }

    /// <summary>A new learner passes every quiz of the skill; returns them, the certificate code and its QR link.</summary>
    private async Task<(Learner Holder, string Code, string Link)> EarnAsync(string fullName)
    {
        var learner = await Learner.RegisterAsync(factory, fullName);
        IHtmlDocument result = null!;
        foreach (var module in learner.Course.FindSkill(SkillId)!.Modules)
        {
            result = await learner.TakeQuizAsync(module.Id);
        }
        var href = result.QuerySelector("a[href^='/chung-chi/']")!.GetAttribute("href")!;
        var page = await learner.Site.GetAsync(href);
        var code = page.QuerySelector(".certificate .code strong")!.TextContent;
        var link = page.QuerySelector("a[href^='/verify/']")!.GetAttribute("href")!;
        return (learner, code, link);
    }

    private async Task<SiteClient> SignInWithRoleAsync(string role)
    {
        var userName = role.ToLowerInvariant() + Guid.NewGuid().ToString("N")[..8];
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = userName, FullName = "Cán bộ " + role };
            Assert.True((await users.CreateAsync(user, Learner.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }
        var site = new SiteClient(factory);
        var login = await site.GetAsync("/tai-khoan/dang-nhap");
        await site.SubmitAsync(login, "main form", SiteClient.Fields(("Input.UserName", userName), ("Input.Password", Learner.Password)));
        return site;
    }

    private async Task<bool> IsRevokedAsync(string code)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.Certificates.AsNoTracking().SingleAsync(c => c.Code == code, TestContext.Current.CancellationToken)).IsRevoked;
    }

    private static string Flip(string base64Url) =>
        (base64Url[5] == 'A' ? 'B' : 'A') is var c ? base64Url[..5] + c + base64Url[6..] : base64Url;

    private static string OtherCode(string code) =>
        (code[0] == '2' ? '3' : '2') + code[1..];
}
