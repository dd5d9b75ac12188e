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
}
