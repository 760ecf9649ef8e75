using AngleSharp.Html.Parser;
using CdsLearn.Content;

namespace CdsLearn.Tests.Content;

/// <summary>Issue 17's pictures: drawn SVGs in a module's hinh/ folder, checked by the linter (safety, size, weight,
/// description) and shown at their drawn size, loaded after the text.</summary>
public class PictureLintTests
{
    private const string Lesson = TempCourse.Module + "/02-bai-hai.md";
    private const string Picture = TempCourse.Module + "/hinh/vi-giay-to.svg";
    private const string Description = "Màn hình VNeID, nút Ví giấy tờ ở giữa được khoanh đỏ";

    private static TempCourse WithPicture(string svg, string description = Description) => TempCourse.Valid()
        .Write(Picture, svg)
        .Write(Lesson, TempCourse.LessonFile("bai-hai", order: 2, body: $"Mở ứng dụng.\n\n![{description}](hinh/vi-giay-to.svg)"));

    [Fact]
    public void AGoodPictureIsShownAtItsSizeAfterTheText()
    {
        using var course = WithPicture(TempCourse.Svg);

        var result = course.Load();

        Assert.DoesNotContain(result.Problems, p => p.File.EndsWith(".svg", StringComparison.Ordinal) || p.IsError);
        var lesson = result.Course.FindLesson("bai-hai")!;
        var img = new HtmlParser().ParseDocument(lesson.Html).QuerySelector("img")!;
        var hash = ContentAssets.Hash(File.ReadAllBytes(Path.Combine(course.Root, Picture)));
        Assert.Equal($"/noi-dung/{Picture}?v={hash}", img.GetAttribute("src"));
        Assert.Equal(Description, img.GetAttribute("alt"));
        Assert.Equal(("320", "120"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Equal(("lazy", "async"), (img.GetAttribute("loading"), img.GetAttribute("decoding")));
        Assert.Equal([$"/noi-dung/{Picture}?v={hash}"], lesson.Pictures);
        Assert.Equal(new FileInfo(Path.Combine(course.Root, Picture)).Length, lesson.PictureBytes);
        Assert.Equal(1, CourseStats.Of(result.Course).Images);
    }

    public static TheoryData<string, int, string> UnsafeOrWrongPictures => new()
    {
        { Svg("<script>alert(1)</script>"), 3, "<script> is not allowed in a picture" },
        { Svg("<foreignObject width=\"10\" height=\"10\"/>"), 3, "<foreignObject> is not allowed" },
        { Svg("<image href=\"#a\" width=\"10\" height=\"10\"/>"), 3, "<image> is not allowed" },
        { Svg("<style>rect { fill: red }</style>"), 3, "<style> is not allowed" },
        { Svg("<a href=\"#x\"><rect width=\"5\" height=\"5\"/></a>"), 3, "<a> is not allowed" },
        { Svg("<animate attributeName=\"x\" to=\"5\"/>"), 3, "<animate> is not allowed" },
        { Svg("<metadata/>"), 3, "<metadata> is not allowed" },
        { Svg("<rect width=\"5\" height=\"5\" onclick=\"alert(1)\"/>"), 3, "attribute 'onclick' is not allowed" },
        { Svg("<use href=\"https://ke-gian.example/a.svg#x\"/>"), 3, "href 'https://ke-gian.example/a.svg#x' must point inside the picture" },
        { Svg("<use xlink:href=\"other.svg#x\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"/>"), 3, "href 'other.svg#x' must point inside the picture" },
        { Svg("<rect width=\"5\" height=\"5\" fill=\"url(https://ke-gian.example/x)\"/>"), 3, "refers outside the picture" },
        { Svg("<rect width=\"5\" height=\"5\" style=\"fill: url(x.svg#g)\"/>"), 3, "uses url(…) outside the picture" },
        { Svg("<rect width=\"5\" height=\"5\" xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" inkscape:label=\"a\"/>"), 3, "is not allowed (editor metadata)" },
        { "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" height=\"120\">\n<rect width=\"5\" height=\"5\"/>\n</svg>", 1, "the picture needs viewBox=\"0 0 320 120\"" },
        { "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 320 120\">\n<rect width=\"5\" height=\"5\"/>\n</svg>", 1, "the picture needs width and height" },
        { "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 400 120\" width=\"400\" height=\"120\">\n</svg>", 1, "the picture is 400×120; at most 360 wide" },
        { "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 320 500\" width=\"320\" height=\"500\">\n</svg>", 1, "the picture is 320×500; at most 360 wide (use 320) and 480 high" },
        { "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 320 120\" width=\"320\" height=\"120\">\n<rect>\n</svg>", 3, "the picture is not well-formed XML" },
        { "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>", 1, "the picture's root must be <svg" },
    };

    [Theory]
    [MemberData(nameof(UnsafeOrWrongPictures))]
    public void ReportsEachUnsafeOrWrongPictureAtItsFileAndLine(string svg, int line, string message)
    {
        using var course = WithPicture(svg);

        var problems = course.Load().Problems.Where(p => p.IsError).ToList();

        Assert.Contains(problems, p => p.File == Picture && p.Line == line && p.Message.Contains(message, StringComparison.Ordinal));
        Assert.All(problems, p => Assert.Equal(Picture, p.File));
    }

    [Fact]
    public void APictureOver4KbGzippedIsAnError()
    {
        // Random numbers do not compress: about 9 KB gzipped.
        var shapes = RandomCircles(seed: 17, count: 800);
        using var course = WithPicture(Svg(shapes));

        var error = Assert.Single(course.Load().Problems, p => p.IsError);

        Assert.Equal((Picture, 1), (error.File, error.Line));
        Assert.Matches("^the picture is [0-9]+ bytes gzipped; a picture is at most 4096", error.Message);
    }

    [Theory]
    [InlineData("", "an image needs a description")]
    [InlineData("Nút Ví giấy tờ", "the picture's description has 4 words")]
    public void APictureNeedsADescriptionOfAtLeastFiveWords(string description, string message)
    {
        using var course = WithPicture(TempCourse.Svg, description);

        var error = Assert.Single(course.Load().Problems, p => p.IsError);

        Assert.Equal((Lesson, 10), (error.File, error.Line));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingPictureIsAnErrorAtItsLine()
    {
        using var course = WithPicture(TempCourse.Svg).Delete(Picture);

        var error = Assert.Single(course.Load().Problems, p => p.IsError);

        Assert.Equal((Lesson, 10), (error.File, error.Line));
        Assert.Equal("link 'hinh/vi-giay-to.svg' leads to no file of the course", error.Message);
    }

    [Fact]
    public void APictureNoLessonShowsIsAWarning()
    {
        using var course = TempCourse.Valid().Write(TempCourse.Module + "/hinh/bi-quen.svg", TempCourse.Svg);

        var result = course.Load();

        Assert.False(result.HasErrors, string.Join('\n', result.Problems));
        var warning = Assert.Single(result.Problems, p => p.File.EndsWith("bi-quen.svg", StringComparison.Ordinal));
        Assert.False(warning.IsError);
        Assert.StartsWith("no lesson shows this picture", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALessonWhosePicturesWeighOver30KbIsAnError()
    {
        // Ten different pictures of about 3.4 KB each (gzipped), every one within its own limit.
        using var course = TempCourse.Valid();
        var body = new System.Text.StringBuilder("Mở đầu.\n");
        for (var n = 0; n < 10; n++)
        {
            course.Write($"{TempCourse.Module}/hinh/h{n}.svg", Svg(RandomCircles(seed: n, count: 300)));
            body.Append($"\n![Hình số {n} vẽ các chấm tròn nhỏ](hinh/h{n}.svg)\n");
        }
        course.Write(Lesson, TempCourse.LessonFile("bai-hai", order: 2, body: body.ToString()));

        var problems = course.Load().Problems.Where(p => p.IsError).ToList();

        var error = Assert.Single(problems);
        Assert.Equal((Lesson, 7), (error.File, error.Line));
        Assert.Matches("^the lesson and its pictures are [0-9]+ bytes compressed; at most 30720", error.Message);
    }

    [Fact]
    public void SmallTextIsAWarning()
    {
        using var course = WithPicture(Svg("<text x=\"5\" y=\"20\" font-size=\"10\">Nhỏ</text>"));

        var problem = Assert.Single(course.Load().Problems, p => p.File == Picture);

        Assert.False(problem.IsError);
        Assert.Equal(3, problem.Line);
        Assert.StartsWith("font-size 10 is too small", problem.Message, StringComparison.Ordinal);
    }

    private static string RandomCircles(int seed, int count)
    {
        var random = new Random(seed);
        return string.Concat(Enumerable.Range(0, count).Select(_ => $"<circle cx=\"{random.Next(100000)}\" cy=\"{random.Next(100000)}\" r=\"{random.Next(100000)}\"/>\n"));
    }

    /// <summary>A good root and title, then <paramref name="inner"/> from line 3.</summary>
    private static string Svg(string inner) =>
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 320 120\" width=\"320\" height=\"120\">\n<title>Hình</title>\n" + inner + "\n</svg>";
}
