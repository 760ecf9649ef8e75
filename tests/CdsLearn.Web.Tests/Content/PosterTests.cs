using System.Net;
using CdsLearn.Web.Tests.Infrastructure;

namespace CdsLearn.Web.Tests.Content;

public class PosterTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    [Fact]
    public async Task ASkillHasAPrintableQrPosterThatLinksToIt()
    {
        using var visitor = new SiteClient(factory);
        var poster = await visitor.GetAsync("/ky-nang/thanh-toan/ap-phich");
        Assert.NotNull(poster.QuerySelector(".poster .qr svg"));
        Assert.EndsWith("/ky-nang/thanh-toan", poster.QuerySelector(".poster .verify-hint")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.NotNull(poster.QuerySelector("link[media=print]"));

        await visitor.GetAsync("/ky-nang/khong-co/ap-phich");
        Assert.Equal(HttpStatusCode.NotFound, visitor.LastResponse!.StatusCode);
    }
}
