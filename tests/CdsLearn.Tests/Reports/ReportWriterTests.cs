using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using CdsLearn.Reports;
using CsvHelper;
using MiniExcelLibs;

namespace CdsLearn.Tests.Reports;

public class ReportWriterTests
{
    private static readonly XNamespace Sheet = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static readonly ReportTable Quarterly = new(
        "Báo cáo quý 4/2026",
        [
            new ReportColumn("Xã", ReportValueKind.Text),
            new ReportColumn("Số hộ", ReportValueKind.Integer),
            new ReportColumn("Tỷ lệ cài VNeID", ReportValueKind.Percent),
            new ReportColumn("Ngày báo cáo", ReportValueKind.Date),
        ],
        [
            ["Xã Chiềng Ơn", 1234567, 0.375, new DateOnly(2026, 12, 31)],
            ["Phường Tô Hiệu", 98L, 1m, null],
        ])
    {
        Notes = ["Khó khăn, vướng mắc: thiếu điện thoại thông minh"],
    };

    [Fact]
    public async Task CsvStartsWithTheUtf8ByteOrderMark()
    {
        var bytes = await CsvBytesAsync(Quarterly);

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.StartsWith("Xã,", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CsvWritesTheNotesAfterABlankLine()
    {
        var text = Encoding.UTF8.GetString(await CsvBytesAsync(Quarterly));

        Assert.EndsWith("Phường Tô Hiệu,98,1,\r\n\r\n\"Khó khăn, vướng mắc: thiếu điện thoại thông minh\"\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CsvKeepsVietnameseTextAndTheNotesExactly()
    {
        var records = ParseCsv(await CsvBytesAsync(Quarterly));

        Assert.Equal(["Xã", "Số hộ", "Tỷ lệ cài VNeID", "Ngày báo cáo"], records[0]);
        Assert.Equal("Xã Chiềng Ơn", records[1][0]);
        Assert.Equal("Phường Tô Hiệu", records[2][0]);
        Assert.Equal(["Khó khăn, vướng mắc: thiếu điện thoại thông minh"], records[3]);
        Assert.Equal(4, records.Count);
    }

    [Fact]
    public async Task CsvQuotesCommasQuotesAndNewlinesInText()
    {
        const string awkward = "Bản \"Nà Sẳng\", tổ 3\nxóm mới";
        var table = new ReportTable("x", [new ReportColumn("Địa chỉ", ReportValueKind.Text), new ReportColumn("Số hộ", ReportValueKind.Integer)], [[awkward, 5]]);

        var bytes = await CsvBytesAsync(table);

        Assert.Contains("\"Bản \"\"Nà Sẳng\"\", tổ 3\nxóm mới\",5", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal([awkward, "5"], ParseCsv(bytes)[1]);
    }

    [Fact]
    public async Task CsvWritesNumbersAndDatesInvariantlyWhateverTheCurrentCulture()
    {
        var original = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("vi-VN");
        try
        {
            Assert.Equal("0,375", 0.375.ToString(CultureInfo.CurrentCulture));
            var records = ParseCsv(await CsvBytesAsync(Quarterly));

            Assert.Equal(["Xã Chiềng Ơn", "1234567", "0.375", "2026-12-31"], records[1]);
            Assert.Equal(["Phường Tô Hiệu", "98", "1", ""], records[2]);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("+1")]
    [InlineData("-2+3")]
    [InlineData("- thiếu máy")]
    [InlineData("@SUM(A1)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    [InlineData("\n=1+1")]
    [InlineData("  =1+1")]
    [InlineData("\u00A0=1+1")]
    [InlineData("\uFF1D1+1")]
    [InlineData("\uFF0B1")]
    [InlineData("\uFF0D1")]
    [InlineData("\uFF20SUM(A1)")]
    public async Task CsvKeepsTextThatExcelWouldRunAsAFormulaAsText(string text)
    {
        var table = new ReportTable("x", [new ReportColumn(text, ReportValueKind.Text)], [[text]]) { Notes = [text] };

        var records = ParseCsv(await CsvBytesAsync(table));

        Assert.Equal("'" + text, records[0][0]);
        Assert.Equal("'" + text, records[1][0]);
        Assert.Equal("'" + text, records[2][0]);
    }

    [Theory]
    [InlineData("Lò Văn Một")]
    [InlineData("A1-001")]
    [InlineData("x=1")]
    [InlineData("")]
    public async Task CsvLeavesOrdinaryTextAlone(string text)
    {
        var table = new ReportTable("x", [new ReportColumn("Ghi chú", ReportValueKind.Text), new ReportColumn("Số", ReportValueKind.Integer)], [[text, 1]]);

        Assert.Equal([text, "1"], ParseCsv(await CsvBytesAsync(table))[1]);
    }

    [Fact]
    public async Task CsvQuotesSemicolonsSoThatExcelWithASemicolonSeparatorCannotSplitAFormulaOut()
    {
        // Where the list separator is ";", Excel splits an unquoted field at the ";" and would run "=1+1" as a new cell.
        var table = new ReportTable("x", [new ReportColumn("Tên", ReportValueKind.Text), new ReportColumn("Số", ReportValueKind.Integer)], [["a;=1+1", 5], ["b\t=1+1", 6]]);

        var text = Encoding.UTF8.GetString(await CsvBytesAsync(table));

        Assert.Contains("\"a;=1+1\",5\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\"b\t=1+1\",6\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task XlsxStoresFormulaLikeTextAsTextNeverAsAFormula()
    {
        const string text = "=HYPERLINK(\"http://x\",\"y\")";
        var table = new ReportTable("x", [new ReportColumn("Tên", ReportValueKind.Text), new ReportColumn("Số", ReportValueKind.Integer)], [[text, -2]]);
        using var xlsx = await XlsxAsync(table);

        var sheet = ZipEntryText(xlsx, "xl/worksheets/sheet1.xml");
        var cells = SheetCells(xlsx);

        Assert.DoesNotContain("<f>", sheet, StringComparison.Ordinal);
        Assert.DoesNotContain(":f>", sheet, StringComparison.Ordinal);
        Assert.False(IsNumeric(cells["A2"]));
        Assert.Equal(text, MiniExcel.Query(xlsx, useHeaderRow: true).Cast<IDictionary<string, object?>>().Single()["Tên"]);
        Assert.True(IsNumeric(cells["B2"]));
        Assert.Equal("-2", cells["B2"].Element(Sheet + "v")?.Value);
    }

    [Fact]
    public async Task CsvWritesNegativeNumbersAsNumbers()
    {
        var table = new ReportTable("x", [new ReportColumn("Chênh lệch", ReportValueKind.Integer)], [[-5]]);

        Assert.Equal("-5", ParseCsv(await CsvBytesAsync(table))[1][0]);
    }

    [Fact]
    public async Task XlsxReadsBackWithTheSameHeadersAndValues()
    {
        using var xlsx = await XlsxAsync(Quarterly);

        var rows = MiniExcel.Query(xlsx, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();

        Assert.Equal(["Xã", "Số hộ", "Tỷ lệ cài VNeID", "Ngày báo cáo"], rows[0].Keys);
        Assert.Equal("Xã Chiềng Ơn", rows[0]["Xã"]);
        Assert.Equal(1234567d, rows[0]["Số hộ"]);
        Assert.Equal(0.375d, rows[0]["Tỷ lệ cài VNeID"]);
        Assert.Equal(new DateTime(2026, 12, 31), rows[0]["Ngày báo cáo"]);
        Assert.Equal("Phường Tô Hiệu", rows[1]["Xã"]);
        Assert.Equal(98d, rows[1]["Số hộ"]);
        Assert.Equal(1d, rows[1]["Tỷ lệ cài VNeID"]);
        Assert.Null(rows[1]["Ngày báo cáo"]);
        var cells = SheetCells(xlsx);
        Assert.DoesNotContain("A4", cells.Keys);
        Assert.Equal("Khó khăn, vướng mắc: thiếu điện thoại thông minh", cells["A5"].Value);
    }

    [Fact]
    public async Task XlsxStoresNumbersAndDatesAsNumericCells()
    {
        using var xlsx = await XlsxAsync(Quarterly);

        var cells = SheetCells(xlsx);

        Assert.All(["B2", "C2", "D2", "B3", "C3"], reference => Assert.True(IsNumeric(cells[reference]), $"{reference} is {cells[reference]}"));
        Assert.Equal("1234567", cells["B2"].Element(Sheet + "v")?.Value);
        Assert.Equal("46387", cells["D2"].Element(Sheet + "v")?.Value);
        Assert.False(IsNumeric(cells["A2"]));
        Assert.Contains("formatCode=\"0.0%\"", ZipEntryText(xlsx, "xl/styles.xml"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task XlsxKeepsTheHeaderRowOfAnEmptyTable()
    {
        using var xlsx = await XlsxAsync(Quarterly with { Rows = [], Notes = [] });

        var cells = SheetCells(xlsx);

        Assert.Equal(["A1", "B1", "C1", "D1"], cells.Keys);
        Assert.Equal("Số hộ", cells["B1"].Value);
    }

    [Theory]
    [InlineData("Báo cáo quý 4/2026", "Báo cáo quý 4-2026")]
    [InlineData("[Nháp] Xã Chiềng Ơn: quý 4?*", "Nháp Xã Chiềng Ơn quý 4")]
    [InlineData("Báo cáo chuyển đổi số quý 4 năm 2026 xã Chiềng Ơn", "Báo cáo chuyển đổi số quý 4 năm")]
    [InlineData("'Sơn La'", "Sơn La")]
    [InlineData("[]:*?", "Báo cáo")]
    public async Task XlsxSheetNameIsOneExcelAccepts(string title, string expected)
    {
        using var xlsx = await XlsxAsync(Quarterly with { Title = title });

        var name = Assert.Single(MiniExcel.GetSheetNames(xlsx));

        Assert.Equal(expected, name);
        Assert.True(name.Length <= 31);
    }

    [Fact]
    public async Task BothFormatsWriteToAStreamThatRefusesSynchronousWrites()
    {
        // Like an ASP.NET Core response body, which throws on synchronous I/O.
        await using var csv = new AsyncOnlyStream();
        await using var xlsx = new AsyncOnlyStream();

        await ReportWriter.WriteCsvAsync(Quarterly, csv, TestContext.Current.CancellationToken);
        await ReportWriter.WriteXlsxAsync(Quarterly, xlsx, TestContext.Current.CancellationToken);

        Assert.Equal(await CsvBytesAsync(Quarterly), csv.Written.ToArray());
        xlsx.Written.Position = 0;
        Assert.Equal("Xã Chiềng Ơn", MiniExcel.Query(xlsx.Written, useHeaderRow: true).Cast<IDictionary<string, object?>>().First()["Xã"]);
    }

    [Fact]
    public async Task WritersRejectAValueThatDoesNotFitItsColumn()
    {
        var textCount = Quarterly with { Rows = [["Xã Chiềng Ơn", "12", null, null]] };
        var wholePercent = Quarterly with { Rows = [["Xã Chiềng Ơn", 12, 37, null]] };
        var shortRow = Quarterly with { Rows = [["Xã Chiềng Ơn", 12]] };

        foreach (var table in new[] { textCount, wholePercent, shortRow })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => ReportWriter.WriteCsvAsync(table, Stream.Null, TestContext.Current.CancellationToken));
            await Assert.ThrowsAsync<ArgumentException>(() => ReportWriter.WriteXlsxAsync(table, Stream.Null, TestContext.Current.CancellationToken));
        }
    }

    [Theory]
    [InlineData("Báo cáo quý 4/2026 – Xã Chiềng Ơn", "xlsx", "bao-cao-quy-4-2026-xa-chieng-on.xlsx")]
    [InlineData("ĐỘI NGŨ SỐ: Phường Tô Hiệu", ".csv", "doi-ngu-so-phuong-to-hieu.csv")]
    [InlineData("../../etc/passwd \"x\"", "csv", "etc-passwd-x.csv")]
    [InlineData("Ưu tiên: Mường Ảng", "csv", "uu-tien-muong-ang.csv")]
    [InlineData("  ", "xlsx", "bao-cao.xlsx")]
    public void FileNameIsAsciiWithoutDiacriticsOrUnsafeCharacters(string baseName, string extension, string expected)
    {
        Assert.Equal(expected, ReportWriter.FileName(baseName, extension));
    }

    private static async Task<byte[]> CsvBytesAsync(ReportTable table)
    {
        using var stream = new MemoryStream();
        await ReportWriter.WriteCsvAsync(table, stream, TestContext.Current.CancellationToken);
        return stream.ToArray();
    }

    private static List<string[]> ParseCsv(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
        using var csv = new CsvParser(reader, CultureInfo.InvariantCulture);
        var records = new List<string[]>();
        while (csv.Read())
        {
            records.Add(csv.Record!);
        }
        return records;
    }

    private static async Task<MemoryStream> XlsxAsync(ReportTable table)
    {
        var stream = new MemoryStream();
        await ReportWriter.WriteXlsxAsync(table, stream, TestContext.Current.CancellationToken);
        stream.Position = 0;
        return stream;
    }

    private static string ZipEntryText(Stream xlsx, string entry)
    {
        xlsx.Position = 0;
        using var zip = new ZipArchive(xlsx, ZipArchiveMode.Read, leaveOpen: true);
        using var reader = new StreamReader(zip.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }

    private static Dictionary<string, XElement> SheetCells(Stream xlsx) =>
        XDocument.Parse(ZipEntryText(xlsx, "xl/worksheets/sheet1.xml")).Descendants(Sheet + "c")
            .Where(c => c.Element(Sheet + "v") is not null)
            .ToDictionary(c => (string)c.Attribute("r")!);

    // A cell without a type, or of type "n", is a number; "s", "str" and "inlineStr" are text.
    private static bool IsNumeric(XElement cell) => (string?)cell.Attribute("t") is null or "n";

    private sealed class AsyncOnlyStream : Stream
    {
        public MemoryStream Written { get; } = new();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous writes are not allowed.");
        public override void Flush() => throw new InvalidOperationException("Synchronous flushes are not allowed.");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Written.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
