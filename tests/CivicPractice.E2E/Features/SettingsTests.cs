using CivicPractice.E2E.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CivicPractice.E2E.Features;

[Collection(nameof(BrowserCollection))]
public sealed class SettingsTests(BrowserApp browser)
{
    [Fact]
    public async Task CountyAdmin_AddsAServiceInterest_ThatTheRegistrationFormOffers()
    {
        var page = await browser.SignInAsync(DemoLogins.CountyAdmin);
        await page.GotoAsync("/admin/settings");
        await BrowserApp.WaitForConsoleAsync(page);

        var interests = page.Locator(".card", new() { HasText = "服务意向（" });
        await interests.Locator("input[placeholder='新增选项']").FillAsync("垃圾分类宣传");
        await interests.GetByRole(AriaRole.Button, new() { Name = "添加" }).ClickAsync();
        await Assertions.Expect(interests).ToContainTextAsync("垃圾分类宣传");
        await BrowserApp.ScreenshotAsync(page, "console-county-settings");

        var phone = await browser.NewPageAsync(375, 812);
        await phone.GotoAsync("/volunteer/register");
        await Assertions.Expect(phone.Locator("label.choice-chip", new() { HasText = "垃圾分类宣传" })).ToBeVisibleAsync();
        Assert.True(await browser.App.WithDbAsync(db => db.VolunteerOptions.AnyAsync(o => o.Name == "垃圾分类宣传" && o.IsActive)));
    }

    [Fact]
    public async Task CountyAdmin_NamesTheTiers_AndSeesTheServicePlatformList()
    {
        var page = await browser.SignInAsync(DemoLogins.CountyAdmin);
        await page.GotoAsync("/admin/settings");
        await BrowserApp.WaitForConsoleAsync(page);
        var platforms = page.Locator(".card", new() { HasText = "服务平台（阵地所属平台）" });
        await Assertions.Expect(platforms).ToContainTextAsync("网格服务平台");
        await Assertions.Expect(platforms).ToContainTextAsync("扶贫攻坚服务平台");

        try
        {
            await page.FillAsync("#tier-squadron", "小队");
            await page.FillAsync("#tier-squad", "小分队");
            await page.ClickAsync("#tier-save");
            await Assertions.Expect(page.Locator(".toast", new() { HasText = "总队—大队—小队" })).ToBeVisibleAsync();
            await BrowserApp.ScreenshotAsync(page, "console-settings-team-tiers");

            await page.GotoAsync("/admin/teams");
            await BrowserApp.WaitForConsoleAsync(page);
            await page.Locator("#team-tree").GetByText("志愿服务大队").First.ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "新增小分队" })).ToBeVisibleAsync();
            Assert.True(await browser.App.WithDbAsync(db => db.Teams.AnyAsync(t => t.Kind == CivicPractice.Domain.Teams.TeamKind.Squadron && t.Name.EndsWith("志愿服务小队"))));
            await BrowserApp.ScreenshotAsync(page, "console-teams-county-tier-names");
        }
        finally
        {
            await page.GotoAsync("/admin/settings");
            await BrowserApp.WaitForConsoleAsync(page);
            await page.FillAsync("#tier-squadron", "中队");
            await page.FillAsync("#tier-squad", "小队");
            await page.ClickAsync("#tier-save");
            await Assertions.Expect(page.Locator(".toast", new() { HasText = "总队—大队—中队" })).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task CountyAdmin_SetsTheRegistrationTarget_ThatTheHomeMeasuresAgainst()
    {
        var page = await browser.SignInAsync(DemoLogins.CountyAdmin);
        await page.GotoAsync("/admin/settings");
        await BrowserApp.WaitForConsoleAsync(page);
        try
        {
            await page.FillAsync("#settings-registration-target", "0.2");
            await page.ClickAsync("#settings-registration-target-save");
            await Assertions.Expect(page.GetByText("志愿者注册率目标为 0.2%。")).ToBeVisibleAsync();
            await BrowserApp.ScreenshotAsync(page, "console-county-settings-target");

            await page.GotoAsync("/admin");
            await BrowserApp.WaitForConsoleAsync(page);
            // The demo database registers about 0.3 % of the people: below 13 %, above 0.2 %.
            await Assertions.Expect(page.Locator("#home-registration")).ToContainTextAsync("目标 ≥ 0.2%");
            await Assertions.Expect(page.Locator("#home-rate")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("text-success"));
        }
        finally
        {
            await browser.App.WithDbAsync(async db =>
            {
                foreach (var county in await db.Counties.ToListAsync()) county.SetRegistrationTarget(13);
                return await db.SaveChangesAsync();
            });
        }
    }
}
