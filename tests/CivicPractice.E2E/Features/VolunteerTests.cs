using CivicPractice.Domain.Volunteers;
using CivicPractice.E2E.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CivicPractice.E2E.Features;

[Collection(nameof(BrowserCollection))]
public sealed class VolunteerTests(BrowserApp browser)
{
    [Fact]
    public async Task APerson_RegistersOnAPhone_AndTheStationAdminApprovesThem()
    {
        var stationName = await browser.App.WithDbAsync(db =>
            (from r in db.RoleAssignments
             join u in db.OrgUnits on r.OrgUnitId equals u.Id
             where r.Role == Domain.Identity.RoleKind.StationAdmin
             join user in db.Users on r.UserId equals user.Id
             where user.PhoneMasked == "138****0003"
             select u.Name).SingleAsync());
        var first17 = "430121" + "19920417" + "135";
        var idNumber = first17 + ChineseIdNumber.CheckCharacter(first17);

        var phone = await browser.NewPageAsync(375, 812);
        await phone.GotoAsync("/");
        await phone.ClickAsync("#portal-register");
        await phone.FillAsync("#reg-phone", "13966660001");
        await phone.ClickAsync("#reg-send-code");
        await Assertions.Expect(phone.GetByText("验证码已发送")).ToBeVisibleAsync();
        var code = await browser.App.LatestSmsCodeAsync("13966660001");
        await phone.FillAsync("#reg-code", code);
        await phone.FillAsync("#reg-name", "浏览器志愿者");
        await phone.FillAsync("#reg-id", idNumber.ToLowerInvariant());
        await phone.SelectOptionAsync("#reg-political", new SelectOptionValue { Label = "中共党员" });
        await phone.SelectOptionAsync("#reg-station", new SelectOptionValue { Label = stationName });
        await phone.Locator("label.choice-chip", new() { HasText = "敬老爱老" }).ClickAsync();
        await phone.Locator("label.choice-chip", new() { HasText = "周末" }).ClickAsync();
        await phone.CheckAsync("#reg-consent");
        Assert.False(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "the registration page scrolls sideways on a phone");
        await ChineseText.AssertRendersAsync(phone, "志愿者实名注册");
        await BrowserApp.ScreenshotAsync(phone, "portal-volunteer-register-phone");
        await phone.ClickAsync("#reg-submit");
        await Assertions.Expect(phone.Locator("#register-result")).ToContainTextAsync("提交成功");
        await Assertions.Expect(phone.Locator("#register-result")).ToContainTextAsync(stationName);

        var console = await browser.SignInAsync(DemoLogins.StationAdmin);
        await console.GotoAsync("/admin/volunteers");
        await BrowserApp.WaitForConsoleAsync(console);
        await console.FillAsync("#volunteer-search", "浏览器志愿者");
        await console.PressAsync("#volunteer-search", "Enter");
        var row = console.Locator("#volunteer-table tbody tr", new() { HasText = "浏览器志愿者" });
        await Assertions.Expect(row).ToContainTextAsync("待审核");
        await Assertions.Expect(row).ToContainTextAsync("139****0001");
        await row.GetByRole(AriaRole.Button, new() { Name = "通过" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("已通过");
        await Assertions.Expect(row).ToContainTextAsync("439901");
        await console.FillAsync("#volunteer-search", "");
        await console.PressAsync("#volunteer-search", "Enter");
        await Assertions.Expect(console.Locator("#volunteer-table tbody tr").Nth(3)).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(console, "console-volunteers");

        var stored = await browser.App.WithDbAsync(db => db.Volunteers.SingleAsync(v => v.Name == "浏览器志愿者"));
        Assert.Equal(VolunteerStatus.Approved, stored.Status);
        Assert.Equal(Gender.Male, stored.Gender);
    }

    [Fact]
    public async Task TheVolunteerPager_SaysMoreThanTheCap_ForACounty_AndTheExactCount_ForAStation()
    {
        var county = await browser.SignInAsync(DemoLogins.CountyAdmin);
        await county.GotoAsync("/admin/volunteers");
        await BrowserApp.WaitForConsoleAsync(county);
        await Assertions.Expect(county.Locator("#volunteer-page-info")).ToHaveTextAsync("1 - 20 共 200+ 条");
        // The stock "共 200 条" beside it is not shown (its text is sized away), the page-size choice still is.
        // The stock "共 200 条" beside it is not shown; the page-size choice still is.
        await Assertions.Expect(county.Locator(".table-page-info > .me-2")).ToBeHiddenAsync();
        await Assertions.Expect(county.Locator(".table-page-info .select")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(county, "volunteers-count-capped");

        var stationPath = await browser.App.WithDbAsync(db => (from r in db.RoleAssignments
            join u in db.OrgUnits on r.OrgUnitId equals u.Id
            join user in db.Users on r.UserId equals user.Id
            where r.Role == Domain.Identity.RoleKind.StationAdmin && user.PhoneMasked == "138****0003"
            select u.Path).SingleAsync());
        var inStation = await browser.App.WithDbAsync(db => db.Volunteers.CountAsync(v => v.UnitPath.StartsWith(stationPath)));
        var station = await browser.SignInAsync(DemoLogins.StationAdmin);
        await station.GotoAsync("/admin/volunteers");
        await BrowserApp.WaitForConsoleAsync(station);
        await Assertions.Expect(station.Locator("#volunteer-page-info")).ToHaveTextAsync($"1 - {Math.Min(20, inStation)} 共 {inStation} 条");
    }

    [Fact]
    public async Task CountyAdmin_ImportsARoster_AndSeesTheRejectedRowsWithReasons()
    {
        var station = await browser.App.WithDbAsync(db => db.OrgUnits.Where(u => u.Type == Domain.Organization.OrgUnitType.Station && u.IsActive).Select(u => u.Code).FirstAsync());
        var rows = Enumerable.Range(0, 30).Select(i =>
        {
            var first17 = "430121" + new DateOnly(1970, 3, 1).AddDays(i * 37).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "246";
            var check = ChineseIdNumber.CheckCharacter(first17);
            var wrongCheck = check == '0' ? '1' : '0';
            return new Dictionary<string, object?>
            {
                ["姓名"] = $"名册{i:D2}", ["身份证号码"] = first17 + (i == 7 ? wrongCheck : check),
                ["手机号"] = i == 12 ? "1234" : $"168000000{i:D2}", ["政治面貌"] = "群众", ["所属实践站"] = station,
                ["服务意向"] = "便民服务", ["专业技能"] = "", ["人员标签"] = "", ["可服务时间"] = "周末",
            };
        }).ToList();
        var file = Path.Combine(BrowserApp.Artifacts, "roster.xlsx");
        await MiniExcelLibs.MiniExcel.SaveAsAsync(file, rows, overwriteFile: true);

        var console = await browser.SignInAsync(DemoLogins.CountyAdmin);
        await console.GotoAsync("/admin/volunteers");
        await BrowserApp.WaitForConsoleAsync(console);
        await console.ClickAsync("#volunteer-import");
        await console.SetInputFilesAsync("#volunteer-import-file", file);

        await Assertions.Expect(console.Locator("#volunteer-import-result")).ToContainTextAsync("导入 28 人");
        await Assertions.Expect(console.Locator("#volunteer-import-errors")).ToContainTextAsync("校验位");
        await Assertions.Expect(console.Locator("#volunteer-import-errors")).ToContainTextAsync("手机号");
        await Assertions.Expect(console.Locator("#volunteer-import-progress")).ToContainTextAsync("导入完成");
        await BrowserApp.ScreenshotAsync(console, "console-volunteer-import");
    }

    [Fact]
    public async Task AnImportWithManyBadRows_ListsTheFirst200_AndTheFullReportDownloads()
    {
        var station = await browser.App.WithDbAsync(db => db.OrgUnits.Where(u => u.Type == Domain.Organization.OrgUnitType.Station && u.IsActive).Select(u => u.Code).FirstAsync());
        var rows = Enumerable.Range(0, 230).Select(i =>
        {
            var first17 = "430121" + new DateOnly(1971, 3, 1).AddDays(i * 11).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "357";
            return new Dictionary<string, object?>
            {
                ["姓名"] = $"错号{i:D3}", ["身份证号码"] = first17 + ChineseIdNumber.CheckCharacter(first17), ["手机号"] = "1234",
                ["政治面貌"] = "群众", ["所属实践站"] = station,
            };
        }).ToList();
        var file = Path.Combine(BrowserApp.Artifacts, "roster-bad-phones.xlsx");
        await MiniExcelLibs.MiniExcel.SaveAsAsync(file, rows, overwriteFile: true);

        var console = await browser.SignInAsync(DemoLogins.CountyAdmin);
        await console.GotoAsync("/admin/volunteers");
        await BrowserApp.WaitForConsoleAsync(console);
        await console.ClickAsync("#volunteer-import");
        await console.SetInputFilesAsync("#volunteer-import-file", file);

        await Assertions.Expect(console.Locator("#volunteer-import-result")).ToContainTextAsync("有误 230 行");
        await Assertions.Expect(console.Locator("#volunteer-import-errors-note")).ToContainTextAsync("前 200 行");
        await Assertions.Expect(console.Locator("#volunteer-import-errors tbody tr")).ToHaveCountAsync(200);
        var download = await console.RunAndWaitForDownloadAsync(() => console.ClickAsync("#volunteer-import-report"));
        var report = Path.Combine(BrowserApp.Artifacts, "volunteer-import-report.xlsx");
        await download.SaveAsAsync(report);
        Assert.Equal(230, MiniExcelLibs.MiniExcel.Query(report, useHeaderRow: true).Count());
        await BrowserApp.ScreenshotAsync(console, "console-volunteer-import-capped");
    }

    [Fact]
    public async Task TheConsoleExport_DownloadsTheWholeRoster_FromTheStreamedFile()
    {
        var county = await browser.App.WithDbAsync(db => db.Counties.Where(c => c.Code == Web.Features.Demo.DemoSeeder.MainCountyCode).Select(c => c.Id).SingleAsync());
        var volunteers = await browser.App.WithDbAsync(db => db.Volunteers.CountAsync(v => v.CountyId == county));
        var console = await browser.SignInAsync(DemoLogins.CountyAdmin);
        await console.GotoAsync("/admin/volunteers");
        await BrowserApp.WaitForConsoleAsync(console);

        var download = await console.RunAndWaitForDownloadAsync(() => console.ClickAsync("#volunteer-export"));

        var roster = Path.Combine(BrowserApp.Artifacts, "volunteer-export.xlsx");
        await download.SaveAsAsync(roster);
        var rows = MiniExcelLibs.MiniExcel.Query(roster, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var after = await browser.App.WithDbAsync(db => db.Volunteers.CountAsync(v => v.CountyId == county)); // other tests may register meanwhile
        Assert.InRange(rows.Count, volunteers, after);
        Assert.All(rows.Where(r => !string.IsNullOrEmpty(r["手机号"]?.ToString())), r => Assert.Matches(@"^1\d\d\*{4}\d{4}$", r["手机号"]?.ToString()));
    }

    [Fact]
    public async Task Volunteer_SeesTheirOwnPageOnAPhone_AndAppliesToATeam()
    {
        var phone = await browser.NewPageAsync(375, 812);
        await phone.GotoAsync("/me");
        await Assertions.Expect(phone.Locator("#sms-phone")).ToBeVisibleAsync(); // volunteers are offered the SMS code first
        await phone.Locator("a", new() { HasText = "密码登录" }).ClickAsync();
        await phone.FillAsync("#phone", DemoLogins.Volunteer);
        await phone.FillAsync("#password", DemoLogins.Password);
        await phone.ClickAsync("#login-submit");
        await phone.WaitForURLAsync(url => url.EndsWith("/me", StringComparison.Ordinal));

        await Assertions.Expect(phone.Locator("#me-facts")).ToContainTextAsync("138****0005");
        var team = phone.Locator("#me-teams li", new() { HasText = "科技志愿服务支队" });
        await team.GetByRole(AriaRole.Button, new() { Name = "申请" }).ClickAsync();
        await Assertions.Expect(phone.GetByText("已申请加入“科技志愿服务支队”")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator("#me-teams")).ToContainTextAsync("申请中");
        Assert.False(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "the volunteer page scrolls sideways on a phone");
        await BrowserApp.ScreenshotAsync(phone, "portal-my-volunteer-phone");
    }
}
