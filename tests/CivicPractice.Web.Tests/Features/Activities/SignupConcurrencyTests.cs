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

/// <summary>Seats are never overbooked, whatever the crowd, and the wait-list moves up in arrival order.</summary>
public sealed class SignupConcurrencyTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    [Fact]
    public async Task FiveHundredVolunteersAtOnce_TakeExactlyFiftySeats_TheRestWaitInArrivalOrder_AndCancellationsPromoteTheFirstFive()
    {
        var units = await DemoUnits.LoadAsync(app);
        var phones = await ActivityVolunteers.ApprovedAsync(app, units.Station, "1760000", 500);
        var clients = await SignInAllAsync(phones);
        var activity = await PublishAsync(seats: 50);

        using var start = new SemaphoreSlim(0);
        var racing = clients.Select(async c =>
        {
            await start.WaitAsync();
            var response = await c.PostAsync($"/api/v1/me/activities/{activity}/signup", null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (Client: c, Signup: (await response.Content.ReadFromJsonAsync<SignupDto>(Json.Options))!);
        }).ToList();
        start.Release(clients.Count);
        var results = await Task.WhenAll(racing);

        Assert.Equal(50, results.Count(r => r.Signup.Status == SignupStatus.Confirmed));
        Assert.Equal(450, results.Count(r => r.Signup.Status == SignupStatus.WaitListed));
        Assert.Equal(Enumerable.Range(1, 500).Select(i => (long)i), results.Select(r => r.Signup.Sequence).Order());
        // Arrival order decides: the first fifty numbers hold the seats.
        Assert.All(results, r => Assert.Equal(r.Signup.Sequence <= 50, r.Signup.Status == SignupStatus.Confirmed));
        var stored = await app.WithDbAsync(async db => (
            Rows: await db.Signups.CountAsync(s => s.ActivityId == activity),
            People: await db.Signups.Where(s => s.ActivityId == activity).Select(s => s.VolunteerId).Distinct().CountAsync(),
            Seats: await db.Activities.Where(a => a.Id == activity).Select(a => a.ConfirmedCount).SingleAsync()));
        Assert.Equal((500, 500, 50), stored);

        var leaving = results.Where(r => r.Signup.Status == SignupStatus.Confirmed).Take(5).ToList();
        var cancelled = await Task.WhenAll(leaving.Select(r => r.Client.PostAsync($"/api/v1/me/activities/{activity}/cancel", null)));
        Assert.All(cancelled, c => Assert.Equal(HttpStatusCode.OK, c.StatusCode));

        var firstWaiting = results.Where(r => r.Signup.Status == SignupStatus.WaitListed).OrderBy(r => r.Signup.Sequence).Take(5).Select(r => r.Signup.Id).ToHashSet();
        var after = await app.WithDbAsync(db => db.Signups.Where(s => s.ActivityId == activity).ToListAsync());
        Assert.Equal(50, after.Count(s => s.Status == SignupStatus.Confirmed));
        Assert.Equal(firstWaiting, after.Where(s => s.Status == SignupStatus.Confirmed && s.Sequence > 50).Select(s => s.Id).ToHashSet());
        Assert.Equal(50, await app.WithDbAsync(db => db.Activities.Where(a => a.Id == activity).Select(a => a.ConfirmedCount).SingleAsync()));
    }

    [Fact]
    public async Task TheSignedInPersonSignsUp_NotTheIdInTheBody_AndTwoClicksAtOnceMakeOnePlace()
    {
        var units = await DemoUnits.LoadAsync(app);
        var phones = await ActivityVolunteers.ApprovedAsync(app, units.Station, "1771000", 2);
        var (me, other) = (await app.SignedInBySmsAsync(phones[0]), phones[1]);
        var otherId = await app.WithDbAsync(db => db.Volunteers.Where(v => v.PhoneMasked == Domain.Identity.MobileNumber.Mask(other)).Select(v => v.Id).SingleAsync());
        var activity = await PublishAsync(seats: 5);

        var clicks = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            me.PostAsJsonAsync($"/api/v1/me/activities/{activity}/signup", new { volunteerId = otherId })));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], clicks.Select(c => c.StatusCode).Order()); // 200 sorts before 409
        var rows = await app.WithDbAsync(db => db.Signups.Where(s => s.ActivityId == activity).Select(s => s.VolunteerId).ToListAsync());
        Assert.DoesNotContain(otherId, rows);
        Assert.Single(rows);
        Assert.Equal(1, await app.WithDbAsync(db => db.Activities.Where(a => a.Id == activity).Select(a => a.ConfirmedCount).SingleAsync()));
    }

    private async Task<Guid> PublishAsync(int seats)
    {
        var units = await DemoUnits.LoadAsync(app);
        var county = await app.SignedInAsync(DemoLogins.CountyAdmin);
        // As a browser in China sends it: local time with its +08:00 offset.
        var starts = DateTimeOffset.UtcNow.AddDays(3).ToOffset(TimeSpan.FromHours(8));
        var created = await county.PostAsJsonAsync("/api/v1/activities", new CreateActivityRequest
        {
            UnitId = units.Station.Id, Title = "社区义诊", Category = "志愿服务", Address = "社区服务中心", StartsAt = starts, EndsAt = starts.AddHours(3),
            SignupOpensAt = DateTimeOffset.UtcNow.AddMinutes(-1), Seats = seats,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<ActivityDto>(Json.Options))!.Id;
        Assert.Equal(HttpStatusCode.OK, (await county.PostAsync($"/api/v1/activities/{id}/publish", null)).StatusCode);
        return id;
    }


    private async Task<List<HttpClient>> SignInAllAsync(IReadOnlyList<string> phones)
    {
        var clients = new HttpClient[phones.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, phones.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => clients[i] = await app.SignedInBySmsAsync(phones[i]));
        return [.. clients];
    }
}
