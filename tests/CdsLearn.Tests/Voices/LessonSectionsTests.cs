using CdsLearn.Content;

namespace CdsLearn.Tests.Voices;

public class LessonSectionsTests
{
    private const string Lesson = """
        Ông Lò Văn Hặc hỏi: "VNeID là **cái gì**?"

        ## VNeID là gì?

        VNeID là ứng dụng định danh điện tử. Xem [Cổng dịch vụ công](https://dichvucong.gov.vn).

        ![Hình hai mức tài khoản](hinh/hai-muc.svg)

        ::: canh-bao
        Chỉ cài từ CH Play.
        :::

        ## Thực hành

        Xem điện thoại đã có VNeID chưa.

        ## Thực hành
        Lần nữa.
        """;

    [Fact]
    public void ALessonIsItsOpeningThenEachSecondLevelPartWithThePlainTextReadAloud()
    {
        var sections = LessonSections.Split(Lesson);

        Assert.Equal(["mo-dau", "vneid-la-gi", "thuc-hanh", "thuc-hanh-2"], sections.Select(s => s.Key));
        Assert.Equal([0, 1, 2, 3], sections.Select(s => s.Index));
        Assert.Equal("Ông Lò Văn Hặc hỏi: \"VNeID là cái gì?\"", sections[0].Text);
        Assert.Equal("VNeID là ứng dụng định danh điện tử. Xem Cổng dịch vụ công.\n\nChỉ cài từ CH Play.", sections[1].Text);
    }

    [Fact]
    public void OnlyAChangedSectionsHashChangesAndAMovedPictureChangesNone()
    {
        var before = LessonSections.Split(Lesson);
        var textChanged = LessonSections.Split(Lesson.Replace("Xem điện thoại", "Mở điện thoại"));
        var pictureChanged = LessonSections.Split(Lesson.Replace("hinh/hai-muc.svg", "hinh/khac.svg"));

        Assert.Equal([true, true, false, true], before.Zip(textChanged, (a, b) => a.Hash == b.Hash));
        Assert.Equal(before.Select(s => s.Hash), pictureChanged.Select(s => s.Hash));
    }

    [Fact]
    public void ALessonWithoutOpeningStartsAtItsFirstHeadingNumberedAsTheFirstH2()
    {
        var sections = LessonSections.Split("## Một\nA\n## Hai\nB");

        Assert.Equal([(1, "mot"), (2, "hai")], sections.Select(s => (s.Index, s.Key)));
    }
}
