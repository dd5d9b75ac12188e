using System.Net;
using System.Net.Http.Json;
using CivicPractice.E2E.Infrastructure;
using CivicPractice.Web.Features.Activities;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CivicPractice.E2E.Features;

/// <summary>The organiser's QR code opens a page on the volunteer's phone that checks them in with one tap.</summary>
[Collection(nameof(BrowserCollection))]
public sealed class CheckinTests(BrowserApp browser)
{
    [Fact]
    public async Task ScanningTheCode_OnAPhone_SignsTheVolunteerInAndChecksThemIn()
    {
        var units = await DemoUnits.LoadAsync(browser.App);
        var organiser = await browser.App.SignedInAsync(DemoLogins.StationAdmin);
        var starts = DateTimeOffset.UtcNow.AddMinutes(30);
        var created = await organiser.PostAsJsonAsync("/api/v1/activities", new CreateActivityRequest
        {
            UnitId = units.Station.Id, Title = "扫码签到演练", Category = "志愿服务", Address = "社区服务中心", StartsAt = starts, EndsAt = starts.AddHours(2),
            SignupOpensAt = DateTimeOffset.UtcNow.AddMinutes(-1), SignupClosesAt = starts, Seats = 5,
        });
        var activity = (await created.Content.ReadFromJsonAsync<ActivityDto>(Json.Options))!.Id;
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsync($"/api/v1/activities/{activity}/publish", null)).StatusCode);
        var volunteer = await browser.App.SignedInAsync(DemoLogins.Volunteer);
        Assert.Equal(HttpStatusCode.OK, (await volunteer.PostAsync($"/api/v1/me/activities/{activity}/signup", null)).StatusCode);
        var code = (await organiser.GetFromJsonAsync<CheckinCode>($"/api/v1/activities/{activity}/checkin-code", Json.Options))!;

        var phone = await browser.NewPageAsync(375, 812);
        await phone.GotoAsync(new Uri(code.Url).PathAndQuery);
        await phone.FillAsync("#phone", DemoLogins.Volunteer);
        await phone.FillAsync("#password", DemoLogins.Password);
        await phone.ClickAsync("#login-submit");
        await Assertions.Expect(phone.Locator("#checkin-title")).ToHaveTextAsync("扫码签到演练");
        await phone.ClickAsync("#checkin-in");

        await Assertions.Expect(phone.Locator("#checkin-notice")).ToContainTextAsync("签到成功");
        Assert.False(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "the check-in page scrolls sideways on a phone");
        await BrowserApp.ScreenshotAsync(phone, "portal-checkin");
        var mine = await volunteer.GetFromJsonAsync<List<SignupDto>>("/api/v1/me/activities", Json.Options);
        Assert.NotNull(mine!.Single(s => s.ActivityId == activity).CheckedInAt);
    }
}
