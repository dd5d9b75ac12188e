using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CivicPractice.Domain.Activities;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Features.Activities;
using CivicPractice.Web.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivicPractice.Web.Tests.Features.Activities;

/// <summary>From the QR code on the organiser's screen to confirmed hours in the volunteer's ledger.</summary>
public sealed class CheckinAndHoursTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    [Fact]
    public async Task ScanningTheCode_ChecksTheSignedInVolunteerInOnce_AndForgedOrForeignCodesAreRefused()
    {
        var (organiser, activity, other) = await ActivityStartingSoonAsync("1781000");
        var (me, _) = await SignedUpAsync(activity, "1782000");
        var code = (await organiser.GetFromJsonAsync<CheckinCode>($"/api/v1/activities/{activity}/checkin-code", Json.Options))!;
        Assert.Contains($"/activities/{activity}/checkin?t=", code.Url);
        var otherCode = (await organiser.GetFromJsonAsync<CheckinCode>($"/api/v1/activities/{other}/checkin-code", Json.Options))!;

        var early = await me.PostAsJsonAsync($"/api/v1/me/activities/{activity}/checkout", new { token = code.Token });
        await ProblemAssert.IsProblemAsync(early, HttpStatusCode.Conflict);
        Assert.Contains("尚未签到", await early.Content.ReadAsStringAsync());
        var foreign = await me.PostAsJsonAsync($"/api/v1/me/activities/{activity}/checkin", new { token = otherCode.Token });
        await ProblemAssert.IsProblemAsync(foreign, HttpStatusCode.BadRequest);
        Assert.Contains("与本活动不符", await foreign.Content.ReadAsStringAsync());
        var forged = await me.PostAsJsonAsync($"/api/v1/me/activities/{activity}/checkin", new { token = code.Token[..^2] + "AA" });
        await ProblemAssert.IsProblemAsync(forged, HttpStatusCode.BadRequest);

        var first = await me.PostAsJsonAsync($"/api/v1/me/activities/{activity}/checkin", new { token = code.Token, volunteerId = Guid.NewGuid() });
        var again = await me.PostAsJsonAsync($"/api/v1/me/activities/{activity}/checkin", new { token = code.Token });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var firstAt = (await first.Content.ReadFromJsonAsync<SignupDto>(Json.Options))!.CheckedInAt;
        Assert.NotNull(firstAt);
        Assert.Equal(firstAt, (await again.Content.ReadFromJsonAsync<SignupDto>(Json.Options))!.CheckedInAt);

        // Someone without a phone: the organiser checks them in by hand, and that is audited.
        var (_, handSignup) = await SignedUpAsync(activity, "1785000");
        var byHand = await organiser.PostAsync($"/api/v1/activities/{activity}/signups/{handSignup}/checkin", null);
        Assert.NotNull((await byHand.Content.ReadFromJsonAsync<SignupDto>(Json.Options))!.CheckedInAt);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == handSignup.ToString() && a.Summary!.StartsWith("手工签到"))));

        var png = await organiser.GetByteArrayAsync($"/api/v1/activities/{activity}/checkin-qr");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        var stranger = await app.SignedInAsync(DemoLogins.OtherStationAdmin);
        await ProblemAssert.IsProblemAsync(await stranger.GetAsync($"/api/v1/activities/{activity}/checkin-code"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await stranger.PostAsync($"/api/v1/activities/{activity}/signups/{handSignup}/checkout", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ConfirmedHours_LandInTheLedger_AnAdjustmentNeedsAReason_AndTheTotalIsTheLedgersSum()
    {
        var (organiser, activity, _) = await ActivityStartingSoonAsync("1783000");
        var (me, signup) = await SignedUpAsync(activity, "1784000");
        // The activity ran from 09:00 to 12:00; the volunteer came at 09:20 and left at 12:30 (2 h 40 min → 2.5 h).
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        await app.WithDbAsync(async db =>
        {
            await db.Activities.Where(a => a.Id == activity).ExecuteUpdateAsync(u => u
                .SetProperty(a => a.StartsAt, start).SetProperty(a => a.EndsAt, start.AddHours(3)).SetProperty(a => a.SignupOpensAt, start.AddDays(-2))
                .SetProperty(a => a.SignupClosesAt, start.AddHours(-1)).SetProperty(a => a.Status, ActivityStatus.Finished));
            return await db.Signups.Where(s => s.Id == signup).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.CheckedInAt, start.AddMinutes(20)).SetProperty(s => s.CheckedOutAt, start.AddMinutes(210)));
        });

        var row = (await organiser.GetFromJsonAsync<List<HoursRow>>($"/api/v1/activities/{activity}/hours", Json.Options))!.Single(r => r.SignupId == signup);
        Assert.Equal((2.5m, 0m), (row.Computed, row.Recorded));
        var confirmed = await organiser.PostAsJsonAsync($"/api/v1/activities/{activity}/hours/{signup}/confirm", new { });
        Assert.Equal(2.5m, (await confirmed.Content.ReadFromJsonAsync<HoursRow>(Json.Options))!.Recorded);
        await ProblemAssert.IsProblemAsync(await organiser.PostAsJsonAsync($"/api/v1/activities/{activity}/hours/{signup}/confirm", new { }), HttpStatusCode.Conflict);
        var noReason = await organiser.PostAsJsonAsync($"/api/v1/activities/{activity}/hours/{signup}/confirm", new { hours = 3.0 });
        await ProblemAssert.IsProblemAsync(noReason, HttpStatusCode.BadRequest);
        Assert.Contains("原因", await noReason.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync($"/api/v1/activities/{activity}/hours/{signup}/confirm", new { hours = 3.0, reason = "提前到场布置" })).StatusCode);

        var mine = await me.GetFromJsonAsync<MyHours>("/api/v1/me/hours", Json.Options);
        Assert.Equal(3.0m, mine!.Total);
        Assert.Equal([HoursEntryKind.Credit, HoursEntryKind.Reversal, HoursEntryKind.Credit], mine.Entries.OrderBy(e => e.CreatedAt).ThenBy(e => e.Kind == HoursEntryKind.Credit).Select(e => e.Kind));
        Assert.Equal(mine.Entries.Sum(e => e.Hours), mine.Total);

        Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsJsonAsync($"/api/v1/activities/{activity}/hours/{signup}/revoke", new { reason = "核实未到岗" })).StatusCode);
        Assert.Equal(0m, (await me.GetFromJsonAsync<MyHours>("/api/v1/me/hours", Json.Options))!.Total);
        var stored = await app.WithDbAsync(db => db.HoursEntries.Where(e => e.ActivityId == activity).Select(e => e.Hours).ToListAsync());
        Assert.Equal(4, stored.Count); // credit, reversal, credit, reversal: nothing was changed or deleted
        Assert.Equal(0m, stored.Sum());
    }

    /// <summary>A published activity at the station starting in half an hour (check-in open), and a second one for foreign codes.</summary>
    private async Task<(HttpClient Organiser, Guid Activity, Guid Other)> ActivityStartingSoonAsync(string seed)
    {
        var units = await DemoUnits.LoadAsync(app);
        var organiser = await app.SignedInAsync(DemoLogins.StationAdmin);
        async Task<Guid> Create(int offsetHours)
        {
            var starts = DateTimeOffset.UtcNow.AddMinutes(30).AddHours(offsetHours * 10);
            var created = await organiser.PostAsJsonAsync("/api/v1/activities", new CreateActivityRequest
            {
                UnitId = units.Station.Id, Title = "签到测试" + seed, Category = "志愿服务", Address = "村委会", StartsAt = starts, EndsAt = starts.AddHours(3),
                SignupOpensAt = DateTimeOffset.UtcNow.AddMinutes(-1), SignupClosesAt = starts, Seats = 10,
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var id = (await created.Content.ReadFromJsonAsync<ActivityDto>(Json.Options))!.Id;
            Assert.Equal(HttpStatusCode.OK, (await organiser.PostAsync($"/api/v1/activities/{id}/publish", null)).StatusCode);
            return id;
        }
        return (organiser, await Create(0), await Create(1));
    }

    private async Task<(HttpClient Client, Guid Signup)> SignedUpAsync(Guid activity, string prefix)
    {
        var units = await DemoUnits.LoadAsync(app);
        var phone = (await ActivityVolunteers.ApprovedAsync(app, units.Station, prefix, 1))[0];
        var client = await app.SignedInBySmsAsync(phone);
        var joined = await client.PostAsync($"/api/v1/me/activities/{activity}/signup", null);
        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        return (client, (await joined.Content.ReadFromJsonAsync<SignupDto>(Json.Options))!.Id);
    }
}
