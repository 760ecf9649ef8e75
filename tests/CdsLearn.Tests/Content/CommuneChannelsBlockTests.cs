using CdsLearn.Content;

namespace CdsLearn.Tests.Content;

/// <summary>The <c>::: kenh-cua-xa</c> block: empty in the lesson, rendered the same for everyone (a link to the
/// commune picker), which the lesson page replaces for a signed-in learner.</summary>
public class CommuneChannelsBlockTests
{
    private readonly MarkdownRenderer markdown = new();

    [Fact]
    public void RendersTheLinkToThePickerExactlyAsThePageLooksForIt()
    {
        var rendered = markdown.Render("Hỏi xã qua Zalo.\n\n::: kenh-cua-xa\n:::\n\nHết.");

        Assert.Empty(rendered.Findings);
        Assert.Contains(MarkdownRenderer.CommuneChannelsHtml, rendered.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"/kenh-cua-xa\"", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("<p>Hết.</p>", rendered.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("::: kenh-cua-xa\nZalo của xã: https://zalo.me/g/abc\n:::")]
    [InlineData("::: kenh-cua-xa Zalo\n:::")]
    public void TheBlockStaysEmpty(string text)
    {
        var finding = Assert.Single(markdown.Render(text).Findings);

        Assert.Equal(0, finding.Line);
        Assert.Contains("stays empty", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLinterReportsAFilledBlockAtItsLine()
    {
        using var course = TempCourse.Valid().Write(TempCourse.Module + "/01-bai-mot.md",
            TempCourse.LessonFile("bai-mot", order: 1, body: "Hỏi xã.\n\n::: kenh-cua-xa\nzalo.me/g/abc\n:::"));

        var error = Assert.Single(course.Load().Problems, p => p.IsError);

        Assert.Equal((TempCourse.Module + "/01-bai-mot.md", 10), (error.File, error.Line));
    }
}
