using System.IO.Compression;
using System.Text;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Shared;

/// <summary>Brotli as responses go out: a page at quality 2 (made for one person, compressed once), a style sheet,
/// script or SVG at Optimal (quality 4), which the first visit's bytes were measured with (issue 17).</summary>
public class PageCompressionTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    private static readonly byte[] Page = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 200).Select(i =>
        $"<li class=\"question\"><p>Câu {i}: Mã OTP gửi qua tin nhắn có được đọc cho người khác không?</p><label><input type=radio name=q{i}> Không bao giờ</label></li>\n")));

    [Theory]
    [InlineData("text/html; charset=utf-8", PageBrotliProvider.PageQuality)]
    [InlineData("text/html", PageBrotliProvider.PageQuality)]
    [InlineData("text/css", 4)]
    [InlineData("text/javascript", 4)]
    [InlineData("image/svg+xml", 4)]
    public void APageIsCompressedAtQualityTwoAndEverythingElseAtOptimal(string contentType, int quality)
    {
        var context = new DefaultHttpContext();
        context.Response.ContentType = contentType;
        var provider = new PageBrotliProvider(new HttpContextAccessor { HttpContext = context });

        var sent = new MemoryStream();
        using (var brotli = provider.CreateStream(sent))
        {
            brotli.Write(Page);
        }

        var expected = new byte[BrotliEncoder.GetMaxCompressedLength(Page.Length)];
        Assert.True(BrotliEncoder.TryCompress(Page, expected, out var written, quality, window: 22));
        Assert.Equal(expected[..written], sent.ToArray());
        Assert.Equal(Page, Decompress(sent.ToArray()));
    }

    [Theory]
    [InlineData("br, gzip", typeof(PageBrotliProvider))]
    [InlineData("gzip, deflate, br", typeof(PageBrotliProvider))]
    [InlineData("gzip", typeof(GzipCompressionProvider))]
    public void TheSitePicksItForBrotliAndGzipOtherwise(string acceptEncoding, Type expected)
    {
        using var scope = factory.Services.CreateScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.AcceptEncoding = acceptEncoding;

        var provider = scope.ServiceProvider.GetRequiredService<IResponseCompressionProvider>().GetCompressionProvider(context);

        Assert.IsType(expected, provider);
    }

    private static byte[] Decompress(byte[] sent)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(new MemoryStream(sent), CompressionMode.Decompress))
        {
            brotli.CopyTo(output);
        }
        return output.ToArray();
    }
}
