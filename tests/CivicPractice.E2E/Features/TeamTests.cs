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

    [Fact]
    public async Task CountyAdmin_UploadsAJpegLogo_AndTheConsoleShowsIt()
    {
        var file = Path.Combine(BrowserApp.Artifacts, "team-logo.jpg");
        await File.WriteAllBytesAsync(file, Jpeg(96, 64));
        var page = await browser.SignInAsync(DemoLogins.CountyAdmin);
        await page.GotoAsync("/admin/teams");
        await BrowserApp.WaitForConsoleAsync(page);
        await page.Locator("#team-tree").GetByText("科技志愿服务支队").ClickAsync();
        await Assertions.Expect(page.Locator("#team-name")).ToHaveTextAsync("科技志愿服务支队");

        await page.ClickAsync("#team-edit");
        // InputFile wires itself up once the dialog has rendered; a file set earlier is lost.
        await Assertions.Expect(page.Locator("#team-form-name")).ToBeVisibleAsync();
        await page.SetInputFilesAsync("#team-logo-file", file);

        await Assertions.Expect(page.Locator("#team-detail img.team-logo")).ToHaveCountAsync(1);
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('#team-detail img.team-logo'); return i && i.complete && i.naturalWidth === 96 && i.naturalHeight === 64; }");
        await BrowserApp.ScreenshotAsync(page, "console-team-logo");
    }

    /// <summary>A small picture saved as an image editor would save it.</summary>
    private static byte[] Jpeg(int width, int height)
    {
        using var bitmap = new SkiaSharp.SKBitmap(width, height);
        using (var canvas = new SkiaSharp.SKCanvas(bitmap)) canvas.Clear(SkiaSharp.SKColors.DarkRed);
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }
}
