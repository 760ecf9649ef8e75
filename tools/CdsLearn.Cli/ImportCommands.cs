using System.CommandLine;
using CdsLearn.Households;
using CdsLearn.Imports;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Cli;

/// <summary>`cdslearn import geography FILE [--data DIR]`.</summary>
public static class ImportCommands
{
    public static Command Create(TextWriter output)
    {
        var import = new Command("import", "Import data from CSV files; a file with any bad row imports nothing");
        var file = new Argument<FileInfo>("FILE") { Description = "The CSV file (UTF-8, with a header row)" };
        var data = new Option<string?>("--data") { Description = "The data folder (default: CDSLEARN_DATA or ./data)" };
        var geography = new Command("geography", "Communes and villages: commune,kind[,official_households][,village][,village_kind]") { file, data };
        geography.SetAction(async (parse, ct) =>
        {
            var services = await CliHost.StartAsync(parse.GetValue(data), ct);
            using var scope = services.CreateScope();
            var importer = scope.ServiceProvider.GetRequiredService<GeographyImporter>();
            return await ImportAsync(parse.GetValue(file)!, importer.ImportAsync, output, ct);
        });
        import.Subcommands.Add(geography);

        var householdFile = new Argument<FileInfo>("FILE") { Description = "The CSV file (UTF-8, with a header row)" };
        var householdData = new Option<string?>("--data") { Description = "The data folder (default: CDSLEARN_DATA or ./data)" };
        var households = new Command("households", "Households, one row per person: commune,village,household_code,head_name[,member_name][,birth_year][,phone]") { householdFile, householdData };
        households.SetAction(async (parse, ct) =>
        {
            var services = await CliHost.StartAsync(parse.GetValue(householdData), ct);
            using var scope = services.CreateScope();
            var importer = scope.ServiceProvider.GetRequiredService<HouseholdImporter>();
            // The command line is run by the province's operators: the whole province is in scope.
            return await ImportAsync(parse.GetValue(householdFile)!, (csv, token) => importer.ImportAsync(csv, Scope.Province, null, token), output, ct);
        });
        import.Subcommands.Add(households);
        return import;
    }

    public static async Task<int> ImportAsync(FileInfo file, Func<Stream, CancellationToken, Task<ImportReport>> import, TextWriter output, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            output.WriteLine($"{file.FullName}:0: không có tệp này");
            return 2;
        }
        await using var csv = file.OpenRead();
        var report = await import(csv, cancellationToken);
        foreach (var problem in report.Problems)
        {
            output.WriteLine($"{file}:{problem.Line}: {problem.Message}");
        }
        output.WriteLine(report.Succeeded
            ? $"Đã nhập: {report.Added} mới, {report.Updated} cập nhật, {report.Unchanged} không đổi."
            : $"Không nhập gì: {report.Problems.Count} lỗi.");
        return report.Succeeded ? 0 : 1;
    }
}
