using System.Text;
using CdsLearn.Content;
using CdsLearn.Imports;
using CdsLearn.Tests.Content;

namespace CdsLearn.Tests.Fuzz;

/// <summary>
/// Hostile or broken files thrown at the content loader and the CSV reader: random bytes, and valid files cut,
/// flipped and spliced. Neither may crash; the loader must point at a file and a line. Seeds are fixed so a failure
/// can be replayed.
/// </summary>
public class FuzzTests
{
    private static readonly string[] CourseFiles =
    [
        $"{TempCourse.Skill}/skill.md", $"{TempCourse.Module}/module.md", $"{TempCourse.Module}/01-bai-mot.md", $"{TempCourse.Module}/quiz.md",
    ];

    public static TheoryData<int> Seeds => new(Enumerable.Range(1, 40));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TheContentLoaderReportsBrokenFilesWithoutCrashing(int seed)
    {
        var random = new Random(seed);
        using var course = TempCourse.Valid();
        var file = CourseFiles[random.Next(CourseFiles.Length)];
        var path = Path.Combine(course.Root, file);
        File.WriteAllBytes(path, Mangle(File.ReadAllBytes(path), random));

        var result = new CourseLoader(new MarkdownRenderer()).Load(course.Root);

        Assert.All(result.Problems, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.File));
            Assert.True(p.Line >= 0, p.ToString());
            Assert.False(string.IsNullOrWhiteSpace(p.Message));
        });
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task TheCsvReaderReportsBrokenRowsWithoutCrashing(int seed)
    {
        var random = new Random(seed);
        var valid = Encoding.UTF8.GetBytes("commune,village,household_code,head_name,member_name,birth_year,phone\n"
            + "Chiềng Mai,Bản Nà Si,NS-001,Lò Văn Thắng,Lò Thị Hoa,1990,0912345678\n"
            + "Chiềng Mai,Bản Nà Si,NS-002,\"Cà, Văn Pấng\",,1985,\n");
        using var csv = new MemoryStream(Mangle(valid, random));

        var (rows, problems) = await CsvRows.ReadAsync(csv, ["commune", "village", "household_code", "head_name"], ["member_name", "birth_year", "phone"], TestContext.Current.CancellationToken);

        Assert.All(problems, p => Assert.True(p.Line >= 1 && p.Message.Length > 0, $"{p.Line}: {p.Message}"));
        Assert.All(rows.SelectMany(r => r.Fields.Values), value => Assert.False(value.Any(c => char.IsControl(c) || c == '\uFFFD'), value));
    }

    /// <summary>Random bytes, or the valid bytes cut short, with bytes flipped, with a random run inserted, or repeated.</summary>
    private static byte[] Mangle(byte[] valid, Random random)
    {
        var bytes = new List<byte>(valid);
        switch (random.Next(5))
        {
            case 0:
                return [.. Enumerable.Range(0, random.Next(1, 2000)).Select(_ => (byte)random.Next(256))];
            case 1:
                return valid[..random.Next(valid.Length)];
            case 2:
                for (var i = 0; i < 1 + random.Next(20); i++)
                {
                    bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                }
                return [.. bytes];
            case 3:
                bytes.InsertRange(random.Next(bytes.Count), Enumerable.Range(0, random.Next(1, 200)).Select(_ => (byte)"-:\"\n\r,#[]{}*>|`\0é".ToCharArray()[random.Next(17)]));
                return [.. bytes];
            default:
                return [.. valid, .. valid[random.Next(valid.Length)..], .. valid];
        }
    }
}
