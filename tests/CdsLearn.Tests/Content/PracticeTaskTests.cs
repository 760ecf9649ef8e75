using System.Text;
using CdsLearn.Content;

namespace CdsLearn.Tests.Content;

/// <summary>The practice task format (content/README.md, "Practice tasks"): each test breaks one line of a valid task
/// and expects the problem at that line.</summary>
public class PracticeTaskTests
{
    private const string File = TempCourse.Module + "/lam-thu-dang-nhap.md";

    /// <summary>A valid task; line numbers in the file are in the comments of the tests that break them.</summary>
    private static readonly string[] ValidLines =
    [
        "---",                                              // 1
        "id: lam-thu-dang-nhap",                            // 2
        "title: \"Đăng nhập\"",                             // 3
        "order: 1",                                         // 4
        "---",                                              // 5
        "",                                                 // 6
        "Chị Lan cần đăng nhập.",                           // 7
        "",                                                 // 8
        "## Màn hình dang-nhap: Ứng dụng",                  // 9
        "description: Màn hình đăng nhập có ô mã và nút.",  // 10
        "text: Xin chào",                                   // 11
        "field ma: Mã số",                                  // 12
        "button dang-nhap: Đăng nhập",                      // 13
        "button huy: Huỷ",                                  // 14
        "",                                                 // 15
        "## Màn hình trang-chu: Trang chủ",                 // 16
        "description: Trang chủ có hai mục.",               // 17
        "item giay-to: Giấy tờ",                            // 18
        "item thong-bao: Thông báo",                        // 19
        "",                                                 // 20
        "## Bước 1",                                        // 21
        "screen: dang-nhap",                                // 22
        "do: Gõ mã 1234.",                                  // 23
        "target: ma = 1234",                                // 24
        "hint: Ô Mã số ở trên nút.",                        // 25
        "",                                                 // 26
        "## Bước 2",                                        // 27
        "screen: dang-nhap",                                // 28
        "do: Đăng nhập.",                                   // 29
        "target: dang-nhap",                                // 30
        "hint: Chạm nút Đăng nhập.",                        // 31
        "",                                                 // 32
        "## Bước 3",                                        // 33
        "screen: trang-chu",                                // 34
        "do: Mở giấy tờ.",                                  // 35
        "target: giay-to",                                  // 36
        "hint: Chạm Giấy tờ.",                              // 37
    ];

    private static TempCourse CourseWith(Func<List<string>, List<string>> change) =>
        TempCourse.Valid().Write(File, string.Join('\n', change(ValidLines.ToList())) + "\n");

    private static TempCourse CourseWithLine(int line, string text) => CourseWith(lines =>
    {
        lines[line - 1] = text;
        return lines;
    });

    [Fact]
    public void ReadsAValidTask()
    {
        using var course = CourseWith(l => l);
        var result = course.Load();

        Assert.DoesNotContain(result.Problems, p => p.IsError);
        var module = result.Course.FindModule("mo-dun")!;
        var task = Assert.Single(module.PracticeTasks);
        Assert.Equal(2, module.Lessons.Count); // a task is not a lesson
        Assert.Same(task, result.Course.FindPracticeTask("lam-thu-dang-nhap"));
        Assert.Equal(("mo-dun", "ky-nang", "Đăng nhập"), (task.ModuleId, task.SkillId, task.Title));
        Assert.Equal(["dang-nhap", "trang-chu"], task.Screens.Select(s => s.Id));
        Assert.Equal("Ứng dụng", task.Screens[0].Title);
        Assert.Equal([ScreenElementKind.Text, ScreenElementKind.Field, ScreenElementKind.Button, ScreenElementKind.Button], task.Screens[0].Elements.Select(e => e.Kind));
        Assert.Equal(new PracticeStep(1, "dang-nhap", "Gõ mã 1234.", "ma", "1234", "Ô Mã số ở trên nút."), task.Steps[0]);
        Assert.Null(task.Steps[1].Value);
        Assert.Contains("Chị Lan", task.IntroHtml, StringComparison.Ordinal);
        Assert.Equal(1, CourseStats.Of(result.Course).PracticeTasks);
    }

