using System.IO.Compression;
using System.Net;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CdsLearn.Web.Tests.Content;

/// <summary>A visitor's lesson is kept compressed once (AnonymousPageCache): every later visitor gets the same page in
/// the encoding their phone asks for, with every header the first one got.</summary>
public class AnonymousPageCacheTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    private const string Url = "/bai-hoc/an-toan-mang-ma-otp";

    [Fact]
    public async Task EveryEncodingCarriesTheSamePageAndTheSameHeaders()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var (first, _) = await GetAsync(client, null);
        foreach (var encoding in new[] { null, "gzip", "br", "gzip, deflate, br", "br;q=0.5, gzip", "identity" })
        {
            var (page, response) = await GetAsync(client, encoding);
            var expected = encoding switch
            {
                null or "identity" => null,
                "br;q=0.5, gzip" => "gzip",
                "gzip" => "gzip",
                _ => "br",
            };
            Assert.Equal(expected, response.Content.Headers.ContentEncoding.SingleOrDefault());
            Assert.Equal(first, page);
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("public, no-cache", response.Headers.CacheControl?.ToString());
            Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            Assert.NotNull(response.Headers.ETag);
            Assert.False(response.Headers.Contains("Set-Cookie"));
        }
    }

    [Fact]
    public async Task APhoneOnHttpsGetsThePageUncompressedAsEverywhereElseOnKestrel()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        await GetAsync(client, "gzip");
        var (page, response) = await GetAsync(client, "gzip");
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("https://localhost/bai-hoc/an-toan-mang-ma-otp", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachDisplayChoiceAndEachAddressHasItsOwnCopy()
    {
        using var client = factory.CreateClient();
        await GetAsync(client, "gzip");
        using var large = new HttpRequestMessage(HttpMethod.Get, Url);
        large.Headers.Add("Cookie", "cdslearn-large=1");
        using var largeResponse = await client.SendAsync(large, TestContext.Current.CancellationToken);
        Assert.Contains("<html lang=\"vi\" class=\"large\">", await largeResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var other = new HttpRequestMessage(HttpMethod.Get, Url);
        other.Headers.Host = "hoc.example.vn";
        using var otherResponse = await client.SendAsync(other, TestContext.Current.CancellationToken);
        Assert.Contains("http://hoc.example.vn/bai-hoc/an-toan-mang-ma-otp", await otherResponse.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var (plain, _) = await GetAsync(client, null);
        Assert.Contains("<html lang=\"vi\">", plain, StringComparison.Ordinal);
        Assert.Contains("http://localhost/bai-hoc/an-toan-mang-ma-otp", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void TheHostStartsNoActivityAndNoLogScopeForEachRequest()
    {
        // ASP.NET Core's hosting starts both for every request whenever this category's logger is enabled at any level
        // (HostingApplicationDiagnostics.BeginRequest); on a cached lesson that was about 5 % of the site's CPU.
        var logger = factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics");
        Assert.False(logger.IsEnabled(LogLevel.Critical));
    }

    private static async Task<(string Page, HttpResponseMessage Response)> GetAsync(HttpClient client, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Stream plain = response.Content.Headers.ContentEncoding.SingleOrDefault() switch
        {
            "gzip" => new GZipStream(new MemoryStream(sent), CompressionMode.Decompress),
            "br" => new BrotliStream(new MemoryStream(sent), CompressionMode.Decompress),
            _ => new MemoryStream(sent),
        };
        using var reader = new StreamReader(plain);
        return (await reader.ReadToEndAsync(TestContext.Current.CancellationToken), response);
    }
}
