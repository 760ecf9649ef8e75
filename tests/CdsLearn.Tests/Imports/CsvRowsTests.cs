using System.Text;
using CdsLearn.Imports;

namespace CdsLearn.Tests.Imports;

public class CsvRowsTests
{
    private static readonly string[] Required = ["commune", "village", "household_code", "head_name"];
    private static readonly string[] Optional = ["member_name"];

    private static async Task<(IReadOnlyList<CsvRows.Row> Rows, IReadOnlyList<ImportProblem> Problems)> ReadAsync(byte[] bytes)
    {
        using var csv = new MemoryStream(bytes);
        return await CsvRows.ReadAsync(csv, Required, Optional, TestContext.Current.CancellationToken);
    }

    private static byte[] Windows1258(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1258).GetBytes(text.Normalize(NormalizationForm.FormD));
    }

    [Fact]
    public async Task AWindows1258FileIsRefusedWithTheAdviceToSaveAsCsvUtf8()
    {
        var bytes = Windows1258("commune,village,household_code,head_name\nChieng Mai,Ban Na Si,NS-1,Lò Thị Hoa\n");
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes));

        var (rows, problems) = await ReadAsync(bytes);

        Assert.Empty(rows);
        var problem = Assert.Single(problems);
        Assert.Equal(2, problem.Line);
        Assert.Contains("hãy lưu tệp dạng CSV UTF-8", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xE9 }, 3)]
    [InlineData(new byte[] { 0xC3 }, 3)]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, 3)]
    [InlineData(new byte[] { 0xC0, 0xAF }, 3)]
    public async Task OneByteSequenceThatIsNotUtf8RefusesTheFileAtItsLine(byte[] bad, int line)
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("commune,village,household_code,head_name\nChiềng Mai,Bản Nà Si,NS-1,Lò Thị Hoa\nChiềng Mai,Bản Nà Si,NS-2,Lò"), .. bad, .. Encoding.UTF8.GetBytes(" Văn\n")];

        var (rows, problems) = await ReadAsync(bytes);

        Assert.Empty(rows);
        Assert.Equal(line, Assert.Single(problems).Line);
    }

    [Fact]
    public async Task Utf8WithOrWithoutAByteOrderMarkReadsTheSame()
    {
        var text = "commune,village,household_code,head_name\r\nChiềng Mai,Bản Nà Si,NS-1,Lò Thị Hoa\r\n";

        var plain = await ReadAsync(Encoding.UTF8.GetBytes(text));
        var marked = await ReadAsync([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);

        foreach (var (rows, problems) in new[] { plain, marked })
        {
            Assert.Empty(problems);
            var row = Assert.Single(rows);
            Assert.Equal((2, "Chiềng Mai", "Lò Thị Hoa"), (row.Line, row.Get("commune"), row.Get("head_name")));
        }
    }

    [Fact]
    public async Task TabsAndSemicolonsAsSeparatorsAreStillRead()
    {
        foreach (var separator in new[] { "\t", ";" })
        {
            var text = string.Join(separator, Required) + "\n" + string.Join(separator, "Chiềng Mai", "Bản Nà Si", "NS-1", "Lò Thị Hoa") + "\n";

            var (rows, problems) = await ReadAsync(Encoding.UTF8.GetBytes(text));

            Assert.Empty(problems);
            Assert.Equal("Lò Thị Hoa", Assert.Single(rows).Get("head_name"));
        }
    }

    [Theory]
    [InlineData("Lò Thị\0 Hoa")]
    [InlineData("\0")]
    [InlineData("Lò Thị\u0007Hoa")]
    [InlineData("Lò Thị Hoa\u007F")]
    [InlineData("Lò Thị\u0085Hoa")]
    [InlineData("Lò Thị\tHoa")]
    [InlineData("\"Lò Thị\rHoa\"")]
    [InlineData("\"Lò Thị\nHoa\"")]
    [InlineData("Lò \u202EaoH")]
    [InlineData("Lò\u200BThị Hoa")]
    [InlineData("\uFEFFLò Thị Hoa")]
    [InlineData("L\uFFFD Thị Hoa")]
    public async Task AControlOrInvisibleCharacterInAFieldIsRefusedWithItsLineAndColumn(string name)
    {
        var text = $"commune,village,household_code,head_name\nChiềng Mai,Bản Nà Si,NS-1,Lò Văn Một\nChiềng Mai,Bản Nà Si,NS-2,{name}\nChiềng Mai,Bản Nà Si,NS-3,Lò Văn Ba\n";

        var (rows, problems) = await ReadAsync(Encoding.UTF8.GetBytes(text));

        var problem = Assert.Single(problems);
        Assert.Equal(3, problem.Line);
        Assert.StartsWith("cột head_name có ký tự điều khiển", problem.Message, StringComparison.Ordinal);
        Assert.Equal(["NS-1", "NS-3"], rows.Select(r => r.Get("household_code")));
    }

    [Fact]
    public async Task AControlCharacterInTheHeaderIsRefusedOnLineOne()
    {
        var (rows, problems) = await ReadAsync(Encoding.UTF8.GetBytes("commune,village\0,household_code,head_name\nChiềng Mai,Bản Nà Si,NS-1,Lò Văn Một\n"));

        Assert.Empty(rows);
        var problem = Assert.Single(problems);
        Assert.Equal(1, problem.Line);
        Assert.DoesNotContain("\0", problem.Message, StringComparison.Ordinal);
    }
}
