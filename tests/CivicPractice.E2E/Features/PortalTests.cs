using CivicPractice.E2E.Infrastructure;
using Microsoft.Playwright;

namespace CivicPractice.E2E.Features;

[Collection(nameof(BrowserCollection))]
public sealed class PortalTests(BrowserApp browser)
{
    [Fact]
    public async Task PublicHome_ShowsTheCountyNetwork_OnAPhone()
    {
        var page = await browser.NewPageAsync(375, 812);
        await page.GotoAsync("/");

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("新时代文明实践中心");
        var firstInstitute = page.Locator("details.portal-institute").First;
        await firstInstitute.Locator("summary").ClickAsync();
        await Assertions.Expect(firstInstitute.Locator(".portal-stations li").First).ToContainTextAsync("实践站");
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the home page scrolls sideways on a 375-pixel phone");

        await ChineseText.AssertRendersAsync(page, "实践所");
        await BrowserApp.ScreenshotAsync(page, "portal-home-phone");
    }

    [Fact]
    public async Task PublicHome_SearchFindsAStation()
    {
        var page = await browser.NewPageAsync(375, 812);
        await page.GotoAsync("/");
        var stationName = await page.Locator(".portal-stations li").First.TextContentAsync();
        var keyword = stationName!.Trim()[..2];

        await page.FillAsync("input[name=q]", keyword);
        await page.ClickAsync(".portal-search button");

        await Assertions.Expect(page.Locator(".portal-hint").First).ToContainTextAsync($"与“{keyword}”相关");
        await Assertions.Expect(page.Locator(".portal-stations li").First).ToContainTextAsync(keyword);
    }
}
