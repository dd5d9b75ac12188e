using CivicPractice.E2E.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CivicPractice.E2E.Features;

/// <summary>The Content-Security-Policy and the other headers must not break a page: every page works and the browser reports no violation.</summary>
[Collection(nameof(BrowserCollection))]
public sealed class SecurityTests(BrowserApp browser)
{
    [Fact]
    public async Task ConsoleAndPortal_RunUnderTheCsp_WithoutViolations()
    {
        var page = await browser.SignInAsync(DemoLogins.CountyAdmin);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error") violations.Add($"{page.Url}: {message.Text}");
        };
        // Every violation, whether or not the browser also logs it, becomes a console error.
        await page.Context.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))");

        foreach (var path in new[] { "/admin", "/admin/org", "/admin/accounts", "/admin/volunteers", "/admin/teams", "/admin/settings", "/admin/audit", "/admin/sms" })
        {
            var response = await page.GotoAsync(path);
            Assert.Contains("'nonce-", await response!.HeaderValueAsync("content-security-policy"));
            // The circuit (a WebSocket) connects and the page renders interactively under the policy.
            await BrowserApp.WaitForConsoleAsync(page);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
        // A console page still reacts to input under the policy.
        await page.GotoAsync("/admin/org");
        await BrowserApp.WaitForConsoleAsync(page);
        await page.FillAsync("#org-search", "实践所");
        await page.ClickAsync("#org-search-button");
        await Assertions.Expect(page.Locator("#org-search-results")).ToContainTextAsync("实践所");

        foreach (var path in new[] { "/", "/volunteer/register", "/me", "/account/login", "/docs/" })
        {
            var response = await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.True(response!.Status < 400, $"{path} answered {response.Status}");
        }
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("文明实践云");
        await BrowserApp.ScreenshotAsync(page, "docs-under-csp");

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public async Task Responses_NameNoServer_AndForbidSniffing()
    {
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync("/account/login");
        var headers = await response!.AllHeadersAsync();

        Assert.False(headers.ContainsKey("server"), "the Server header names the web server");
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"]);
        await page.Context.CloseAsync();
    }
}
