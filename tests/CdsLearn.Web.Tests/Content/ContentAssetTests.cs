using System.Net;
using CdsLearn.Web.Tests.Infrastructure;

namespace CdsLearn.Web.Tests.Content;

public class ContentAssetTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    [Theory]
    [InlineData("/noi-dung/README.md")]
    [InlineData("/noi-dung/04-an-toan-tren-mang/skill.md")]
    [InlineData("/noi-dung/..%2F..%2Fsrc%2FCdsLearn.Web%2Fappsettings.json")]
    [InlineData("/noi-dung/khong-co.png")]
    public async Task OnlyImagesOfTheCourseAreServed(string url)
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PagesGoOutAsUtf8TextNotEntities()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("Tự bảo vệ mình trên không gian mạng", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALessonPageIsLightAndComesCompressed()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync("/bai-hoc/an-toan-mang-gia-danh-co-quan", TestContext.Current.CancellationToken);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(html) < 15_000, $"lesson page is {html.Length} characters");
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        var css = await client.GetByteArrayAsync("/css/site.css", TestContext.Current.CancellationToken);
        Assert.True(css.Length < 10_000, $"site.css is {css.Length} bytes");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/bai-hoc/an-toan-mang-gia-danh-co-quan");
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Contains("gzip", response.Content.Headers.ContentEncoding);
    }
}
