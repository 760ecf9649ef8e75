using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace CdsLearn.Imports;

/// <summary>Reads a CSV file with a header into rows of named fields, keeping each row's line number.
/// CsvHelper does the parsing (quotes, commas inside fields, BOM); the importers check the values.</summary>
public static class CsvRows
{
    public sealed record Row(int Line, IReadOnlyDictionary<string, string> Fields)
    {
        public string Get(string column) => Fields.TryGetValue(column, out var value) ? value.Trim() : "";
    }

    public static (IReadOnlyList<Row> Rows, IReadOnlyList<ImportProblem> Problems) Read(TextReader text, IReadOnlyCollection<string> required, IReadOnlyCollection<string> optional)
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
                var line = csv.Parser.RawRow;
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
