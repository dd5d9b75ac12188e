using CivicPractice.E2E.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using CivicPractice.Domain.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CivicPractice.E2E.Features;

[Collection(nameof(BrowserCollection))]
public sealed class ConsoleTests(BrowserApp browser)
{
    [Fact]
    public async Task CountyAdmin_AddsAStationUnderAnInstitute_AndFindsItInTheTree()
    {
        var page = await browser.SignInAsync(DemoLogins.CountyAdmin);
        await page.GotoAsync("/admin/org");
        await BrowserApp.WaitForConsoleAsync(page);

        // The center is selected first and its institutes are listed; open the first institute.
        var tree = page.Locator("#org-tree");
        var institute = tree.GetByText("新时代文明实践所").First;
        var instituteName = (await institute.InnerTextAsync()).Trim();
        await institute.ClickAsync();
        await Assertions.Expect(page.Locator("#org-selected-name")).ToHaveTextAsync(instituteName);

        await page.GetByRole(AriaRole.Button, new() { Name = "新增实践站" }).ClickAsync();
        await page.FillAsync("#unit-name", "浏览器测试村新时代文明实践站");
        await page.FillAsync("#unit-code", "E2E-S-001");
        await page.FillAsync("#unit-population", "1860");
        await page.ClickAsync("#unit-save");

        // It appears among the institute's children, in the tree under the institute, and in search.
        await Assertions.Expect(page.Locator("#org-children")).ToContainTextAsync("浏览器测试村新时代文明实践站");
        await Assertions.Expect(tree.GetByText("浏览器测试村新时代文明实践站")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".modal-backdrop")).ToHaveCountAsync(0);
        await BrowserApp.ScreenshotAsync(page, "console-org-tree");
        await page.FillAsync("#org-search", "浏览器测试村");
        await page.ClickAsync("#org-search-button");
        await page.Locator("#org-search-results").GetByText("浏览器测试村新时代文明实践站").ClickAsync();
        await Assertions.Expect(page.Locator("#org-selected-name")).ToHaveTextAsync("浏览器测试村新时代文明实践站");
        await Assertions.Expect(page.Locator("#org-detail")).ToContainTextAsync("E2E-S-001");

        await ChineseText.AssertRendersAsync(page, "组织架构");
        await BrowserApp.ScreenshotAsync(page, "console-org-search");
    }

    [Fact]
    public async Task CountyAdmin_FilesAVenueUnderAPlatformOfTheCountysList()
    {
        var page = await browser.SignInAsync(DemoLogins.CountyAdmin);
        await page.GotoAsync("/admin/org");
        await BrowserApp.WaitForConsoleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "新增阵地" }).ClickAsync();
        var dialog = page.Locator(".modal.show");
        await dialog.Locator("input.form-control:visible").First.FillAsync("浏览器测试网格服务站");
        await dialog.Locator(".select input.form-select").ClickAsync();
        await dialog.Locator(".dropdown-item", new() { HasText = "网格服务平台" }).ClickAsync();
        await BrowserApp.ScreenshotAsync(page, "console-venue-platforms");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        var row = page.Locator("#org-venues tr", new() { HasText = "浏览器测试网格服务站" });
        await Assertions.Expect(row).ToContainTextAsync("网格服务平台");
    }

    [Fact]
    public async Task CountyAdmin_HomeShowsTheNetworkAndTheRegistrationRate()
    {
        var page = await browser.SignInAsync(DemoLogins.CountyAdmin);

        await Assertions.Expect(page.Locator("#home-stats")).ToContainTextAsync("实践站");
        await Assertions.Expect(page.Locator("#home-registration")).ToContainTextAsync("志愿者注册率");
        await Assertions.Expect(page.Locator("#home-approved")).ToContainTextAsync("其中已通过审核");
        await Assertions.Expect(page.Locator("#home-registration")).ToContainTextAsync("目标 ≥ 13%");
        // Every institute of the county has its line with a rate.
        var center = (await DemoUnits.LoadAsync(browser.App)).Center;
        var institutes = await browser.App.WithDbAsync(db => db.OrgUnits.CountAsync(u => u.CountyId == center.CountyId && u.Type == OrgUnitType.Institute && u.IsActive));
        await Assertions.Expect(page.Locator("#home-units tbody tr").Filter(new() { HasText = "实践所" })).ToHaveCountAsync(institutes);
        await Assertions.Expect(page.Locator("#home-units")).ToContainTextAsync("%");
        await BrowserApp.ScreenshotAsync(page, "console-home");
    }

    [Fact]
    public async Task InstituteAdmin_SeesTheirStations_AndAPopulationThatDisagreesWithThemIsFlagged()
    {
        var units = await DemoUnits.LoadAsync(browser.App);
        // The institute's own figure is 1 000 more than its stations add up to.
        await browser.App.WithDbAsync(async db =>
        {
            var institute = await db.OrgUnits.SingleAsync(u => u.Id == units.Institute.Id);
            institute.Update(new OrgUnitDetails(institute.Name, institute.Code, institute.Address, null, null, institute.ResidentPopulation + 1_000, null, null, null, null), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        var page = await browser.SignInAsync(DemoLogins.InstituteAdmin);

        await Assertions.Expect(page.Locator("#home-population-flag")).ToContainTextAsync("与下级单位合计");
        await Assertions.Expect(page.Locator("#home-units")).ToContainTextAsync(units.Station.Name);
        await ChineseText.AssertRendersAsync(page, "工作台");
        await BrowserApp.ScreenshotAsync(page, "console-home-institute");
    }

    [Fact]
    public async Task WrongPassword_ShowsAChineseError()
    {
        var page = await browser.NewPageAsync(375, 812);
        await page.GotoAsync("/account/login");
        await page.FillAsync("#phone", DemoLogins.InstituteAdmin);
        await page.FillAsync("#password", "Wrong#pass1");
        await page.ClickAsync("#login-submit");

        await Assertions.Expect(page.Locator("#login-error")).ToContainTextAsync("手机号或密码错误");
        await BrowserApp.ScreenshotAsync(page, "login-error-phone");
    }

    [Fact]
    public async Task CountyAdmin_ReadsTheAuditLog()
    {
        var page = await browser.SignInAsync(DemoLogins.CountyAdmin);
        await page.GotoAsync("/admin/audit");
        await BrowserApp.WaitForConsoleAsync(page);

        await Assertions.Expect(page.Locator("#audit-table")).ToContainTextAsync("登录成功");
        await ChineseText.AssertRendersAsync(page, "审计日志");
        await BrowserApp.ScreenshotAsync(page, "console-audit-log");
    }

    [Fact]
    public async Task StationAdmin_SeesOnlyTheirStationInTheTree_AndNoAuditMenu()
    {
        var page = await browser.SignInAsync(DemoLogins.StationAdmin);
        await page.GotoAsync("/admin/org");
        await BrowserApp.WaitForConsoleAsync(page);

        await Assertions.Expect(page.Locator("#org-tree")).ToContainTextAsync("新时代文明实践站");
        await Assertions.Expect(page.Locator("#org-tree")).Not.ToContainTextAsync("新时代文明实践所");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "审计日志" })).ToHaveCountAsync(0);
        await BrowserApp.ScreenshotAsync(page, "console-org-tree-station-admin");
    }
}
