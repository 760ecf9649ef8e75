using System.Net;
using AngleSharp.Html.Parser;

namespace CdsLearn.Web.Tests.Content;

/// <summary>What a phone downloads for a lesson, compressed: the first response (the page, its styles and scripts),
/// then its pictures, which load after the text.</summary>
public static class LessonWeight
{
    public static async Task<(long Text, long Pictures, int PictureCount)> MeasureAsync(HttpClient client, string lessonPath)
    {
        var html = await client.GetStringAsync(lessonPath, TestContext.Current.CancellationToken);
        var document = await new HtmlParser().ParseDocumentAsync(html, TestContext.Current.CancellationToken);
        var text = document.QuerySelectorAll("link[rel=stylesheet]:not([media=print])").Select(l => l.GetAttribute("href")!)
            .Concat(document.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!))
            .Prepend(lessonPath);
        var pictures = document.QuerySelectorAll(".prose img").Select(i => i.GetAttribute("src")!).Distinct().ToList();
        return (await SumAsync(client, text), await SumAsync(client, pictures), pictures.Count);
    }

    private static async Task<long> SumAsync(HttpClient client, IEnumerable<string> urls)
    {
        var total = 0L;
        foreach (var url in urls)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.AcceptEncoding.ParseAdd("br, gzip");
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEmpty(response.Content.Headers.ContentEncoding);
            total += (await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length;
        }
        return total;
    }
}
