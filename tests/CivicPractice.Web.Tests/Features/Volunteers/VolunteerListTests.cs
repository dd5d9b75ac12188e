using System.Net;
using System.Net.Http.Json;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Features.Volunteers;
using CivicPractice.Web.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Tests.Features.Volunteers;

/// <summary>
/// The volunteer list as admins page, filter and search it: every person in scope exactly once across pages, in one
/// stable order, the same rows as the plain filters say; a count that stops at the cap instead of counting a county.
/// </summary>
public sealed class VolunteerListTests(VolunteerListTests.Factory app) : IClassFixture<VolunteerListTests.Factory>
{
    /// <summary>The demo county with a small count cap, so "more than the cap" shows with a few hundred volunteers.</summary>
    public sealed class Factory : CivicAppFactory
    {
        public const int CountCap = 50;

        protected override void ConfigureMore(IWebHostBuilder builder) =>
            builder.UseSetting("Civic:Lists:CountCap", CountCap.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task List_PagedThroughEveryPage_ShowsEachVolunteerInScopeOnce_InTheListsOrder()
    {
        var units = await DemoUnits.LoadAsync(app);
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var expected = await ExpectedAsync(v => v.CountyId == units.Center.CountyId);
        Assert.True(expected.Count > 3 * 7, "the demo county needs a few pages of volunteers");

        var seen = await AllPagesAsync(admin, "/api/v1/volunteers?", pageSize: 7);

        // Demo volunteers share one CreatedAt: only the id as the last key keeps pages from repeating or skipping people.
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task List_OfAStationAdmin_ShowsExactlyTheStationsVolunteers_AcrossPages_AndByStatus()
    {
        var units = await DemoUnits.LoadAsync(app);
        var admin = await app.SignedInAsync(DemoLogins.StationAdmin);
        var path = units.Station.Path;
        var expected = await ExpectedAsync(v => v.UnitPath.StartsWith(path));
        Assert.NotEmpty(expected);

        Assert.Equal(expected, await AllPagesAsync(admin, "/api/v1/volunteers?", pageSize: 3));
        var approved = await ExpectedAsync(v => v.UnitPath.StartsWith(path) && v.Status == VolunteerStatus.Approved);
        Assert.Equal(approved, await AllPagesAsync(admin, "/api/v1/volunteers?status=Approved&", pageSize: 3));

        var page = await admin.GetFromJsonAsync<Paged<VolunteerRow>>("/api/v1/volunteers?pageSize=3", Json.Options);
        Assert.Equal((expected.Count, false), (page!.Total, page.TotalCapped));
        // Another station's volunteer is simply not there, even when asked for by unit.
        await ProblemAssert.IsProblemAsync(await admin.GetAsync($"/api/v1/volunteers?unitId={units.OtherStation.Id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_FilteredByUnitAndStatus_ShowsTheSameRowsAsTheFilterSays()
    {
        var units = await DemoUnits.LoadAsync(app);
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var path = units.Institute.Path;

        var expected = await ExpectedAsync(v => v.CountyId == units.Center.CountyId && v.UnitPath.StartsWith(path) && v.Status == VolunteerStatus.Approved);
        Assert.NotEmpty(expected);

        Assert.Equal(expected, await AllPagesAsync(admin, $"/api/v1/volunteers?unitId={units.Institute.Id}&status=Approved&", pageSize: 11));
    }

    [Fact]
    public async Task List_BeyondTheCountCap_SaysMoreThanTheCap_AndStillPagesOn()
    {
        var units = await DemoUnits.LoadAsync(app);
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var inCounty = await ExpectedAsync(v => v.CountyId == units.Center.CountyId);
        Assert.True(inCounty.Count > Factory.CountCap + 20);

        var first = await admin.GetFromJsonAsync<Paged<VolunteerRow>>("/api/v1/volunteers?pageSize=20", Json.Options);
        Assert.Equal((Factory.CountCap, true), (first!.Total, first.TotalCapped));

        // Past the cap the pages go on (the API does not hide people; only the count stops).
        var beyond = await admin.GetFromJsonAsync<Paged<VolunteerRow>>("/api/v1/volunteers?pageSize=20&page=4", Json.Options);
        Assert.Equal(inCounty.Skip(60).Take(20).ToList(), beyond!.Items.Select(r => r.Id).ToList());
    }

    [Fact]
    public async Task Search_ByChineseSubstring_OfOneTwoAndMoreCharacters_FindsEveryNameContainingIt()
    {
        var units = await DemoUnits.LoadAsync(app);
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        await RegisterAsync(admin, units.Station.Id, "13655561111", VolunteerRegistrationTests.IdNumber("19900101", "611"), "欧阳春晓梅");
        await RegisterAsync(admin, units.OtherStation.Id, "13655561112", VolunteerRegistrationTests.IdNumber("19900102", "612"), "春晓");
        var surname = await app.WithDbAsync(db => db.Volunteers.Where(v => v.CountyId == units.Center.CountyId && v.Status != VolunteerStatus.Withdrawn)
            .OrderBy(v => v.Id).Select(v => v.Name).FirstAsync());

        foreach (var q in new[] { surname[..1], "春晓", "阳春晓", "欧阳春晓梅", "春晓梅", "晓梅欧" })
        {
            var expected = await ExpectedAsync(v => v.CountyId == units.Center.CountyId && v.Name.Contains(q));
            var found = await AllPagesAsync(admin, $"/api/v1/volunteers?q={Uri.EscapeDataString(q)}&", pageSize: 50);
            Assert.True(expected.SequenceEqual(found), $"search “{q}”: expected {expected.Count} rows, got {found.Count}");
        }
        Assert.Equal(2, (await AllPagesAsync(admin, "/api/v1/volunteers?q=春晓&", pageSize: 50)).Count);
        Assert.Single(await AllPagesAsync(admin, "/api/v1/volunteers?q=阳春晓&", pageSize: 50));
        Assert.Empty(await AllPagesAsync(admin, "/api/v1/volunteers?q=晓梅欧&", pageSize: 50));

        // A station admin finds only their own station's people by the same words.
        var station = await app.SignedInAsync(DemoLogins.StationAdmin);
        var mine = await AllPagesAsync(station, "/api/v1/volunteers?q=春晓&", pageSize: 50);
        var row = Assert.Single(mine);
        Assert.Equal(await app.WithDbAsync(db => db.Volunteers.Where(v => v.Name == "欧阳春晓梅").Select(v => v.Id).SingleAsync()), row);
    }

    [Fact]
    public async Task Search_ByPhoneTail_FindsEveryVolunteerWhosePhoneEndsSo_AndNotTheWithdrawn()
    {
        var units = await DemoUnits.LoadAsync(app);
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        await RegisterAsync(admin, units.Station.Id, "13655570003", VolunteerRegistrationTests.IdNumber("19900103", "613"), "尾号测试");

        var expected = await ExpectedAsync(v => v.CountyId == units.Center.CountyId && v.PhoneMasked.EndsWith("0003"));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, await AllPagesAsync(admin, "/api/v1/volunteers?q=0003&", pageSize: 5));

        var station = await app.SignedInAsync(DemoLogins.StationAdmin);
        var path = units.Station.Path;
        Assert.Equal(await ExpectedAsync(v => v.UnitPath.StartsWith(path) && v.PhoneMasked.EndsWith("0003")),
            await AllPagesAsync(station, "/api/v1/volunteers?q=0003&", pageSize: 5));
    }

    private static async Task RegisterAsync(HttpClient admin, Guid unitId, string phone, string idNumber, string name)
    {
        var created = await admin.PostAsJsonAsync("/api/v1/volunteers", new AdminRegistrationRequest
        {
            Phone = phone, IdNumber = idNumber, Name = name, UnitId = unitId, PoliticalStatus = PoliticalStatus.Masses, Consent = true,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    /// <summary>Every page of a list, in order, until a short page; fails on a page that repeats anyone.</summary>
    private static async Task<List<Guid>> AllPagesAsync(HttpClient client, string url, int pageSize)
    {
        var seen = new List<Guid>();
        for (var page = 1; page < 1000; page++)
        {
            var result = await client.GetFromJsonAsync<Paged<VolunteerRow>>($"{url}page={page}&pageSize={pageSize}", Json.Options);
            seen.AddRange(result!.Items.Select(r => r.Id));
            if (result.Items.Count < pageSize) break;
        }
        Assert.Equal(seen.Count, seen.Distinct().Count());
        return seen;
    }

    /// <summary>
    /// The list's order, computed here: pending first (by status), newest first, and for people registered in the same
    /// instant the newer id first (ids are version-7, time-ordered; text order is byte order on both databases).
    /// </summary>
    private Task<List<Guid>> ExpectedAsync(System.Linq.Expressions.Expression<Func<Volunteer, bool>> where) => app.WithDbAsync(async db =>
    {
        var rows = await db.Volunteers.Where(where).Select(v => new { v.Id, v.Status, v.CreatedAt }).ToListAsync();
        return rows.OrderBy(v => v.Status).ThenByDescending(v => v.CreatedAt)
            .ThenByDescending(v => v.Id.ToString(), StringComparer.Ordinal).Select(v => v.Id).ToList();
    });
}
