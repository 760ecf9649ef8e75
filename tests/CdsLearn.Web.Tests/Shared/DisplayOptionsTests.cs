using System.Net;
using CdsLearn.Web.Tests.Infrastructure;

namespace CdsLearn.Web.Tests.Shared;

/// <summary>"Chữ to" and "Tương phản cao": a plain form switches them, the page arrives drawn with them, and no cached
/// copy carries one phone's choice to another.</summary>
public class DisplayOptionsTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    private const string Lesson = "/bai-hoc/an-toan-mang-gia-danh-co-quan";

    [Fact]
    public async Task ChuToSwitchesWithAPlainFormAndComesBackToThePage()
    {
        using var phone = new SiteClient(factory);
        var lesson = await phone.GetAsync(Lesson);
        Assert.Null(lesson.DocumentElement.GetAttribute("class"));
        Assert.Equal("false", lesson.QuerySelector("header [data-toggle=large]")!.GetAttribute("aria-pressed"));

        var large = await phone.SubmitAsync(lesson, "header form.display-options", SiteClient.Fields(("doi", "large")));
        Assert.Equal(Lesson, new Uri(large.Url).AbsolutePath);
        Assert.Equal("large", large.DocumentElement.GetAttribute("class"));
        Assert.Equal("true", large.QuerySelector("header [data-toggle=large]")!.GetAttribute("aria-pressed"));
        Assert.Equal("false", large.QuerySelector("header [data-toggle=contrast]")!.GetAttribute("aria-pressed"));

        var both = await phone.SubmitAsync(large, "header form.display-options", SiteClient.Fields(("doi", "contrast")));
        Assert.Equal("large contrast", both.DocumentElement.GetAttribute("class"));
        var back = await phone.SubmitAsync(both, "header form.display-options", SiteClient.Fields(("doi", "large")));
        Assert.Equal("contrast", back.DocumentElement.GetAttribute("class"));

        // Another phone gets the page as it is, not the copy kept on the server for this one.
        using var other = new SiteClient(factory);
        Assert.Null((await other.GetAsync(Lesson)).DocumentElement.GetAttribute("class"));
    }

    [Theory]
    [InlineData("//example.com/")]
    [InlineData("/\\example.com/")]
    [InlineData("/\t/example.com/")]
    [InlineData("https://example.com/")]
    public async Task TheFormGoesBackOnlyToAPageOfThisSite(string back)
    {
        using var phone = new SiteClient(factory);
        using var response = await phone.Http.PostAsync("/hien-thi",
            new FormUrlEncodedContent(SiteClient.Fields(("doi", "large"), ("quay-lai", back))), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ALessonKeptByTheBrowserIsStaleOnceTheOptionsChange()
    {
        using var client = factory.CreateClient();
        using var plain = await client.GetAsync(Lesson, TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, Lesson);
        request.Headers.Add("Cookie", "cdslearn-contrast=1");
        request.Headers.IfNoneMatch.Add(plain.Headers.ETag!);
        using var contrast = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, contrast.StatusCode);
        Assert.Contains("<html lang=\"vi\" class=\"contrast\">", await contrast.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
