using CivicPractice.E2E.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CivicPractice.E2E.Features;

/// <summary>
/// axe-core finds no critical or serious accessibility violation on any page a person reaches: the portal, sign-in
/// and registration anonymously, <c>/me</c> as a volunteer signed in by SMS code, every console page as the county
/// admin and the team console as a team leader.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class AccessibilityTests(BrowserApp browser)
{
    private static readonly string[] Blocking = ["critical", "serious"];

    [Fact]
    public async Task EveryPage_HasNoCriticalOrSeriousAxeViolation()
    {
        var found = new List<string>();

        var visitor = await browser.NewPageAsync();
        foreach (var path in new[] { "/", "/volunteer/register", "/account/login", "/account/login?mode=sms", "/not-found", "/account/denied" })
        {
            await visitor.GotoAsync(path);
            found.AddRange(await ViolationsAsync(visitor, path));
        }

        var volunteer = await SignInBySmsAsync(DemoLogins.Volunteer);
        await Assertions.Expect(volunteer.Locator("#me-facts")).ToBeVisibleAsync();
        found.AddRange(await ViolationsAsync(volunteer, "/me (志愿者)"));

        var admin = await browser.SignInAsync(DemoLogins.CountyAdmin);
        foreach (var (path, ready) in new[]
        {
            ("/admin", "#home-stats"),
            ("/admin/org", "#org-selected-name"),
            ("/admin/accounts", "#account-table tbody tr"),
            ("/admin/volunteers", "#volunteer-table tbody tr"),
            ("/admin/teams", "#team-members tbody tr"),
            ("/admin/settings", "#settings-team-tiers"),
            ("/admin/audit", "#audit-table tbody tr"),
            ("/admin/sms", "#sms-table tbody tr"),
        })
        {
            await admin.GotoAsync(path);
            await BrowserApp.WaitForConsoleAsync(admin);
            await admin.Locator(ready).First.WaitForAsync();
            await admin.WaitForLoadStateAsync(LoadState.NetworkIdle);
            found.AddRange(await ViolationsAsync(admin, path + " (县级管理员)"));
        }
        // A pending registration shows its 待审核 status in the table.
        await admin.GotoAsync("/admin/volunteers");
        await BrowserApp.WaitForConsoleAsync(admin);
        await Assertions.Expect(admin.Locator("#volunteer-table tbody tr", new() { HasText = "待审核" }).First).ToBeVisibleAsync();
        await admin.GotoAsync("/account/password");
        found.AddRange(await ViolationsAsync(admin, "/account/password (县级管理员)"));

        var leader = await browser.NewPageAsync();
        await leader.GotoAsync("/account/login");
        await leader.FillAsync("#phone", DemoLogins.TeamLeader);
        await leader.FillAsync("#password", DemoLogins.Password);
        await leader.ClickAsync("#login-submit");
        await leader.WaitForURLAsync(url => url.EndsWith("/admin/teams", StringComparison.Ordinal));
        await BrowserApp.WaitForConsoleAsync(leader);
        await leader.Locator("#team-members tbody tr").First.WaitForAsync();
        found.AddRange(await ViolationsAsync(leader, "/admin/teams (队长)"));

        Assert.True(found.Count == 0, "axe found critical or serious violations:\n" + string.Join("\n", found));
    }

    /// <summary>A volunteer opens /me, is offered the SMS code, and signs in with the code the outbox received.</summary>
    private async Task<IPage> SignInBySmsAsync(string phone)
    {
        var page = await browser.NewPageAsync(375, 812);
        await page.GotoAsync("/me");
        await page.FillAsync("#sms-phone", phone);
        await page.GetByRole(AriaRole.Button, new() { Name = "获取验证码" }).ClickAsync();
        await Assertions.Expect(page.GetByText("验证码已发送")).ToBeVisibleAsync();
        await page.FillAsync("#sms-code", await browser.App.LatestSmsCodeAsync(phone));
        await page.GetByRole(AriaRole.Button, new() { Name = "登 录" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/me", StringComparison.Ordinal));
        return page;
    }

    private static async Task<IEnumerable<string>> ViolationsAsync(IPage page, string label)
    {
        var result = await page.RunAxe();
        return result.Violations
            .Where(v => Blocking.Contains(v.Impact))
            .Select(v => $"{label}: [{v.Impact}] {v.Id} — {v.Help}\n" + string.Join("\n", v.Nodes.Take(5).Select(n => $"    {n.Target} {Shorten(n.Html)} :: {Shorten(string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message)))}")));
    }

    private static string Shorten(string? text) =>
        text is null ? "" : text.ReplaceLineEndings(" ") is var t && t.Length > 200 ? t[..200] + "…" : t;
}
