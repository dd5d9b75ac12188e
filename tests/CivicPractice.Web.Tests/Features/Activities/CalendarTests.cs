using System.Net;
using System.Net.Http.Json;
using CivicPractice.Web.Features.Activities;
using CivicPractice.Web.Tests.Infrastructure;

namespace CivicPractice.Web.Tests.Features.Activities;

/// <summary>Activities go into the calendar apps people already use, at the right time in China.</summary>
public sealed class CalendarTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    [Fact]
    public async Task AnActivitysIcs_AndAVolunteersFeed_ParseWithTheRightTimesInAsiaShanghai_AndAForgedFeedIsRefused()
    {
        var units = await DemoUnits.LoadAsync(app);
        var organiser = await app.SignedInAsync(DemoLogins.StationAdmin);
        var starts = new DateTimeOffset(2030, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));
        var created = await organiser.PostAsJsonAsync("/api/v1/activities", new CreateActivityRequest
        {
            UnitId = units.Station.Id, Title = "端午包粽子", Category = "文化惠民", Address = "村文化礼堂", StartsAt = starts, EndsAt = starts.AddHours(2.5),
            SignupOpensAt = DateTimeOffset.UtcNow.AddMinutes(-1), Seats = 30,
        });
        var activity = (await created.Content.ReadFromJsonAsync<ActivityDto>(Json.Options))!.Id;
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsync($"/api/v1/activities/{activity}/publish", null)).StatusCode);

        var single = Ical.Net.Calendar.Load(await organiser.GetStringAsync($"/api/v1/activities/{activity}/ics"))!;
        var e = Assert.Single(single.Events);
        Assert.Equal(("端午包粽子", "Asia/Shanghai", 9, 0), (e.Summary, e.Start!.TzId, e.Start.Hour, e.Start.Minute));
        Assert.Equal(new DateTime(2030, 6, 1, 1, 0, 0, DateTimeKind.Utc), e.Start.AsUtc);
        Assert.Equal(new DateTime(2030, 6, 1, 3, 30, 0, DateTimeKind.Utc), e.End!.AsUtc);

        var phone = (await ActivityVolunteers.ApprovedAsync(app, units.Station, "1791000", 1))[0];
        var volunteer = await app.SignedInBySmsAsync(phone);
        Assert.Equal(HttpStatusCode.OK, (await volunteer.PostAsync($"/api/v1/me/activities/{activity}/signup", null)).StatusCode);
        var link = (await volunteer.GetFromJsonAsync<CalendarLink>("/api/v1/me/calendar-link", Json.Options))!;
        var path = new Uri(link.Url).AbsolutePath;

        var feed = Ical.Net.Calendar.Load(await app.PlainClient().GetStringAsync(path))!; // a calendar app: no session
        Assert.Equal(activity.ToString(), Assert.Single(feed.Events).Uid);
        var token = path["/api/v1/calendar/".Length..^".ics".Length];
        var forged = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        await ProblemAssert.IsProblemAsync(await app.PlainClient().GetAsync($"/api/v1/calendar/{forged}.ics"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await app.PlainClient().GetAsync("/api/v1/calendar/not-a-token.ics"), HttpStatusCode.NotFound);
    }
}
