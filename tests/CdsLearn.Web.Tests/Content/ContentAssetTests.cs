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
}
