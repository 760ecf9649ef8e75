using System.Text;
using CdsLearn.Content;

namespace CdsLearn.Tests.Content;

/// <summary>A course written file by file into its own temporary folder, deleted when the test ends.</summary>
public sealed class TempCourse : IDisposable
{
    public const string Skill = "01-ky-nang";
    public const string Module = Skill + "/01-mo-dun";
    public const string OtherModule = Skill + "/02-mo-dun-khac";

    private TempCourse()
    {
        Root = Path.Combine(Path.GetTempPath(), "cdslearn-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>An empty folder.</summary>
    public static TempCourse Empty() => new();

    /// <summary>A course without errors: one skill, two modules of two lessons each, each module with a quiz of 8
    /// questions (draw 5). Tests break one file of it and expect exactly that file's problems.</summary>
    public static TempCourse Valid()
    {
        var course = new TempCourse();
        course.Write($"{Skill}/skill.md", SkillFile("ky-nang", order: 1));
        course.Write($"{Module}/module.md", ModuleFile("mo-dun", order: 1));
        course.Write($"{Module}/01-bai-mot.md", LessonFile("bai-mot", order: 1));
        course.Write($"{Module}/02-bai-hai.md", LessonFile("bai-hai", order: 2));
        course.Write($"{Module}/quiz.md", QuizFile(questions: 8, draw: 5));
        course.Write($"{OtherModule}/module.md", ModuleFile("mo-dun-khac", order: 2));
        course.Write($"{OtherModule}/01-bai-ba.md", LessonFile("bai-ba", order: 1));
        course.Write($"{OtherModule}/02-bai-bon.md", LessonFile("bai-bon", order: 2));
        course.Write($"{OtherModule}/quiz.md", QuizFile(questions: 8, draw: 5));
        return course;
    }

    public TempCourse Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return this;
    }

    public TempCourse Delete(string relativePath)
    {
        File.Delete(Path.Combine(Root, relativePath));
        return this;
    }

    public ContentLoadResult Load() => new CourseLoader(new MarkdownRenderer()).Load(Root);

    /// <summary>A picture that passes every rule: 320×120, shapes and text only.</summary>
    public const string Svg = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 120" width="320" height="120">
          <title>Màn hình điện thoại</title>
          <rect x="2" y="2" width="316" height="116" rx="14" fill="#fff" stroke="#555" stroke-width="2"/>
          <text x="20" y="60" font-family="sans-serif" font-size="16" fill="#1d2327">Ví giấy tờ</text>
        </svg>
        """;

    public static string SkillFile(string id, int order) => $"""
        ---
        id: {id}
        title: "Kỹ năng {id}"
        order: {order}
        summary: "Một câu giới thiệu."
        observed:
          - id: {id}-viec-mot
            title: "Việc thật thứ nhất"
          - id: {id}-viec-hai
            title: "Việc thật thứ hai"
        short: "Tên ngắn {id}"
        ---

        Giới thiệu kỹ năng.
        """;

    public static string ModuleFile(string id, int order) => $"""
        ---
        id: {id}
        title: "Mô-đun {id}"
        order: {order}
        summary: "Một câu giới thiệu."
        ---

        Giới thiệu mô-đun.
        """;

    public static string LessonFile(string id, int order, int minutes = 3, string body = "Một đoạn văn.") => $"""
        ---
        id: {id}
        title: "Bài {id}"
        order: {order}
        minutes: {minutes}
        ---

        {body}

        ## Thực hành

        Làm thử một lần.

        ## Ghi nhớ

        Một dòng để nhớ.
        """;

    /// <summary>A quiz whose question N has options "Chưa đúng" (index 0) and "Đúng" (index 1): the right option is
    /// not the longest, so the pool passes the quiz style rules.</summary>
    public static string QuizFile(int questions, int draw)
    {
        var text = new StringBuilder($"---\ndraw: {draw}\n---\n");
        for (var n = 1; n <= questions; n++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"\n## {n}. Câu hỏi số {n}?\n\n- [ ] Chưa đúng\n- [x] Đúng\n\n> Giải thích câu {n}.\n");
        }
        return text.ToString();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test over clean-up.
        }
    }
}
