using CivicPractice.E2E.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CivicPractice.E2E.Features;

/// <summary>A base's admin (基地主任) runs the base's staff volunteers and its own team from the same console pages.</summary>
[Collection(nameof(BrowserCollection))]
public sealed class BaseAdminTests(BrowserApp browser)
{
    [Fact]
    public async Task ABaseAdmin_SeesTheBasesStaff_AndItsOwnTeam()
    {
        var units = await DemoUnits.LoadAsync(browser.App);
        var page = await browser.SignInAsync(DemoLogins.BaseAdmin);
        await page.SetViewportSizeAsync(1366, 768);

        await page.GotoAsync("/admin");
        await BrowserApp.WaitForConsoleAsync(page);
        await Assertions.Expect(page.Locator("#home-party")).ToContainTextAsync("党员注册率");
        await Assertions.Expect(page.Locator("#home-base-note")).ToBeVisibleAsync(); // staff, not residents: no population rate
        await Assertions.Expect(page.Locator(".console-role")).ToHaveTextAsync("基地管理员");
        await BrowserApp.ScreenshotAsync(page, "base-admin-home");

        await page.GotoAsync("/admin/volunteers");
        await BrowserApp.WaitForConsoleAsync(page);
        var rows = page.Locator("#volunteer-table tbody tr");
        await rows.First.WaitForAsync();
        await Assertions.Expect(page.Locator("#volunteer-table thead")).ToContainTextAsync("所属单位");
        foreach (var row in await rows.AllAsync()) await Assertions.Expect(row).ToContainTextAsync(units.Base.Name);
        await BrowserApp.ScreenshotAsync(page, "base-admin-volunteers");

        await page.GotoAsync("/admin/teams");
        await BrowserApp.WaitForConsoleAsync(page);
        await Assertions.Expect(page.Locator("#team-name")).ToContainTextAsync("志愿服务队");
        await Assertions.Expect(page.Locator("#team-members tbody tr").First).ToContainTextAsync("在队");
        await ChineseText.AssertRendersAsync(page, "志愿服务队伍");
        await BrowserApp.ScreenshotAsync(page, "base-admin-team");
    }
}
