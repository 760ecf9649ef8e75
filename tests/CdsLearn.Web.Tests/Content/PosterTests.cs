using System.Net;
using CdsLearn.Web.Tests.Infrastructure;

namespace CdsLearn.Web.Tests.Content;

public class PosterTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    [Theory]
    [InlineData("thanh-toan", "/ky-nang/thanh-toan")]
    [InlineData("thanh-toan-hoa-don", "/ky-nang/thanh-toan#thanh-toan-hoa-don")]
    [InlineData("an-toan-mang-ma-otp", "/bai-hoc/an-toan-mang-ma-otp")]
    public async Task ASkillModuleOrLessonHasAPrintableQrPosterThatLinksToIt(string id, string path)
    {
        using var visitor = new SiteClient(factory);
        var poster = await visitor.GetAsync($"/ap-phich/{id}");
        Assert.NotNull(poster.QuerySelector(".poster .qr svg"));
        Assert.EndsWith(path, poster.QuerySelector(".poster .verify-hint")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.NotNull(poster.QuerySelector("link[media=print]"));

        await visitor.GetAsync("/ap-phich/khong-co");
        Assert.Equal(HttpStatusCode.NotFound, visitor.LastResponse!.StatusCode);
    }
}
