using CivicPractice.E2E.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;

namespace CivicPractice.E2E.Features;

[Collection(nameof(BrowserCollection))]
public sealed class SessionTests(BrowserApp browser)
{
    [Fact]
    public async Task LoginPage_AnswersAWrongPasswordAndAnUnknownPhoneAlike()
    {
        var page = await browser.NewPageAsync(375, 812);

        async Task<string> TryAsync(string phone)
        {
            await page.GotoAsync("/account/login");
            await page.FillAsync("#phone", phone);
            await page.FillAsync("#password", "Wrong#pass1");
            await page.ClickAsync("#login-submit");
            return (await page.Locator("#login-error").InnerTextAsync()).Trim();
        }

        var known = await TryAsync(DemoLogins.OtherStationAdmin);
        var unknown = await TryAsync("13712349876");

        Assert.Equal("手机号或密码错误。", unknown);
        Assert.Equal(unknown, known);
        await BrowserApp.ScreenshotAsync(page, "login-error-unknown-phone");
    }

}
