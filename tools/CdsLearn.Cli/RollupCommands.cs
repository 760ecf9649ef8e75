using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CdsLearn.Figures;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Cli;

/// <summary>`cdslearn rollups rebuild [--data DIR]`: recounts the figures the dashboards read from raw data.</summary>
public static class RollupCommands
{
    public static Command Create(TextWriter output)
    {
        var rollups = new Command("rollups", "The pre-aggregated figures (per village, commune and team worker)");
        var data = new Option<string?>("--data") { Description = "The data folder (default: CDSLEARN_DATA or ./data)" };
        var rebuild = new Command("rebuild", "Recount every commune's figures from raw data, a commune per transaction") { data };
        rebuild.SetAction((parse, ct) => RebuildAsync(parse.GetValue(data), output, ct));
        rollups.Subcommands.Add(rebuild);
        return rollups;
    }

    public static async Task<int> RebuildAsync(string? dataFolder, TextWriter output, CancellationToken cancellationToken)
    {
        var services = await CliHost.StartAsync(dataFolder, cancellationToken);
        using var scope = services.CreateScope();
        var watch = Stopwatch.StartNew();
        var communes = await scope.ServiceProvider.GetRequiredService<FigureRebuilder>().RebuildAllAsync(null, cancellationToken);
        output.WriteLine(string.Create(CultureInfo.GetCultureInfo("vi-VN"), $"Đã đếm lại số liệu của {communes} xã/phường trong {watch.Elapsed.TotalSeconds:0.0} s."));
        return 0;
    }
}
