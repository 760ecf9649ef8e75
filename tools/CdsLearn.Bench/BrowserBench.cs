using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace CdsLearn.Bench;

/// <summary>
/// `cdslearn-bench browser [BASE_URL] [LESSON_PATH]`: the lesson page on slow networks, against a running site. For each
/// network profile it opens the lesson in a fresh phone-sized Chromium (cold), then again once the service worker holds
/// it (warm), and prints bytes transferred and the time until the lesson text is visible. The last line is one line
/// of JSON with every figure.
/// </summary>
public static class BrowserBench
{
    public static Command Create(TextWriter output)
    {
        var baseUrlArgument = new Argument<string>("base-url") { Description = "The running site", DefaultValueFactory = _ => "http://localhost:5080" };
        var lessonArgument = new Argument<string>("lesson") { Description = "The lesson's path", DefaultValueFactory = _ => "/bai-hoc/an-toan-mang-gia-danh-co-quan" };
        var command = new Command("browser", "Bài học trên mạng chậm, trong Chromium (lesson page on slow networks)") { baseUrlArgument, lessonArgument };
        command.SetAction(async (parse, ct) =>
        {
            await RunAsync(parse.GetValue(baseUrlArgument)!.TrimEnd('/'), parse.GetValue(lessonArgument)!, output);
            return 0;
        });
        return command;
    }

    private static async Task RunAsync(string baseUrl, string lesson, TextWriter output)
    {
        (string Name, double Latency, double KilobitsPerSecond)[] profiles =
        [
            ("rural-3g (400 kbit/s, 400 ms)", 400, 400),
            ("devtools-slow-3g (400 kbit/s, 2000 ms)", 2000, 400),
        ];

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var results = new List<object>();
        foreach (var (name, latency, kbps) in profiles)
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = baseUrl,
                ViewportSize = new ViewportSize { Width = 360, Height = 740 },
                IsMobile = true,
            });
            var page = await context.NewPageAsync();
            var cdp = await context.NewCDPSessionAsync(page);
            long bytes = 0;
            cdp.Event("Network.loadingFinished").OnEvent += (_, e) => bytes += (long)(e?.GetProperty("encodedDataLength").GetDouble() ?? 0);
            await cdp.SendAsync("Network.enable");
            await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
            {
                ["offline"] = false,
                ["latency"] = latency,
                ["downloadThroughput"] = kbps * 1000 / 8,
                ["uploadThroughput"] = kbps * 1000 / 8,
            });

            var (coldMs, coldBytes) = await VisitAsync(page, lesson, () => bytes, b => bytes = b);
            await page.EvaluateAsync("() => navigator.serviceWorker.ready");
            // Let the service worker take the page into its cache, then visit again as a returning reader.
            await page.GotoAsync(lesson, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            // Warm: the median of three returning visits.
            var warm = new List<(long Ms, long Bytes)>();
            for (var i = 0; i < 3; i++)
            {
                warm.Add(await VisitAsync(page, lesson, () => bytes, b => bytes = b));
            }
            var (warmMs, warmBytes) = warm.OrderBy(w => w.Ms).ElementAt(1);

            output.WriteLine($"{name}: cold {coldMs} ms, {coldBytes} bytes; warm {warmMs} ms, {warmBytes} bytes");
            results.Add(new { profile = name, coldMs, coldBytes, warmMs, warmBytes });
        }
        output.WriteLine(JsonSerializer.Serialize(new { lesson, baseUrl, when = DateTime.UtcNow.ToString("s", CultureInfo.InvariantCulture), results }));
    }

    private static async Task<(long Ms, long Bytes)> VisitAsync(IPage page, string url, Func<long> bytes, Action<long> reset)
    {
        reset(0);
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        await page.Locator(".lesson .prose p").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        var ms = clock.ElapsedMilliseconds;
        await page.WaitForLoadStateAsync(LoadState.Load);
        return (ms, bytes());
    }
}
