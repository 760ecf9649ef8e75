using CdsLearn.Content;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CdsLearn.BrowserTests;

/// <summary>
/// The site on a real port and Debian's Chromium driven by Playwright. Without Chromium the tests skip with the
/// reason, except under CI (CI=true), where they must run.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private readonly CdsLearnFactory factory = new();
    private IPlaywright? playwright;

    public IBrowser? Browser { get; private set; }

    public string BaseUrl { get; private set; } = "";

    public string? SkipReason { get; private set; }

    public Course Course => factory.Services.GetRequiredService<CourseCatalog>().Current;

    public IServiceProvider Services => factory.Services;

    /// <summary>Where the screenshots go: TestResults/screenshots under the test project's output.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            SkipReason = $"Chromium is not installed at {ChromiumPath}; install it with: sudo apt-get install -y chromium";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("CI=true but " + SkipReason);
            }
            return;
        }
        factory.UseKestrel(0);
        factory.StartServer();
        BaseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "localhost", StringComparison.Ordinal).Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        Directory.CreateDirectory(ScreenshotFolder);
        playwright = await Playwright.CreateAsync();
        Browser = await LaunchAsync();
    }

    /// <summary>A fresh phone: 360×740, touch, Vietnamese, its own cookies.</summary>
    /// <summary>A big screen (a TV at the culture house): no touch, no one signed in.</summary>
    public async Task<IPage> NewScreenAsync(int width, int height)
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "vi-VN",
        });
        return await context.NewPageAsync();
    }

    public async Task<IPage> NewPhoneAsync(bool javaScript = true, IBrowser? on = null)
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }
        var context = await (on ?? Browser!).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            IsMobile = true,
            HasTouch = true,
            Locale = "vi-VN",
            JavaScriptEnabled = javaScript,
        });
        return await context.NewPageAsync();
    }

    /// <summary>Another Chromium, with <paramref name="extraArgs"/> beside the usual ones (a fake microphone, say), for
    /// the tests that need it; the shared <see cref="Browser"/> stays as it is. The caller disposes it.</summary>
    public async Task<IBrowser> LaunchAsync(params string[] extraArgs)
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }
        return await playwright!.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = [.. ChromiumArgs, .. extraArgs],
        });
    }

    /// <summary>Taps the answers to the questions drawn on the page, as someone who learnt (or did not learn) the lesson.</summary>
    public async Task AnswerAsync(IPage page, string moduleId, bool right)
    {
        var quiz = Course.FindModule(moduleId)!.Quiz;
        // A click on a link returns once the navigation starts: read the questions once the quiz form's submit button,
        // after the last of them, is on the page (a slow CI machine once answered four of five and submitted; waiting
        // for DOMContentLoaded instead once timed out after 30 s on a clean-clone run, mid-navigation).
        await page.Locator("form.quiz button[type=submit]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var names = (await page.Locator("form.quiz input[name^=q]").EvaluateAllAsync<string[]>("inputs => inputs.map(i => i.name)")).Distinct();
        foreach (var name in names)
        {
            var question = quiz.FindQuestion(int.Parse(name[1..], System.Globalization.CultureInfo.InvariantCulture))!;
            var chosen = right ? question.CorrectOptions : [question.Options.First(o => !o.IsCorrect).Index];
            foreach (var index in chosen)
            {
                await page.Locator($"input[name={name}][value='{index}']").CheckAsync();
            }
        }
    }

    /// <summary>Signs in through the sign-in form, as a person would.</summary>
    public static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/tai-khoan/dang-nhap");
        await page.GetByLabel("Số điện thoại hoặc tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
    }

    /// <summary>Opens the header's menu (links past the first one, "Chữ to", "Tương phản cao") unless it is open.</summary>
    public static async Task OpenMenuAsync(IPage page)
    {
        var menu = page.Locator("header details.menu");
        if (await menu.GetAttributeAsync("open") is null)
        {
            await menu.Locator("summary").ClickAsync();
        }
    }

    /// <summary>Switches "Chữ to" or "Tương phản cao" from the menu, then closes the menu.</summary>
    public static async Task SwitchDisplayAsync(IPage page, string option)
    {
        await OpenMenuAsync(page);
        await page.Locator("header").GetByRole(AriaRole.Button, new() { Name = option }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        playwright?.Dispose();
        await factory.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
