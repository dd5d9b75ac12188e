using CivicPractice.E2E.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;

namespace CivicPractice.E2E.Features;

[Collection(nameof(BrowserCollection))]
public sealed class LoginTests(BrowserApp browser)
{
    [Fact]
    public async Task ReturnUrl_WithChinese_SignsIn_AndLandsOnThatPage()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/login?returnUrl=/admin/volunteers?q=张");
        await page.FillAsync("#phone", DemoLogins.CountyAdmin);
        await page.FillAsync("#password", DemoLogins.Password);
        await page.ClickAsync("#login-submit");

        await page.WaitForURLAsync(url => url.Contains("/admin/volunteers", StringComparison.Ordinal));
        Assert.Contains("q=%E5%BC%A0", page.Url, StringComparison.OrdinalIgnoreCase);
        await BrowserApp.WaitForConsoleAsync(page);
        await page.Context.CloseAsync();
    }
}
