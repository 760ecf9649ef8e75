using System.IO.Compression;
using System.Net;
using AngleSharp.Html.Parser;

namespace CdsLearn.Web.Tests.Content;

/// <summary>Issue 17's pictures and "Giải thích từ" as a phone gets them.</summary>
public class PictureTests(PictureCourseFactory factory) : IClassFixture<PictureCourseFactory>
{
    private const string LessonPath = "/bai-hoc/bai-co-hinh";
    private const string PictureFile = "01-ky-nang/01-mo-dun/hinh/vi-giay-to.svg";

    [Fact]
    public async Task ALessonShowsItsPictureAtItsSizeLoadedAfterTheText()
    {
        using var client = factory.CreateClient();
        var document = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(LessonPath, TestContext.Current.CancellationToken),
            TestContext.Current.CancellationToken);

        var img = Assert.Single(document.QuerySelectorAll(".prose img"));
        Assert.StartsWith($"/noi-dung/{PictureFile}?v=", img.GetAttribute("src"), StringComparison.Ordinal);
        Assert.Equal(("320", "200", "lazy", "async"), (img.GetAttribute("width"), img.GetAttribute("height"), img.GetAttribute("loading"), img.GetAttribute("decoding")));
        Assert.Equal("Trang chủ VNeID: mục Ví giấy tờ ở giữa màn hình được khoanh tròn màu đỏ", img.GetAttribute("alt"));
    }

    [Fact]
    public async Task APictureWithItsHashIsServedGzippedSandboxedAndKeptForAYear()
    {
        using var client = factory.CreateClient();
        var src = await PictureUrlAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, src);
        request.Headers.AcceptEncoding.ParseAdd("gzip");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Contains("sandbox", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        var sent = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        using var unzipped = new MemoryStream();
        await new GZipStream(new MemoryStream(sent), CompressionMode.Decompress).CopyToAsync(unzipped, TestContext.Current.CancellationToken);
        var file = await File.ReadAllBytesAsync(Path.Combine(PictureCourseFactory.Folder, PictureFile), TestContext.Current.CancellationToken);
        Assert.Equal(file, unzipped.ToArray());
        Assert.True(sent.Length < file.Length / 2, $"{sent.Length} bytes sent for a {file.Length}-byte SVG");
    }

    [Theory]
    [InlineData("")]
    [InlineData("?v=0123456789ab")]
    public async Task WithoutTheCurrentHashAPictureIsCheckedEachTimeAndAnswers304(string query)
    {
        using var client = factory.CreateClient();
        var first = await client.GetAsync($"/noi-dung/{PictureFile}{query}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("public, no-cache", first.Headers.CacheControl?.ToString());
        Assert.NotNull(first.Headers.ETag);

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/noi-dung/{PictureFile}{query}");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag);
        using var second = await client.SendAsync(again, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        // The hash in the lesson's link is the ETag's: a phone holding the picture never downloads it twice.
        Assert.EndsWith("?v=" + first.Headers.ETag.Tag.Trim('"'), await PictureUrlAsync(client), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALessonWithAPictureFitsItsBudget()
    {
        using var client = factory.CreateClient();

        var (text, pictures, count) = await LessonWeight.MeasureAsync(client, LessonPath);

        Assert.Equal(1, count);
        Assert.True(text <= 14 * 1024, $"the lesson's first response is {text} bytes compressed");
        Assert.True(text + pictures <= 30 * 1024, $"the lesson with its pictures is {text + pictures} bytes compressed");
    }

    [Fact]
    public async Task AMarkedTermJumpsToItsExplanationInTheLesson()
    {
        using var client = factory.CreateClient();
        var document = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(LessonPath, TestContext.Current.CancellationToken),
            TestContext.Current.CancellationToken);

        var term = Assert.Single(document.QuerySelectorAll(".prose a.tu"));
        Assert.Equal(("mã OTP", "#tu-otp"), (term.TextContent, term.GetAttribute("href")));
        Assert.NotNull(document.QuerySelector(".prose section.giai-thich-tu dt#tu-otp"));
        Assert.NotNull(document.QuerySelector("script[src^='/js/lesson.js']"));
    }

    [Fact]
    public async Task TheGlossaryPageListsEachTermWithTheLessonsUsingIt()
    {
        using var client = factory.CreateClient();
        var document = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/giai-thich-tu", TestContext.Current.CancellationToken),
            TestContext.Current.CancellationToken);

        Assert.Equal("Giải thích từ", document.QuerySelector("h1")?.TextContent);
        var term = document.QuerySelector("dl.glossary dt#tu-otp")!;
        Assert.Equal("OTP", term.TextContent);
        var explanation = term.NextElementSibling!;
        Assert.Contains("Mã số gồm vài chữ số", explanation.TextContent, StringComparison.Ordinal);
        Assert.Equal("/bai-hoc/bai-co-hinh", explanation.QuerySelector("a")?.GetAttribute("href"));
        Assert.NotNull(document.QuerySelector("footer a[href='/giai-thich-tu']"));
    }

    private static async Task<string> PictureUrlAsync(HttpClient client)
    {
        var html = await client.GetStringAsync(LessonPath, TestContext.Current.CancellationToken);
        return (await new HtmlParser().ParseDocumentAsync(html, TestContext.Current.CancellationToken)).QuerySelector(".prose img")!.GetAttribute("src")!;
    }
}
