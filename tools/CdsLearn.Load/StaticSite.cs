using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CdsLearn.Load;

/// <summary>How nginx compresses: not at all, on the fly at level 1 (as the site does at "Fastest"), or not at all
/// because a gzipped copy was saved beside the page (gzip_static: the best a static server can do).</summary>
public enum StaticCompression
{
    None,
    GzipOnTheFly,
    GzipPrecompressed,
}

/// <summary>
/// nginx (apt-get install nginx) serving saved pages from a folder on a loopback port, with a throwaway configuration:
/// the yardstick for how fast a page could be served at all on this machine.
/// </summary>
public sealed class StaticSite : IAsyncDisposable
{
    private readonly Process process;

    private StaticSite(Process process, string folder, int port)
    {
        this.process = process;
        Folder = folder;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public string Folder { get; }

    public Uri BaseAddress { get; }

    /// <summary>The folder pages are saved under (a page at /a/b is the file Root/a/b, served by its plain path).</summary>
    public string Root => Path.Combine(Folder, "www");

    /// <summary>Saves a page so that nginx serves it at <paramref name="path"/>, with a gzipped copy for gzip_static.</summary>
    public static void Save(string folder, string path, byte[] body)
    {
        var target = Path.Combine(folder, "www", path.Trim('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllBytes(target, body);
        using var gz = new System.IO.Compression.GZipStream(File.Create(target + ".gz"), System.IO.Compression.CompressionLevel.SmallestSize);
        gz.Write(body);
    }

    /// <summary>Headers nginx writes itself (or that depend on the encoding), so never added.</summary>
    private static readonly HashSet<string> Own = new(StringComparer.OrdinalIgnoreCase)
    {
        "Date", "Server", "Content-Type", "Content-Length", "Content-Encoding", "Transfer-Encoding", "Connection", "Keep-Alive",
        "ETag", "Last-Modified", "Accept-Ranges",
    };

    /// <param name="headers">The site's response headers, sent with every page besides nginx's own (<see cref="Own"/>
    /// are left out); none for nginx's plain answer.</param>
    public static async Task<StaticSite> StartAsync(string folder, StaticCompression compression, IEnumerable<KeyValuePair<string, string>>? headers = null,
        CancellationToken cancellationToken = default)
    {
        var port = FreePort();
        Directory.CreateDirectory(Path.Combine(folder, "www"));
        Directory.CreateDirectory(Path.Combine(folder, "temp"));
        var config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, Configuration(folder, port, compression, headers ?? []), cancellationToken);
        var start = new ProcessStartInfo("nginx") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", folder, "-c", config })
        {
            start.ArgumentList.Add(argument);
        }
        var process = ExternalProgram.Start(start, "nginx");
        var site = new StaticSite(process, folder, port);
        using var http = new HttpClient { BaseAddress = site.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited: {await process.StandardError.ReadToEndAsync(cancellationToken)}");
            }
            try
            {
                using var response = await http.GetAsync("/", cancellationToken); // any answer, a 404 too: it listens
                return site;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
        await site.DisposeAsync();
        throw new TimeoutException("nginx did not listen");
    }

    /// <summary>The headers nginx is given to add: all but its own.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Added(IEnumerable<KeyValuePair<string, string>> headers) => headers.Where(h => !Own.Contains(h.Key));

    /// <summary>The configuration: one server on the loopback port serving <see cref="Root"/> by plain paths, with
    /// <paramref name="headers"/> added to every answer.</summary>
    public static string Configuration(string folder, int port, StaticCompression compression, IEnumerable<KeyValuePair<string, string>> headers)
    {
        var temp = Path.Combine(folder, "temp");
        var added = string.Concat(Added(headers).Select(h => $"\n            add_header {Token(h.Key)} \"{Quoted(h.Value)}\";"));
        return $$"""
            daemon off;
            worker_processes auto;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 4096; }
            http {
                access_log off;
                server_tokens off;
                sendfile on;
                tcp_nopush on;
                keepalive_requests 1000000;
                keepalive_timeout 65;
                types { text/html html; }
                default_type text/html;
                charset utf-8;
                gzip {{(compression == StaticCompression.GzipOnTheFly ? "on" : "off")}};
                gzip_static {{(compression == StaticCompression.GzipPrecompressed ? "on" : "off")}};
                gzip_comp_level 1;
                gzip_min_length 256;
                gzip_types text/html;
                client_body_temp_path {{temp}}/body;
                proxy_temp_path {{temp}}/proxy;
                fastcgi_temp_path {{temp}}/fastcgi;
                uwsgi_temp_path {{temp}}/uwsgi;
                scgi_temp_path {{temp}}/scgi;
                server {
                    listen 127.0.0.1:{{port}};
                    root {{folder}}/www;
                    location / {{{added}}
                    }
                }
            }
            """;
    }

    /// <summary>A header name as nginx reads it: letters, digits and dashes only.</summary>
    private static string Token(string name) => name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
        ? name
        : throw new ArgumentException($"{name}: not a header name nginx can be given", nameof(name));

    /// <summary>A value inside nginx's double quotes; nginx would read a dollar sign as a variable, so none is taken.</summary>
    private static string Quoted(string value) => value.Contains('$') || value.Any(char.IsControl)
        ? throw new ArgumentException($"{value}: nginx cannot send this value as it is", nameof(value))
        : value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    /// <summary>SIGQUIT: the master stops its workers too (SIGKILL would leave them running).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            using var quit = Process.Start(new ProcessStartInfo("kill", ["-QUIT", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
            await quit.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
