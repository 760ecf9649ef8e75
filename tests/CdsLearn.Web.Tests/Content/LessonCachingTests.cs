using System.Net;
using CdsLearn.Web.Tests.Infrastructure;

namespace CdsLearn.Web.Tests.Content;

public class LessonCachingTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    private const string Url = "/bai-hoc/an-toan-mang-ma-otp";

    [Fact]
    public async Task AnUnchangedLessonAnswers304()
    {
        using var client = factory.CreateClient();
        var first = await client.GetAsync(Url, TestContext.Current.CancellationToken);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);

        using var again = new HttpRequestMessage(HttpMethod.Get, Url);
        again.Headers.IfNoneMatch.Add(etag);
        var second = await client.SendAsync(again, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ASignedInReaderNeverGetsTheVisitorsCopyAndTheirETagFollowsTheirProgress()
    {
        using var visitor = factory.CreateClient();
        var anonymous = await visitor.GetAsync(Url, TestContext.Current.CancellationToken);
        using var learner = await Learner.RegisterAsync(factory);

        var page = await learner.Site.GetAsync(Url);
        var before = learner.Site.LastResponse!.Headers.ETag;
        Assert.NotNull(page.QuerySelector("form.mark-read"));
        Assert.NotEqual(anonymous.Headers.ETag, before);
        Assert.DoesNotContain("public", learner.Site.LastResponse.Headers.CacheControl!.ToString(), StringComparison.Ordinal);

        await learner.Site.SubmitAsync(page, "form.mark-read", []);
        var read = await learner.Site.GetAsync(Url);
        Assert.Null(read.QuerySelector("form.mark-read"));
        Assert.NotEqual(before, learner.Site.LastResponse!.Headers.ETag);
    }
}
