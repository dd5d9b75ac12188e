using CivicPractice.E2E.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CivicPractice.E2E.Features;

/// <summary>The console wears the portal's red, and its tables fit an ordinary office screen (1366x768).</summary>
[Collection(nameof(BrowserCollection))]
public sealed class BrandTests(BrowserApp browser)
{
    private const string BrandRed = "rgb(200, 22, 29)";
    private const string BrandRedDark = "rgb(161, 15, 21)";

    [Fact]
    public async Task ConsoleButtons_Hamburger_And404AndAccessDenied_AreInTheBrandRed()
    {
        var page = await browser.SignInAsync(DemoLogins.CountyAdmin);
        await page.GotoAsync("/admin/volunteers");
        await BrowserApp.WaitForConsoleAsync(page);
        Assert.Equal(BrandRed, await BackgroundAsync(page.GetByRole(AriaRole.Button, new() { Name = "查询" })));
        Assert.Equal(BrandRedDark, await BackgroundAsync(page.Locator(".layout-header-bar")));

        foreach (var path in new[] { "/not-found", "/account/denied" })
        {
            await page.GotoAsync(path);
            Assert.Equal(BrandRed, await BackgroundAsync(page.Locator(".empty-state .btn")));
            await BrowserApp.ScreenshotAsync(page, "brand" + path.Replace('/', '-'));
        }
    }

    [Fact]
    public async Task At1366x768_TheVolunteerTableShowsItsStatus_AndTheRosterItsRoleBackboneAndStatus()
    {
        var page = await browser.SignInAsync(DemoLogins.CountyAdmin);
        await page.SetViewportSizeAsync(1366, 768);

        await page.GotoAsync("/admin/volunteers");
        await BrowserApp.WaitForConsoleAsync(page);
        await page.Locator("#volunteer-table tbody tr").First.WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.Artifacts, "console-volunteers-1366.png") });
        await AssertColumnInViewAsync(page, "#volunteer-table", "状态");

        await page.GotoAsync("/admin/teams");
        await BrowserApp.WaitForConsoleAsync(page);
        await page.Locator("#team-tree").GetByText("文艺志愿服务支队").ClickAsync();
        await Assertions.Expect(page.Locator("#team-members tbody tr").First).ToContainTextAsync("在队");
        await page.Locator("#team-members").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.Artifacts, "console-team-roster-1366.png") });
        foreach (var column in new[] { "职务", "骨干", "状态" }) await AssertColumnInViewAsync(page, "#team-members", column);
    }

    private static Task<string> BackgroundAsync(ILocator locator) =>
        locator.First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");

    /// <summary>The column's header lies inside the window and inside the table's own scroll box, without scrolling either sideways.</summary>
    private static async Task AssertColumnInViewAsync(IPage page, string table, string column)
    {
        var outside = await page.EvaluateAsync<string?>(@"([table, column]) => {
            const th = [...document.querySelectorAll(table + ' thead th')].find(h => h.textContent.trim() === column);
            if (!th) return 'no such column';
            const r = th.getBoundingClientRect();
            const box = th.closest('.table-scroll, .table-wrapper, .table-responsive') ?? document.documentElement;
            const b = box.getBoundingClientRect();
            const right = Math.min(window.innerWidth, b.right);
            // Not covered either (a fixed column of row buttons lies over the columns it scrolls past).
            const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            const covered = !top || top.closest('th') !== th;
            return r.left >= b.left - 1 && r.right <= right + 1 && r.width > 20 && !covered ? null
                : `header at ${Math.round(r.left)}..${Math.round(r.right)}, visible ${Math.round(b.left)}..${Math.round(right)}${covered ? ', covered' : ''}`;
        }", new[] { table, column });
        Assert.True(outside is null, $"{table}: the {column} column is out of view at {page.ViewportSize!.Width} px ({outside})");
    }
}
