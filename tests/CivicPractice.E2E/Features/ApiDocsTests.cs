using CivicPractice.E2E.Infrastructure;
using Microsoft.Playwright;

namespace CivicPractice.E2E.Features;

/// <summary>The API reference at /docs: works on a network that reaches only this site, and offers nothing from its vendor.</summary>
[Collection(nameof(BrowserCollection))]
public sealed class ApiDocsTests(BrowserApp browser)
{
    /// <summary>Texts of the vendor's offers (AI chat, SDK and MCP generators, hosted tools), in English and Chinese.</summary>
    private static readonly string[] VendorTexts = ["Scalar", "SDK", "MCP", "Ask AI", "询问 AI", "Developer Tools", "Deploy"];

    [Fact]
    public async Task Docs_LoadNothingFromOutside_AndShowNoVendorOffers()
    {
        var page = await browser.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);

        await page.GotoAsync("/docs/");
        // The operations are rendered from our document, with their Chinese summaries, in a Chinese interface.
        await Assertions.Expect(page.GetByText("用密码登录").First).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.Artifacts, "api-docs.png") });

        await AssertNoVendorOffersAsync(page, browser.BaseUrl);

        // The embedded client, opened from an operation, neither (its empty response pane carries the vendor's links).
        await page.GetByRole(AriaRole.Button, new() { Name = "测试请求" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog).First).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.Artifacts, "api-docs-client.png") });
        await AssertNoVendorOffersAsync(page, browser.BaseUrl);

        var outside = requests.Where(url => !url.StartsWith(browser.BaseUrl + "/", StringComparison.Ordinal)
            && !url.StartsWith("data:", StringComparison.Ordinal) && !url.StartsWith("blob:", StringComparison.Ordinal)).ToList();
        Assert.True(outside.Count == 0, "requested from outside:\n" + string.Join("\n", outside));
        await page.Context.CloseAsync();
    }

    private static async Task AssertNoVendorOffersAsync(IPage page, string site)
    {
        var text = await page.Locator("body").InnerTextAsync();
        var offers = VendorTexts.Where(t => text.Contains(t, StringComparison.Ordinal)).ToList();
        Assert.True(offers.Count == 0, "the vendor's offers show: " + string.Join(", ", offers));
        var links = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('a[href]')].filter(a => a.getClientRects().length > 0).map(a => a.href)");
        var away = links.Where(href => href.StartsWith("http", StringComparison.Ordinal) && !href.StartsWith(site + "/", StringComparison.Ordinal)).ToList();
        Assert.True(away.Count == 0, "links to other sites:\n" + string.Join("\n", away));
    }
}
