using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CivicPractice.Domain.Identity;
using CivicPractice.E2E.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CivicPractice.E2E.Features;

[Collection(nameof(BrowserCollection))]
public sealed class SessionTests(BrowserApp browser)
{
    [Fact]
    public async Task RevokedStationAdmin_IsTakenOutOfTheOpenVolunteersTab()
    {
        const string phone = "13744440001", password = "Revo#2026a";
        // The demo station admin's station has volunteers to list.
        var stationAdmin = MobileNumber.Mask(DemoLogins.StationAdmin);
        var stationId = await browser.App.WithDbAsync(db => db.RoleAssignments
            .Join(db.Users, r => r.UserId, u => u.Id, (r, u) => new { r.OrgUnitId, r.Role, u.PhoneMasked })
            .Where(x => x.Role == RoleKind.StationAdmin && x.PhoneMasked == stationAdmin)
            .Select(x => x.OrgUnitId).FirstAsync());
        using var county = await ApiClientAsync(DemoLogins.CountyAdmin, DemoLogins.Password);
        var granted = await county.PostAsJsonAsync("/api/v1/accounts", new { name = "撤权站长", phone, role = nameof(RoleKind.StationAdmin), unitId = stationId });
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        await browser.App.SetOwnPasswordAsync(phone, password);
        var assignmentId = (await granted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assignmentId").GetGuid();

        var page = await browser.SignInAsync(phone, password);
        await page.GotoAsync("/admin/volunteers");
        await BrowserApp.WaitForConsoleAsync(page);
        await Assertions.Expect(page.Locator("#volunteer-table tbody tr").First).ToContainTextAsync("****");

        Assert.Equal(HttpStatusCode.NoContent, (await county.DeleteAsync($"/api/v1/accounts/assignments/{assignmentId}")).StatusCode);

        // The open tab learns of it at the circuit's next revalidation (seconds in tests) and leaves the console.
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal) || url.Contains("/account/denied", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#volunteer-table")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("****");
        await BrowserApp.ScreenshotAsync(page, "console-revoked-admin-signed-out");
    }

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

    /// <summary>An API caller of its own (cookies, no browser), the way another admin's tool would call.</summary>
    private async Task<HttpClient> ApiClientAsync(string phone, string password)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(browser.BaseUrl) };
        // An API client says so, as the cross-site guard asks of every write.
        client.DefaultRequestHeaders.Add("X-Requested-With", "XMLHttpRequest");
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { phone, password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return client;
    }
}
