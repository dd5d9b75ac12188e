using CivicPractice.E2E.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CivicPractice.E2E.Features;

[Collection(nameof(BrowserCollection))]
public sealed class AccountsTests(BrowserApp browser)
{
    [Fact]
    public async Task CountyAdmin_AppointsAStationAdmin_FromTheConsole()
    {
        var page = await browser.SignInAsync(DemoLogins.CountyAdmin);
        await page.GotoAsync("/admin/accounts");
        await BrowserApp.WaitForConsoleAsync(page);

        await page.ClickAsync("#account-grant");
        await page.FillAsync("#grant-name", "浏览器站长");
        await page.FillAsync("#grant-phone", "13733330001");
        await page.ClickAsync("#grant-role");
        await page.Locator("#grant-role .dropdown-item", new() { HasText = "站管理员" }).ClickAsync();
        await page.ClickAsync("#grant-unit");
        var unit = page.Locator("#grant-unit .dropdown-item").Nth(1);
        var unitName = (await unit.InnerTextAsync()).Split(" / ").Last().Trim();
        await unit.ClickAsync();
        await page.ClickAsync("#grant-save");

        var row = page.Locator("#account-table tr", new() { HasText = "浏览器站长" });
        await Assertions.Expect(row).ToContainTextAsync("137****0001");
        await Assertions.Expect(row).ToContainTextAsync(unitName);
        await Assertions.Expect(page.Locator(".modal-backdrop")).ToHaveCountAsync(0);
        await BrowserApp.ScreenshotAsync(page, "console-accounts");
    }
}
