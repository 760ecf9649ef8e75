using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;

namespace CdsLearn.Web.Tests.Security;

/// <summary>The site with its real rate limits, as deployed.</summary>
public sealed class RealLimitsFactory : CdsLearnFactory
{
    protected override bool KeepRateLimits => true;
}

public class SecurityHeaderTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/bai-hoc/an-toan-mang-gia-danh-co-quan")]
    [InlineData("/verify")]
    [InlineData("/tai-khoan/dang-nhap")]
    [InlineData("/khong-co-trang-nay")]
    public async Task EveryPageForbidsInlineScriptsFramingAndSniffing(string url)
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        var scriptSources = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.Equal("script-src 'self'", scriptSources);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task NoPageCarriesAnInlineScript()
    {
        using var site = new SiteClient(factory);
        foreach (var url in new[] { "/", "/bai-hoc/an-toan-mang-gia-danh-co-quan", "/ky-nang/an-toan-mang", "/verify", "/tai-khoan/dang-ky", "/thi" })
        {
            var page = await site.GetAsync(url);
            Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), $"inline script on {url}"));
            Assert.Empty(page.QuerySelectorAll("[onclick], [onload], [onsubmit], [onchange]"));
        }
    }
}

public class RateLimitTests(RealLimitsFactory factory) : IClassFixture<RealLimitsFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PasswordGuessingFromOneAddressIsSlowedDownInVietnamese()
    {
        using var site = new SiteClient(factory);
        var login = await site.GetAsync("/tai-khoan/dang-nhap");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            using var response = await site.PostFormAsync(login, "main form", SiteClient.Fields(("Input.UserName", "khong-ai"), ("Input.Password", "doan-mo-" + i)));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains("Bạn thao tác quá nhanh", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
                Assert.True(response.Headers.RetryAfter is not null);
            }
        }
        Assert.All(statuses.Take(10), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
        // Reading the form is not limited.
        Assert.Equal(HttpStatusCode.OK, (await site.Http.GetAsync("/tai-khoan/dang-nhap", Ct)).StatusCode);
    }

    [Fact]
    public async Task CertificateCodesCannotBeTriedByTheThousand()
    {
        using var client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 61; i++)
        {
            statuses.Add((await client.GetAsync($"/verify/AAAA-{i:0000}", Ct)).StatusCode);
        }
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(60));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[60]);
    }

    [Fact]
    public async Task QuizSubmissionsAreLimitedPerLearner()
    {
        using var learner = await Learner.RegisterAsync(factory);
        var moduleId = learner.Course.Skills[0].Modules[0].Id;
        var quiz = await learner.Site.GetAsync($"/kiem-tra/{moduleId}");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 21; i++)
        {
            using var response = await learner.Site.PostFormAsync(quiz, "form.quiz", learner.Answers(quiz, moduleId));
            statuses.Add(response.StatusCode);
        }
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(20));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[20]);
    }

    [Theory]
    [InlineData(typeof(Pages.Learning.QuizModel), RateLimits.Submissions)]
    [InlineData(typeof(Pages.Practice.AssessedModel), RateLimits.Submissions)]
    [InlineData(typeof(Pages.Certificates.VerifyModel), RateLimits.CertificateChecks)]
    [InlineData(typeof(Pages.Accounts.LoginModel), Pages.Accounts.AccountRateLimits.SignIn)]
    [InlineData(typeof(Pages.Accounts.JoinHouseholdModel), Pages.Accounts.AccountRateLimits.JoinCodes)]
    public void EachLimitSitsOnItsPageWhateverItsAddress(Type page, string policy)
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<CompiledPageActionDescriptor>()?.ModelTypeInfo?.AsType() == page)
            .ToList();

        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, e => Assert.Equal(policy, e.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName));
    }
}