    [Theory]
    [InlineData(22, "screen: khong-co", 22, "step 1: no screen 'khong-co' in this task")]
    [InlineData(30, "target: quen-mat-khau", 30, "step 2: screen 'dang-nhap' has no button, item or field 'quen-mat-khau'")]
    [InlineData(36, "target: dang-nhap", 36, "step 3: screen 'trang-chu' has no button, item or field 'dang-nhap'")]
    [InlineData(24, "target: ma", 24, "step 1: 'ma' is a field: write the value to type, 'target: ma = ...'")]
    [InlineData(30, "target: dang-nhap = 12", 30, "step 2: 'dang-nhap' is not a field, so it takes no value")]
    [InlineData(30, "", 27, "step 2 needs 'target: <button, item or field id>'")]
    [InlineData(31, "", 27, "step 2 needs 'hint: ...' (shown after a wrong tap in practice mode)")]
    [InlineData(29, "", 27, "step 2 needs 'do: ...' (what the learner is asked to do)")]
    [InlineData(28, "", 27, "step 2 needs 'screen: <screen id>'")]
    [InlineData(10, "", 9, "screen 'dang-nhap' needs 'description: ...' (what the screen shows, read to screen readers)")]
    [InlineData(16, "## Màn hình dang-nhap: Lại", 16, "screen 'dang-nhap' is defined twice")]
    [InlineData(14, "button dang-nhap: Lại", 14, "screen 'dang-nhap' already has an element 'dang-nhap'")]
    [InlineData(27, "## Bước 3", 27, "steps are numbered 1, 2, 3… in order: expected 'Bước 2'")]
    [InlineData(19, "nut thong-bao: Thông báo", 19, "a screen line is 'description:', 'text:', 'note:', 'button <id>:', 'item <id>:' or 'field <id>:'")]
    [InlineData(37, "goi-y: Chạm Giấy tờ.", 37, "a step line is 'screen:', 'do:', 'target:' or 'hint:'")]
    [InlineData(21, "## Bước một", 21, "a section is '## Màn hình <id>: <title bar>' or '## Bước <N>'")]
    public void ReportsABrokenLine(int line, string text, int expectedLine, string message)
    {
        using var course = CourseWithLine(line, text);

        var errors = course.Load().Problems.Where(p => p.IsError).ToList();

        Assert.Contains(errors, e => e.File == File && e.Line == expectedLine && e.Message == message);
    }

    [Fact]
    public void ReportsFewerThanThreeSteps()
    {
        using var course = CourseWith(lines => lines.Take(32).ToList());

        var error = Assert.Single(course.Load().Problems, p => p.IsError);

        Assert.Equal((File, 6, "the task has 2 steps; a task has 3–8"), (error.File, error.Line, error.Message));
    }

    [Fact]
    public void ReportsMoreThanEightSteps()
    {
        using var course = CourseWith(lines =>
        {
            for (var n = 4; n <= 9; n++)
            {
                lines.AddRange(["", $"## Bước {n}", "screen: trang-chu", "do: Mở thông báo.", "target: thong-bao", "hint: Chạm Thông báo."]);
            }
            return lines;
        });

        var error = Assert.Single(course.Load().Problems, p => p.IsError);

        Assert.Equal("the task has 9 steps; a task has 3–8", error.Message);
    }

    [Fact]
    public void ReportsATaskIdAlreadyUsedByALesson()
    {
        using var course = CourseWithLine(2, "id: bai-mot");

        var error = Assert.Single(course.Load().Problems, p => p.IsError);

        Assert.Equal((File, 1), (error.File, error.Line));
        Assert.Equal($"id 'bai-mot' is already used by {TempCourse.Module}/01-bai-mot.md", error.Message);
    }

    [Fact]
    public void ReportsATaskWithoutAnIntroduction()
    {
        using var course = CourseWithLine(7, "");

        var error = Assert.Single(course.Load().Problems, p => p.IsError);

        Assert.Equal("the task needs a short introduction before its first screen", error.Message);
    }

