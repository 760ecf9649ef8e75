using Microsoft.AspNetCore.Hosting;

namespace CdsLearn.Web.Tests.Infrastructure;

/// <summary>
/// The site on a copy of the repository's course with a fixture starter section ("Bắt đầu", <c>starter: true</c>) of
/// one module: a lesson holding the <c>::: kenh-cua-xa</c> block, and a quiz. Any starter section the repository
/// has is left out of the copy, so these tests hold whether or not the real one exists. Certificates rest on
/// quizzes, so a pass of the starter's quiz would be enough to earn one if the starter counted.
/// </summary>
public class StarterCourseFactory : QuizRuleFactory
{
    public const string StarterId = "bat-dau-thu";
    public const string ModuleId = "bat-dau-thu-mang";
    public const string LessonId = "bat-dau-thu-du-lieu";

    private readonly string contentFolder = Path.Combine(Path.GetTempPath(), "cdslearn-tests", "course-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        WriteCourse();
        builder.UseSetting("Content:Folder", contentFolder);
    }

    private void WriteCourse()
    {
        var source = CdsLearn.Content.ContentServiceCollectionExtensions.ResolveFolder("", AppContext.BaseDirectory);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            var top = relative.Split(Path.DirectorySeparatorChar)[0];
            if (IsStarter(Path.Combine(source, top)))
            {
                continue;
            }
            var target = Path.Combine(contentFolder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var folder = Path.Combine(contentFolder, "00-bat-dau-thu");
        Write(Path.Combine(folder, "skill.md"), $"""
            ---
            id: {StarterId}
            title: "Bắt đầu với điện thoại"
            starter: true
            order: 0
            summary: "Cho người mới dùng điện thoại: mạng, ứng dụng, chữ to."
            ---

            Phần này dành cho người mới dùng điện thoại.
            """);
        Write(Path.Combine(folder, "01-mang", "module.md"), $"""
            ---
            id: {ModuleId}
            title: "Dữ liệu di động và wifi"
            order: 1
            summary: "Bật mạng để dùng ứng dụng."
            ---

            Bật mạng.
            """);
        Write(Path.Combine(folder, "01-mang", "01-du-lieu.md"), $"""
            ---
            id: {LessonId}
            title: "Bật dữ liệu di động"
            order: 1
            minutes: 3
            ---

            Bà con cần mạng để dùng ứng dụng.

            ::: kenh-cua-xa
            :::

            ## Thực hành

            Bật dữ liệu di động rồi tắt đi.

            ## Ghi nhớ

            Hết lưu lượng thì hỏi Tổ.
            """);
        var quiz = new System.Text.StringBuilder("---\ndraw: 5\n---\n");
        for (var n = 1; n <= 12; n++)
        {
            quiz.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"\n## {n}. Câu hỏi về mạng số {n}?\n\n- [ ] Chưa đúng lắm\n- [x] Đúng\n\n> Giải thích câu {n}.\n");
        }
        Write(Path.Combine(folder, "01-mang", "quiz.md"), quiz.ToString());
    }

    private static bool IsStarter(string folder) =>
        File.Exists(Path.Combine(folder, "skill.md"))
        && File.ReadLines(Path.Combine(folder, "skill.md")).TakeWhile((l, i) => i == 0 || l.Trim() != "---").Any(l => l.Trim() == "starter: true");

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(contentFolder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
