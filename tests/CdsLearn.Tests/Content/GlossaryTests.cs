using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CdsLearn.Content;

namespace CdsLearn.Tests.Content;

/// <summary>Issue 17's "Giải thích từ": the glossary files' rules, and the marking of each term's first use in a
/// lesson, where a tap opens its explanation.</summary>
public class GlossaryTests
{
    private const string Lesson = TempCourse.Module + "/02-bai-hai.md";
    private const string Otp = "_giai-thich-tu/otp.md";

    private const string OtpFile = """
        ---
        term: "OTP"
        also: ["mã OTP", "mã xác thực"]
        ---
        Mã số gồm vài chữ số gửi qua tin nhắn để xác nhận đúng là bạn. Không bao giờ đọc mã này cho ai.
        """;

    private const string WalletFile = """
        ---
        term: "ví"
        ---
        Chỗ cất giấy tờ hoặc tiền trong ứng dụng.
        """;

    private static TempCourse WithLesson(string body) => TempCourse.Valid()
        .Write(Otp, OtpFile)
        .Write("_giai-thich-tu/vi.md", WalletFile)
        .Write(Lesson, TempCourse.LessonFile("bai-hai", order: 2, body: body));

    private static IDocument Html(TempCourse course)
    {
        var result = course.Load();
        Assert.False(result.HasErrors, string.Join('\n', result.Problems));
        return new HtmlParser().ParseDocument(result.Course.FindLesson("bai-hai")!.Html);
    }

    private static List<string> Marked(IDocument html) => html.QuerySelectorAll("a.tu").Select(a => a.TextContent).ToList();