    [Theory]
    [InlineData("1234", "1234", true)]
    [InlineData("  12 34 ", "1234", true)]
    [InlineData("12.34", "1234", true)]
    [InlineData("1235", "1234", false)]
    [InlineData("HÀ NỘI", "Hà Nội", true)]
    [InlineData("Ha\u0300 No\u0323\u0302i", "Hà Nội", true)] // combining marks, as some keyboards type them
    [InlineData("  hà   nội ", "Hà Nội", true)]
    [InlineData("Ha Noi", "Hà Nội", false)]
    [InlineData("", "5656", false)]
    public void ComparesTypedValuesLeniently(string typed, string expected, bool matches) =>
        Assert.Equal(matches, PracticeAnswer.Matches(typed, expected));

    [Theory]
    [InlineData("hoá", "hóa")]
    [InlineData("hóa", "hoá")]
    [InlineData("Thuý", "THÚY")]
    [InlineData("khoẻ", "khỏe")]
    [InlineData("hoà", "hòa")]
    [InlineData("loạ", "lọa")]
    [InlineData("Uỷ ban xã Hoà Bình", "ủy ban xã Hòa Bình")]
    [InlineData("hoa\u0301", "ho\u0301a")] // decomposed, as some keyboards type them
    [InlineData("kho\u0309e", "khoẻ")]
    [InlineData("THU\u0301Y", "thuý")]
    public void TonePlacementInAnOpenOaOeOrUyDoesNotMatter(string typed, string expected) =>
        Assert.True(PracticeAnswer.Matches(typed, expected));

    [Theory]
    [InlineData("hoa", "hoá")]
    [InlineData("hóa", "hoa")]
    [InlineData("hoà", "hoá")]
    [InlineData("ma", "mã")]
    [InlineData("mà", "mã")]
    [InlineData("hoan", "hoàn")]
    [InlineData("thuy", "thúy")]
    [InlineData("của", "cuả")] // the tone of "ua" always sits on the u
    public void DiacriticsStillMatter(string typed, string expected) =>
        Assert.False(PracticeAnswer.Matches(typed, expected));

    [Theory]
    [InlineData("hoàn")]
    [InlineData("khoảng")]
    [InlineData("ngoài")]
    [InlineData("xoắn")]
    [InlineData("quyết")]
    [InlineData("tuyển")]
    [InlineData("khuỷu")]
    [InlineData("quý")]
    [InlineData("thuế")]
    public void ASyllableWithOnePlacementIsLeftAsItIs(string word) =>
        Assert.Equal(word, PracticeAnswer.Normalize(word.Normalize(NormalizationForm.FormD)));

    [Theory]
    [InlineData("Hà Nội.", "Hà Nội", true)]
    [InlineData("Lò Thị Mai, ", "Lò Thị Mai", true)]
    [InlineData("5656.", "5656", true)]
    [InlineData("maybom-sieure.shop.", "maybom-sieure.shop", true)]
    [InlineData("Hà. Nội", "Hà Nội", false)]
    [InlineData("maybomsieure.shop", "maybom-sieure.shop", false)]
    [InlineData(".Hà Nội", "Hà Nội", false)]
    [InlineData("101#", "*101#", false)]
    public void AFullStopOrCommaTypedAtTheEndDoesNotMatter(string typed, string expected, bool matches) =>
        Assert.Equal(matches, PracticeAnswer.Matches(typed, expected));

    [Fact]
    public void TheRepositoryCourseHasPracticeTasksInThreeSkills()
    {
        var result = new CourseLoader(new MarkdownRenderer()).Load(RepositoryContent.Folder);

        Assert.DoesNotContain(result.Problems, p => p.File.Contains("lam-thu-", StringComparison.Ordinal));
        var tasks = result.Course.Skills.SelectMany(s => s.Modules).SelectMany(m => m.PracticeTasks).ToList();
        Assert.True(tasks.Select(t => t.SkillId).Distinct().Count() >= 3);
        Assert.All(tasks, t => Assert.InRange(t.Steps.Count, 3, 8));
    }
}
