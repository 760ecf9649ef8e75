using System.Buffers;
using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace CdsLearn.Imports;

/// <summary>Reads a CSV file with a header into rows of named fields, keeping each row's line number.
/// The bytes must be UTF-8 (with or without a BOM): nothing guesses another encoding. CsvHelper does the parsing
/// (quotes, commas inside fields); a field with a control character is refused here; the importers check the values.</summary>
public static class CsvRows
{
    public const string NotUtf8 = "Tệp không dùng bảng mã UTF-8 nên chữ có dấu sẽ bị sai (Excel trên Windows tiếng Việt "
        + "thường lưu CSV bằng bảng mã Windows-1258). Trong Excel, hãy lưu tệp dạng CSV UTF-8 (Tệp › Lưu Như › \"CSV UTF-8\") "
        + "rồi nhập lại.";

    // Throws on the first byte sequence that is not UTF-8 instead of turning it into U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public sealed record Row(int Line, IReadOnlyDictionary<string, string> Fields)
    {
        public string Get(string column) => Fields.TryGetValue(column, out var value) ? value.Trim() : "";
    }

    public static async Task<(IReadOnlyList<Row> Rows, IReadOnlyList<ImportProblem> Problems)> ReadAsync(Stream csv, IReadOnlyCollection<string> required, IReadOnlyCollection<string> optional, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await csv.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        // The BOM that Excel's "CSV UTF-8" writes (StrictUtf8.Preamble is empty: it is built not to write one).
        ReadOnlySpan<byte> byteOrderMark = [0xEF, 0xBB, 0xBF];
        if (bytes.StartsWith(byteOrderMark))
        {
            bytes = bytes[byteOrderMark.Length..];
        }
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var line = 1 + bytes[..Math.Clamp(e.Index, 0, bytes.Length)].Count((byte)'\n');
            return ([], [new ImportProblem(line, NotUtf8)]);
        }
        return Read(new StringReader(text), required, optional);
    }

    private static (IReadOnlyList<Row> Rows, IReadOnlyList<ImportProblem> Problems) Read(TextReader text, IReadOnlyCollection<string> required, IReadOnlyCollection<string> optional)
    {
        var problems = new List<ImportProblem>();
        var rows = new List<Row>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
            MissingFieldFound = null,
        };
        using var csv = new CsvReader(text, config);
        try
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
            {
                return ([], [new ImportProblem(1, "Tệp trống hoặc thiếu dòng tiêu đề.")]);
            }
            var columns = header.Select(h => h.Trim().ToLowerInvariant()).ToArray();
            if (Unprintable(header, []) is { Count: > 0 } badHeader)
            {
                return ([], [.. badHeader.Select(p => new ImportProblem(1, p))]);
            }
            var missing = required.Where(c => !columns.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                problems.Add(new ImportProblem(1, $"Thiếu cột: {string.Join(", ", missing)}. Các cột cần có: {string.Join(", ", required.Concat(optional))}."));
            }
            var unknown = columns.Where(c => !required.Contains(c) && !optional.Contains(c)).ToList();
            if (unknown.Count > 0)
            {
                problems.Add(new ImportProblem(1, $"Cột không dùng được: {string.Join(", ", unknown)}."));
            }
            if (problems.Count > 0)
            {
                return ([], problems);
            }
            while (csv.Read())
            {
                var line = FirstLine(csv.Parser);
                var unprintable = Unprintable(csv.Parser.Record ?? [], columns);
                if (unprintable.Count > 0)
                {
                    problems.AddRange(unprintable.Select(p => new ImportProblem(line, p)));
                    continue;
                }
                var fields = new Dictionary<string, string>();
                for (var i = 0; i < columns.Length; i++)
                {
                    fields[columns[i]] = csv.TryGetField<string>(i, out var value) ? value ?? "" : "";
                }
                if (fields.Values.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                rows.Add(new Row(line, fields));
            }
        }
        catch (CsvHelperException e)
        {
            problems.Add(new ImportProblem(e.Context?.Parser?.RawRow ?? 0, "Không đọc được tệp CSV: " + e.Message.Split('\n')[0]));
        }
        return (rows, problems);
    }

    // RawRow is the line a record ends on; a quoted field with line breaks starts it earlier.
    private static int FirstLine(IParser parser)
    {
        var record = parser.RawRecord.AsSpan().TrimEnd("\r\n");
        return parser.RawRow - (record.Count('\n') + record.Count('\r') - record.Count("\r\n"));
    }

    // What PlainText refuses (a tab or line break inside a field too: separators and line ends never reach a field)
    // would be stored and exported as given.
    private static List<string> Unprintable(string[] record, string[] columns)
    {
        var problems = new List<string>();
        for (var i = 0; i < record.Length; i++)
        {
            var at = PlainText.IndexOfUnprintable(record[i]);
            if (at >= 0)
            {
                var column = i < columns.Length ? columns[i] : $"thứ {i + 1}";
                problems.Add($"cột {column} có ký tự điều khiển hoặc ký tự ẩn (U+{(int)record[i][at]:X4}); hãy xoá ký tự đó rồi nhập lại");
            }
        }
        return problems;
    }

    public static bool TryParseCount(string value, out int? count)
    {
        count = null;
        if (value.Length == 0)
        {
            return true;
        }
        if (int.TryParse(value.Replace(".", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            count = parsed;
            return true;
        }
        return false;
    }
}
