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
