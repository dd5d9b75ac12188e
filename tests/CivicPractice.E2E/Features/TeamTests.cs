using CivicPractice.E2E.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CivicPractice.E2E.Features;

[Collection(nameof(BrowserCollection))]
public sealed class TeamTests(BrowserApp browser)
{
    [Fact]
    public async Task CountyAdmin_OpensADetachment_AndSeesItsMembers()
    {
        var page = await browser.SignInAsync(DemoLogins.CountyAdmin);
        await page.GotoAsync("/admin/teams");
        await BrowserApp.WaitForConsoleAsync(page);

        await Assertions.Expect(page.Locator("#team-name")).ToContainTextAsync("志愿服务总队");
        await page.Locator("#team-tree").GetByText("文艺志愿服务支队").ClickAsync();
        await Assertions.Expect(page.Locator("#team-name")).ToHaveTextAsync("文艺志愿服务支队");
        await Assertions.Expect(page.Locator("#team-detail")).ToContainTextAsync("文联");
        await Assertions.Expect(page.Locator("#team-members tbody tr").First).ToContainTextAsync("在队");

        await ChineseText.AssertRendersAsync(page, "志愿服务队伍");
        await BrowserApp.ScreenshotAsync(page, "console-team-page");
    }

    [Fact]
    public async Task ALeaderAppointedInTheTeam_LandsOnTheirTeam_AndTheBrandLinkKeepsThemThere()
    {
        // The demo leader holds no leader account role: only the squadron's 队长 membership role.
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#phone", DemoLogins.TeamLeader);
        await page.FillAsync("#password", DemoLogins.Password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(url => url.EndsWith("/admin/teams", StringComparison.Ordinal));
        await BrowserApp.WaitForConsoleAsync(page);

        await Assertions.Expect(page.Locator("#team-name")).ToContainTextAsync("志愿服务中队");
        await Assertions.Expect(page.Locator("#team-tree")).Not.ToContainTextAsync("支队");
        await Assertions.Expect(page.Locator(".console-role")).ToHaveTextAsync("队长");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "组织架构" })).ToHaveCountAsync(0);
        await BrowserApp.ScreenshotAsync(page, "console-team-leader");

        await page.ClickAsync(".console-brand");
        await page.WaitForURLAsync(url => url.EndsWith("/admin/teams", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#team-name")).ToContainTextAsync("志愿服务中队");
    }

    [Fact]
    public async Task AVolunteer_WhoOpensTheConsoleHome_IsTakenToTheirOwnPage()
    {
        var page = await browser.NewPageAsync(375, 812);
        await page.GotoAsync("/account/login");
        await page.FillAsync("#phone", DemoLogins.Volunteer);
        await page.FillAsync("#password", DemoLogins.Password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(url => url.EndsWith("/me", StringComparison.Ordinal));

        await page.GotoAsync("/admin");

        await page.WaitForURLAsync(url => url.EndsWith("/me", StringComparison.Ordinal));
        await BrowserApp.ScreenshotAsync(page, "volunteer-console-home-to-me");
    }
}
