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

    [Fact]
    public async Task AnAppointedPerson_SignsInByCode_AndSetsTheirOwnPassword()
    {
        var admin = await browser.App.SignedInAsync(DemoLogins.CountyAdmin);
        var units = await DemoUnits.LoadAsync(browser.App);
        var granted = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(admin, "/api/v1/accounts",
            new { name = "自设密码站长", phone = "13733330002", role = "StationAdmin", unitId = units.OtherStation.Id });
        Assert.Equal(System.Net.HttpStatusCode.Created, granted.StatusCode);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/login?mode=sms");
        await page.FillAsync("#sms-phone", "13733330002");
        await page.ClickAsync("button[value=send]");
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("验证码已发送");
        await page.FillAsync("#sms-phone", "13733330002");
        await page.FillAsync("#sms-code", await browser.App.LatestSmsCodeAsync("13733330002"));
        await page.ClickAsync("button[value=login]");
        await page.WaitForURLAsync(url => url.Contains("/admin", StringComparison.Ordinal));
        await BrowserApp.WaitForConsoleAsync(page);

        await page.ClickAsync("a[href='/account/password']");
        await page.ClickAsync("#send-code");
        await Assertions.Expect(page.Locator("#password-notice")).ToContainTextAsync("137****0002");
        await page.FillAsync("#code", await browser.App.LatestSmsCodeAsync("13733330002"));
        await page.FillAsync("#new", "Mine#2026ok");
        await page.FillAsync("#confirm", "Mine#2026ok");
        await page.ClickAsync("#password-save");

        await Assertions.Expect(page.Locator("#password-notice")).ToContainTextAsync("密码已修改");
        await BrowserApp.ScreenshotAsync(page, "account-password");
        await browser.App.SignedInAsync("13733330002", "Mine#2026ok");
    }
}
