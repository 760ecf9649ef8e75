using System.CommandLine;
using System.Globalization;
using System.Text;
using CdsLearn.Figures;
using CdsLearn.Households;
using CdsLearn.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Cli;

public sealed record QuarterReportOptions(string Commune, string? Quarter, string Out, string? DataFolder = null, string? ContentFolder = null);

/// <summary>`cdslearn report quarter --commune ID|NAME [--quarter 2026-Q4] --out FILE.xlsx|FILE.csv [--data DIR] [--content DIR]`:
/// a commune's quarterly report, the same table (<see cref="QuarterlyReports"/>) and the same writer
/// (<see cref="ReportWriter"/>, formulas kept as text) as the site's download.</summary>
public static class ReportCommands
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var report = new Command("report", "Reports as the site downloads them");
        var commune = new Option<string>("--commune") { Description = "The commune: its id, or its name (\"Chiềng Mai\" or \"Xã Chiềng Mai\")", Required = true };
        var quarter = new Option<string?>("--quarter") { Description = "The quarter, e.g. 2026-Q4 (default: the current one)" };
        var file = new Option<string>("--out") { Description = "The file to write: .xlsx or .csv", Required = true };
        var data = new Option<string?>("--data") { Description = "The data folder (default: CDSLEARN_DATA or ./data)" };
        var content = new Option<string?>("--content") { Description = "The course folder (default: the nearest content/ above the current folder)" };
        var quarterly = new Command("quarter", "A commune's quarterly report to the Department (XLSX or CSV)") { commune, quarter, file, data, content };
        quarterly.SetAction((parse, ct) => QuarterAsync(
            new QuarterReportOptions(parse.GetValue(commune)!, parse.GetValue(quarter), parse.GetValue(file)!, parse.GetValue(data), parse.GetValue(content)),
            output, error, ct));
        report.Subcommands.Add(quarterly);
        return report;
    }

    public static async Task<int> QuarterAsync(QuarterReportOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var settings = options.ContentFolder is { } folder ? [new("Content:Folder", Path.GetFullPath(folder))] : Array.Empty<KeyValuePair<string, string?>>();
        var services = await CliHost.StartAsync(options.DataFolder, settings, cancellationToken);
        using var scope = services.CreateScope();
        return await WriteQuarterAsync(scope.ServiceProvider, options, output, error, cancellationToken);
    }

    /// <summary>Writes the report with the given services (those of the command line, or of the site in a test);
    /// 0 when written, 1 with the reason on <paramref name="error"/> when not.</summary>
    public static async Task<int> WriteQuarterAsync(IServiceProvider services, QuarterReportOptions options, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(options.Out).ToLowerInvariant();
        if (extension is not (".xlsx" or ".csv"))
        {
            error.WriteLine($"{options.Out}: tệp báo cáo phải có đuôi .xlsx hoặc .csv.");
            return 1;
        }
        var dashboard = services.GetRequiredService<Dashboard>();
        var quarter = dashboard.CurrentQuarter;
        if (options.Quarter is { } text)
        {
            if (!Quarter.TryParseText(text, out quarter))
            {
                error.WriteLine($"\"{text}\" không phải là một quý (viết như 2026-Q4).");
                return 1;
            }
            if (quarter.Key > dashboard.CurrentQuarter.Key)
            {
                error.WriteLine($"{quarter.Label} chưa đến: chưa có báo cáo.");
                return 1;
            }
        }
        var (communeId, problem) = await FindCommuneAsync(services, options.Commune, cancellationToken);
        if (communeId is not { } id)
        {
            error.WriteLine(problem);
            return 1;
        }
        // The command line acts for the province (whoever runs it holds the database), as province staff see a commune.
        var report = await services.GetRequiredService<QuarterlyReports>().FindAsync(Scope.Province, id, quarter, cancellationToken);
        if (report is null)
        {
            error.WriteLine($"Không có xã/phường mã {id}.");
            return 1;
        }
        var path = Path.GetFullPath(options.Out);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var stream = File.Create(path))
        {
            var table = report.ForExport();
            await (extension == ".csv"
                ? ReportWriter.WriteCsvAsync(table, stream, cancellationToken)
                : ReportWriter.WriteXlsxAsync(table, stream, cancellationToken));
        }
        output.WriteLine($"Đã ghi {report.Table.Title} vào {path}.");
        return 0;
    }

    /// <summary>By id, else by name (as written, or without diacritics when that names only one commune).</summary>
    private static async Task<(int? Id, string Problem)> FindCommuneAsync(IServiceProvider services, string wanted, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<Data.AppDbContext>();
        var communes = await db.Communes.Select(c => new { c.Id, c.Name, c.Kind }).ToListAsync(cancellationToken);
        if (int.TryParse(wanted, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return communes.Any(c => c.Id == id) ? (id, "") : (null, $"Không có xã/phường mã {id}.");
        }
        var named = wanted.Trim().Normalize(NormalizationForm.FormC);
        var exact = communes.Where(c => string.Equals(c.Name, named, StringComparison.OrdinalIgnoreCase)
            || string.Equals(Geography.Commune.DisplayNameOf(c.Kind, c.Name), named, StringComparison.OrdinalIgnoreCase)).ToList();
        var folded = SearchText.Fold(named);
        var matches = exact.Count > 0 ? exact : communes.Where(c => SearchText.Fold(c.Name) == folded
            || SearchText.Fold(Geography.Commune.DisplayNameOf(c.Kind, c.Name)) == folded).ToList();
        return matches.Count switch
        {
            1 => (matches[0].Id, ""),
            0 => (null, $"Không có xã/phường \"{wanted}\" trong tỉnh."),
            _ => (null, $"\"{wanted}\" có thể là: {string.Join(", ", matches.Select(c => $"{Geography.Commune.DisplayNameOf(c.Kind, c.Name)} (mã {c.Id})"))}. Hãy ghi mã."),
        };
    }
}
