using System.Net;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Security;

/// <summary>
/// The site as deployed (Production, real limits) behind a reverse proxy at 10.0.0.5. The in-process server has no
/// TCP peer, so each request names the address it comes from in <c>X-Test-Peer</c> (<see cref="PeerFromHeader"/>).
/// </summary>
public sealed class BehindProxyFactory : CdsLearnFactory
{
    public const string Proxy = "10.0.0.5";

    protected override string EnvironmentName => "Production";

    protected override bool KeepRateLimits => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ForwardedHeaders:KnownProxies", Proxy);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, PeerFromHeader>());
    }
}

public class ProxyTests(BehindProxyFactory factory) : IClassFixture<BehindProxyFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BehindTheKnownProxyEachClientHasItsOwnLimitAndAClientCannotForgeItsAddress()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        async Task<HttpStatusCode> VerifyAsync(string peer, string? forwardedFor, int i)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/verify/AAAA-{i:0000}");
            request.Headers.Add("X-Test-Peer", peer);
            if (forwardedFor is not null)
            {
                request.Headers.Add("X-Forwarded-For", forwardedFor);
            }
            using var response = await client.SendAsync(request, Ct);
            return response.StatusCode;
        }

        // One client through the proxy uses up its 60 checks a minute...
        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await VerifyAsync(BehindProxyFactory.Proxy, "203.0.113.7", i));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, await VerifyAsync(BehindProxyFactory.Proxy, "203.0.113.7", 60));
        // ...while the next client through the same proxy still has all of its own.
        Assert.Equal(HttpStatusCode.OK, await VerifyAsync(BehindProxyFactory.Proxy, "203.0.113.8", 61));

        // A client that is not the proxy cannot pick another address by writing the header itself.
        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await VerifyAsync("198.51.100.9", $"192.0.2.{i}", 100 + i));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, await VerifyAsync("198.51.100.9", "192.0.2.200", 200));
    }

    [Fact]
    public async Task InProductionHttpsAnswersCarryHstsWhetherTlsEndsAtTheProxyOrAtTheSite()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://hocso.sonla.gov.vn") });
        using (var direct = await client.GetAsync("/", Ct))
        {
            Assert.Contains("max-age=", string.Join(' ', direct.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        }

        using var plain = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://hocso.sonla.gov.vn") });
        using var viaProxy = new HttpRequestMessage(HttpMethod.Get, "/");
        viaProxy.Headers.Add("X-Test-Peer", BehindProxyFactory.Proxy);
        viaProxy.Headers.Add("X-Forwarded-Proto", "https");
        using (var response = await plain.SendAsync(viaProxy, Ct))
        {
            Assert.True(response.Headers.Contains("Strict-Transport-Security"));
        }
        using (var response = await plain.GetAsync("/", Ct))
        {
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), "plain HTTP never carries HSTS");
        }
    }

    /// <summary>The deployment's nginx ends TLS and leaves compression to the site (tools/deploy, gzip off): a page
    /// asked for through it, over plain HTTP with X-Forwarded-Proto https, must go out compressed, a visitor's
    /// lesson (kept once compressed) and any other page alike; over the site's own HTTPS nothing is.</summary>
    [Fact]
    public async Task PagesThroughTheTlsProxyAreCompressedAndOverTheSitesOwnHttpsTheyAreNot()
    {
        var lesson = "/bai-hoc/" + factory.Services.GetRequiredService<CdsLearn.Content.CourseCatalog>().Current.Skills[0].Modules[0].Lessons[0].Id;
        using var plain = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://hocso.sonla.gov.vn") });
        using var direct = factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://hocso.sonla.gov.vn") });
        async Task<string> EncodingAsync(HttpClient client, string path, string? peer)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Accept-Encoding", "br, gzip");
            if (peer is not null)
            {
                request.Headers.Add("X-Test-Peer", peer);
                request.Headers.Add("X-Forwarded-Proto", "https");
            }
            using var response = await client.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return string.Join(",", response.Content.Headers.ContentEncoding);
        }

        foreach (var path in new[] { lesson, lesson, "/", "/tai-khoan/dang-nhap" })
        {
            Assert.Equal("br", await EncodingAsync(plain, path, BehindProxyFactory.Proxy));
            Assert.Equal("", await EncodingAsync(direct, path, null));
        }
    }
}
