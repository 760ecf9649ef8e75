using System.Data;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CdsLearn.Households;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace CdsLearn.Reports;

/// <summary>Writes a <see cref="ReportTable"/> as CSV or XLSX with the same layout: the header row, the rows, then a blank
/// row and one note per row in the first column.</summary>
public static partial class ReportWriter
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // Without a BOM, Excel reads a CSV in the machine's ANSI code page and garbles Vietnamese.
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    [GeneratedRegex(@"[\[\]:*?]")]
    private static partial Regex SheetNameUnsafe();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();

    public static async Task WriteCsvAsync(ReportTable table, Stream stream, CancellationToken cancellationToken)
    {
        var rows = Cells(table);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            // Also quote a ";" or a tab: Excel where the list separator is ";" would otherwise split "a;=1+1" into a
            // cell that starts with "=".
            ShouldQuote = args => ConfigurationFunctions.ShouldQuote(args) || (args.Field is { } field && field.AsSpan().IndexOfAny(';', '\t') >= 0),
        };
        await using var csv = new CsvWriter(new StreamWriter(stream, Utf8WithBom, leaveOpen: true), configuration);
        foreach (var column in table.Columns)
        {
            csv.WriteField(KeepAsText(column.Header));
        }
        await csv.NextRecordAsync();
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var value in row)
            {
                csv.WriteField(CsvField(value));
            }
            await csv.NextRecordAsync();
        }
        if (table.Notes.Count > 0)
        {
            await csv.NextRecordAsync();
            foreach (var note in table.Notes)
            {
                csv.WriteField(KeepAsText(note));
                await csv.NextRecordAsync();
            }
        }
    }

    public static async Task WriteXlsxAsync(ReportTable table, Stream stream, CancellationToken cancellationToken)
    {
        // A DataTable, unlike a list of dictionaries, keeps the header row when there are no rows.
        using var data = new DataTable();
        foreach (var column in table.Columns)
        {
            data.Columns.Add(column.Header, typeof(object));
        }
        foreach (var row in Cells(table))
        {
            data.Rows.Add(row);
        }
        if (table.Notes.Count > 0)
        {
            data.Rows.Add();
            foreach (var note in table.Notes)
            {
                data.Rows.Add(note);
            }
        }
        var configuration = new OpenXmlConfiguration
        {
            // The filter range would take in the notes below the table and sort them among the rows.
            AutoFilter = table.Notes.Count == 0,
            DynamicColumns = [.. table.Columns.Select(c => new DynamicExcelColumn(c.Header)
            {
                Width = Math.Max(c.Header.Length + 2, c.Kind == ReportValueKind.Text ? 30 : 12),
                Format = c.Kind switch
                {
                    ReportValueKind.Percent => "0.0%",
                    ReportValueKind.Date => "dd/MM/yyyy",
                    _ => null,
                },
            })],
        };
        // MiniExcel closes its zip with synchronous writes, which ASP.NET Core refuses on a response body: build it in memory.
        using var buffer = new MemoryStream();
        await buffer.SaveAsAsync(data, sheetName: SheetName(table.Title), configuration: configuration, cancellationToken: cancellationToken);
        buffer.Position = 0;
        await buffer.CopyToAsync(stream, cancellationToken);
    }

    /// <summary>"Báo cáo quý 4/2026 – Xã Chiềng Ơn", "xlsx" → "bao-cao-quy-4-2026-xa-chieng-on.xlsx": ASCII only, so that
    /// every browser and phone saves the file under that name.</summary>
    public static string FileName(string baseName, string extension)
    {
        var slug = NotSlug().Replace(SearchText.Fold(baseName), "-").Trim('-');
        return $"{(slug.Length == 0 ? "bao-cao" : slug)}.{extension.TrimStart('.')}";
    }

    // Excel refuses to open a workbook whose sheet name is over 31 characters, holds []:*?/\ or starts or ends with an
    // apostrophe; MiniExcel writes such a name as given.
    private static string SheetName(string title)
    {
        var name = SheetNameUnsafe().Replace(title.Normalize(NormalizationForm.FormC).Replace('/', '-').Replace('\\', '-'), " ");
        name = Spaces().Replace(name, " ");
        name = (name.Length > 31 ? name[..31] : name).Trim(' ', '\'');
        return name.Length == 0 ? "Báo cáo" : name;
    }

    // Each value typed by its column's kind (string, long, double, DateOnly or null), so that neither format writes a
    // number as text.
    private static List<object?[]> Cells(ReportTable table)
    {
        var rows = new List<object?[]>(table.Rows.Count);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            if (row.Count != table.Columns.Count)
            {
                throw new ArgumentException($"Row {r + 1} has {row.Count} values for {table.Columns.Count} columns.", nameof(table));
            }
            rows.Add([.. table.Columns.Select((column, c) => Cell(column, row[c]))]);
        }
        return rows;
    }

    private static object? Cell(ReportColumn column, object? value) => (column.Kind, value) switch
    {
        (_, null) => null,
        (ReportValueKind.Text, _) => Convert.ToString(value, CultureInfo.InvariantCulture),
        (ReportValueKind.Integer, int or long) => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        (ReportValueKind.Percent, double or decimal) => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        (ReportValueKind.Date, DateOnly) => value,
        _ => throw new ArgumentException($"Column \"{column.Header}\" is {column.Kind} but holds a {value.GetType().Name}."),
    };

    private static string CsvField(object? value) => value switch
    {
        null => "",
        string text => KeepAsText(text),
        long number => number.ToString(CultureInfo.InvariantCulture),
        double fraction => fraction.ToString(CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => throw new UnreachableException(),
    };

    // Excel runs a CSV field that starts with = + - @ as a formula (CSV injection, and "- thiếu máy" shows #NAME?), and
    // so may other programs after leading blanks or with the full-width forms an East Asian keyboard types; a leading
    // apostrophe keeps it text. Only text cells are touched: numbers are written as numbers, so -5 stays -5.
    // XLSX needs no such care: MiniExcel writes strings as strings (tested).
    private static string KeepAsText(string text)
    {
        var visible = text.AsSpan().TrimStart();
        var risky = (text.Length > 0 && char.IsControl(text[0]))
            || (visible.Length > 0 && visible[0] is '=' or '+' or '-' or '@' or '＝' or '＋' or '－' or '＠');
        return risky ? "'" + text : text;
    }
}
