using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CdsLearn.Load;

/// <summary>What one wrk run measured.</summary>
public sealed record WrkResult(
    string Url, int Connections, double Seconds, long Requests, double RequestsPerSecond, double BytesPerRequest,
    double P50Ms, double P90Ms, double P99Ms, long Non2xx, long SocketErrors, string Output);

/// <summary>
/// wrk (apt-get install wrk), the HTTP load generator: a few threads of C that keep many connections busy, so the
/// client costs the shared cores far less than a .NET client would. Used for stateless GETs; the learners' posts
/// need cookies and tokens and go through <see cref="SimulatedLearner"/>.
/// </summary>
public static partial class Wrk
{
    public static async Task<WrkResult> RunAsync(
        string url, int threads, int connections, TimeSpan duration, IReadOnlyList<string>? headers = null, string? luaScript = null,
        CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "--latency", "-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", $"{(int)duration.TotalSeconds}s", "--timeout", "10s" })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var header in headers ?? [])
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add(header);
        }
        if (luaScript is not null)
        {
            start.ArgumentList.Add("-s");
            start.ArgumentList.Add(luaScript);
        }
        start.ArgumentList.Add(url);
        using var process = ExternalProgram.Start(start, "wrk");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {errors}\n{output}");
        }
        return Parse(url, connections, output);
    }

    /// <summary>A Lua script that sends the paths in turn (each wrk thread starts at another place in the list).</summary>
    public static string PathsScript(string file, IReadOnlyList<string> paths)
    {
        var lines = new List<string> { "local paths = {" };
        lines.AddRange(paths.Select(p => "  \"" + p.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\","));
        lines.Add("}");
        lines.Add("local i = math.random(#paths)");
        lines.Add("request = function()");
        lines.Add("  i = i % #paths + 1");
        lines.Add("  return wrk.format(nil, paths[i])");
        lines.Add("end");
        File.WriteAllLines(file, lines);
        return file;
    }

    public static WrkResult Parse(string url, int connections, string output)
    {
        var total = RequestsPattern().Match(output);
        long requests = total.Success ? long.Parse(total.Groups["requests"].Value, CultureInfo.InvariantCulture) : 0;
        var seconds = total.Success ? Seconds(total.Groups["time"].Value) : 0;
        var bytes = total.Success ? Bytes(total.Groups["bytes"].Value) : 0;
        var rate = RatePattern().Match(output);
        double Percentile(string p)
        {
            var match = Regex.Match(output, $@"^\s*{p}%\s+(?<value>[\d.]+(?:us|ms|s|m))\s*$", RegexOptions.Multiline);
            return match.Success ? Math.Round(Seconds(match.Groups["value"].Value) * 1000, 2) : double.NaN;
        }
        var non2xx = Non2xxPattern().Match(output);
        var socket = SocketErrorsPattern().Match(output);
        long socketErrors = 0;
        if (socket.Success)
        {
            socketErrors = new[] { "connect", "read", "write", "timeout" }.Sum(g => long.Parse(socket.Groups[g].Value, CultureInfo.InvariantCulture));
        }
        return new WrkResult(url, connections, seconds, requests,
            rate.Success ? double.Parse(rate.Groups["rate"].Value, CultureInfo.InvariantCulture) : 0,
            requests == 0 ? 0 : Math.Round(bytes / requests, 0),
            Percentile("50"), Percentile("90"), Percentile("99"),
            non2xx.Success ? long.Parse(non2xx.Groups["count"].Value, CultureInfo.InvariantCulture) : 0,
            socketErrors, output);
    }

    private static double Seconds(string value)
    {
        var number = double.Parse(NumberPattern().Match(value).Value, CultureInfo.InvariantCulture);
        return value.EndsWith("us", StringComparison.Ordinal) ? number / 1e6
            : value.EndsWith("ms", StringComparison.Ordinal) ? number / 1e3
            : value.EndsWith('m') ? number * 60
            : number;
    }

    private static double Bytes(string value)
    {
        var number = double.Parse(NumberPattern().Match(value).Value, CultureInfo.InvariantCulture);
        return value.EndsWith("GB", StringComparison.Ordinal) ? number * 1024 * 1024 * 1024
            : value.EndsWith("MB", StringComparison.Ordinal) ? number * 1024 * 1024
            : value.EndsWith("KB", StringComparison.Ordinal) ? number * 1024
            : number;
    }

    [GeneratedRegex(@"(?<requests>\d+) requests in (?<time>[\d.]+(?:us|ms|s|m)), (?<bytes>[\d.]+[KMG]?B) read")]
    private static partial Regex RequestsPattern();

    [GeneratedRegex(@"Requests/sec:\s+(?<rate>[\d.]+)")]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(?<count>\d+)")]
    private static partial Regex Non2xxPattern();

    [GeneratedRegex(@"Socket errors: connect (?<connect>\d+), read (?<read>\d+), write (?<write>\d+), timeout (?<timeout>\d+)")]
    private static partial Regex SocketErrorsPattern();

    [GeneratedRegex(@"[\d.]+")]
    private static partial Regex NumberPattern();
}
