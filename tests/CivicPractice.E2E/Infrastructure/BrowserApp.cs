using System.Net;
using System.Net.Sockets;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CivicPractice.E2E.Infrastructure;

/// <summary>
/// The real app on Kestrel at a loopback port, on its own SQLite file, and Debian's Chromium driven by Playwright.
/// Screenshots go to <c>CIVIC_E2E_ARTIFACTS</c> (the test script points it under TestResults/).
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    private readonly KestrelFactory _app = new();
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Every 5xx any page of the run received; the suite's last check asserts there were none.</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> ServerErrors { get; } = [];
    public string BaseUrl => _app.BaseUrl;
    public CivicAppFactory App => _app;

    public static string Artifacts
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("CIVIC_E2E_ARTIFACTS") ?? Path.Combine(AppContext.BaseDirectory, "e2e-artifacts");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_app).InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CIVIC_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        await ((IAsyncLifetime)_app).DisposeAsync();
    }

    /// <summary>A fresh browser context (its own cookies) with a page of the given size.</summary>
    public async Task<IPage> NewPageAsync(int width = 1440, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        page.Response += (_, response) =>
        {
            if (response.Status >= 500) ServerErrors.Add($"{response.Status} {response.Request.Method} {response.Url}");
        };
        return page;
    }

    /// <summary>Signs in through the login form and waits until the console's circuit is interactive.</summary>
    public async Task<IPage> SignInAsync(string phone, string password = DemoLogins.Password)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#phone", phone);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(url => url.Contains("/admin", StringComparison.Ordinal));
        await WaitForConsoleAsync(page);
        return page;
    }

    /// <summary>The layout renders a marker once the interactive circuit runs; clicking earlier would be lost.</summary>
    public static Task WaitForConsoleAsync(IPage page) =>
        page.Locator("#console-ready").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, name + ".png"), FullPage = true });

    private sealed class KestrelFactory : CivicAppFactory
    {
        private readonly int _port = FreePort();

        public KestrelFactory() => UseKestrel(_port);

        public string BaseUrl => $"http://127.0.0.1:{_port}";

        /// <summary>Below the demo county's few hundred volunteers, so the console shows a capped count ("200+").</summary>
        public const int CountCap = 200;

        protected override void ConfigureMore(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseSetting("urls", BaseUrl);
            builder.UseSetting("Civic:Lists:CountCap", CountCap.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}

[CollectionDefinition(nameof(BrowserCollection))]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>;