    [Fact]
    public void MarksOnlyTheFirstUseOfEachTermAndExplainsItAtTheEnd()
    {
        using var course = WithLesson("Nhập OTP vào ô. Sau đó, đọc OTP lần nữa.\n\nKhông gửi OTP cho ai.");

        var html = Html(course);

        var link = Assert.Single(html.QuerySelectorAll("a.tu"));
        Assert.Equal(("OTP", "#tu-otp"), (link.TextContent, link.GetAttribute("href")));
        Assert.Equal("Nhập OTP vào ô. Sau đó, đọc OTP lần nữa.", link.ParentElement!.TextContent);
        var section = html.QuerySelector("section.giai-thich-tu")!;
        Assert.Equal("Giải thích từ", section.QuerySelector("h2")!.TextContent);
        var term = Assert.Single(section.QuerySelectorAll("dl dt"));
        Assert.Equal(("tu-otp", "OTP"), (term.Id, term.TextContent));
        Assert.StartsWith("Mã số gồm vài chữ số", term.NextElementSibling!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("/giai-thich-tu", section.QuerySelector("a[href='/giai-thich-tu']")?.GetAttribute("href"));
        Assert.Equal(["otp"], course.Load().Course.FindLesson("bai-hai")!.Terms);
    }

    [Fact]
    public void ALessonWithoutTermsHasNoSection()
    {
        using var course = WithLesson("Không có từ nào cần giải thích.");

        Assert.Null(Html(course).QuerySelector("section.giai-thich-tu"));
    }

    [Theory]
    [InlineData("Mở ví điện tử.", "ví")]
    [InlineData("Mở VÍ điện tử.", "VÍ")]
    [InlineData("Mở (Ví) điện tử.", "Ví")]
    [InlineData("Đây là ví.", "ví")]
    [InlineData("Mở víđ hoặc đví hoặc vía.", null)]
    [InlineData("Nhập otpx hoặc xotp.", null)]
    [InlineData("Mã sẽ về. Nhập mã OTP.", "mã OTP")]
    [InlineData("Nhập mã xác thực vào ô.", "mã xác thực")]
    [InlineData("Nhập mã\nOTP vào ô.", "mã\nOTP")]
    [InlineData("Nhập *OTP* vào ô.", "OTP")]
    public void MarksWholeWordsIgnoringCaseLongestFormFirst(string body, string? marked)
    {
        using var course = WithLesson(body);

        Assert.Equal(marked is null ? [] : [marked], Marked(Html(course)));
    }

    [Fact]
    public void ALongerFormWinsOverAShorterTermInsideIt()
    {
        using var course = WithLesson("Mở ví. Đọc mã OTP.")
            .Write("_giai-thich-tu/ma.md", "---\nterm: \"mã\"\n---\nMột dãy số hoặc chữ.\n");

        Assert.Equal(["ví", "mã OTP"], Marked(Html(course)));
    }

    [Theory]
    [InlineData("## Nhập OTP\n\nNhập OTP vào ô.", "p")]
    [InlineData("Đọc [bài về OTP](01-bai-mot.md) rồi nhập OTP.", "p")]
    [InlineData("![Màn hình có ô nhập OTP ở giữa](hinh.svg)\n\nNhập OTP.", "p")]
    [InlineData("Gõ `OTP` rồi nhập OTP.", "p")]
    [InlineData("::: man-hinh Tin nhắn chứa mã OTP\n**Tin nhắn**\n\nMã OTP của bạn là 123456\n:::\n\nNhập OTP.", "p")]
    [InlineData("::: canh-bao\nKhông đọc OTP cho ai.\n:::", "aside p")]
    [InlineData("1. Nhập OTP.", "li")]
    public void NeverMarksInHeadingsLinksPictureDescriptionsScreensOrCode(string body, string where)
    {
        using var course = WithLesson(body).Write($"{TempCourse.Module}/hinh.svg", TempCourse.Svg);

        var html = Html(course);

        var link = Assert.Single(html.QuerySelectorAll("a.tu"));
        Assert.Equal("OTP", link.TextContent);
        Assert.True(link.ParentElement!.Matches(where), link.ParentElement.OuterHtml);
        Assert.Null(link.Closest("h2, figure, code"));
    }

    [Fact]
    public void TheSanitizerRunsOverTheExplanations()
    {
        using var course = WithLesson("Nhập OTP.")
            .Write(Otp, "---\nterm: \"OTP\"\n---\nMã số <script>alert(1)</script> <img src=x onerror=alert(1)>.\n");

        var html = Html(course);

        Assert.Empty(html.QuerySelectorAll("script, img, [onerror]"));
    }

    [Fact]
    public void TheCourseListsTermsFromAToZAndCountsThem()
    {
        using var course = WithLesson("Mở ví, nhập OTP.").Write("_giai-thich-tu/dang-nhap.md", "---\nterm: \"Đăng nhập\"\n---\nVào tài khoản của mình.\n");

        var loaded = course.Load().Course;

        Assert.Equal(["Đăng nhập", "OTP", "ví"], loaded.Glossary.Select(t => t.Term));
        Assert.Equal(["bai-hai"], loaded.LessonsUsing(loaded.Glossary[1]).Select(l => l.Id));
        Assert.Equal(3, CourseStats.Of(loaded).GlossaryTerms);
    }

    public static TheoryData<string, string, int, string> BrokenGlossaryFiles => new()
    {
        { "_giai-thich-tu/otp.md", "---\nalso: [\"mã OTP\"]\n---\nMã số.\n", 1, "front matter needs 'term'" },
        { "_giai-thich-tu/otp.md", "---\nterm: \"OTP\"\n---\n\n", 4, "the explanation is empty" },
        { "_giai-thich-tu/otp.md", "---\nterm: \"OTP\"\n---\n" + string.Join(' ', Enumerable.Repeat("chữ", 61)) + "\n", 4, "the explanation has 61 words; at most 60" },
        { "_giai-thich-tu/otp.md", "---\nterm: \"OTP\"\n---\nMã số.\n\n## Thêm\n", 6, "an explanation is plain sentences: no headings, links or pictures" },
        { "_giai-thich-tu/otp.md", "---\nterm: \"OTP\"\n---\nXem [trang này](https://example.com).\n", 4, "an explanation is plain sentences" },
        { "_giai-thich-tu/otp.md", "---\nterm: \"OTP\"\n---\nMã số.\n![Hình mã số gửi qua tin nhắn](a.svg)\n", 5, "an explanation is plain sentences" },
        { "_giai-thich-tu/Ma_OTP.md", "---\nterm: \"Mã OTP riêng\"\n---\nMã số.\n", 1, "a glossary file is named by its id" },
        { "_giai-thich-tu/so-otp.md", "---\nterm: \"otp\"\n---\nMã số.\n", 2, "'otp' is already explained in _giai-thich-tu/otp.md" },
        { "_giai-thich-tu/xac-thuc.md", "---\nterm: \"xác thực\"\nalso: [\"Mã xác thực\"]\n---\nMã số.\n", 3, "'Mã xác thực' is already explained in _giai-thich-tu/otp.md" },
    };

    [Theory]
    [MemberData(nameof(BrokenGlossaryFiles))]
    public void ReportsBrokenGlossaryFilesAtFileAndLine(string path, string text, int line, string message)
    {
        using var course = TempCourse.Valid().Write(Otp, OtpFile).Write(path, text);

        var errors = course.Load().Problems.Where(p => p.IsError).ToList();

        var error = Assert.Single(errors);
        Assert.Equal((path, line), (error.File, error.Line));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
