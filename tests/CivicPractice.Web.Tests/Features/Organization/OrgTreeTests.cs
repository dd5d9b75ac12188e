using System.Net;
using System.Net.Http.Json;
using CivicPractice.Domain.Organization;
using CivicPractice.Web.Features.Audit;
using CivicPractice.Web.Features.Organization;
using CivicPractice.Web.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Tests.Features.Organization;

/// <summary>Editing the tree as a county admin: move with subtree, deactivate, venues, and the audit trail of each.</summary>
public sealed class OrgTreeTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    [Fact]
    public async Task Move_CarriesTheWholeSubtreeAndItsVenues()
    {
        var units = await DemoUnits.LoadAsync(app);
        var client = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var station = await CreateAsync(client, units.Institute.Id, OrgUnitType.Station, "迁移测试村新时代文明实践站", "MOVE-S");
        var point = await CreateAsync(client, station.Id, OrgUnitType.Point, "迁移测试村实践点", "MOVE-S-P1");
        var venue = await client.PostAsJsonAsync($"/api/v1/org/units/{station.Id}/venues", new VenueForm { Name = "村综合文化服务中心", Platform = "文化服务平台", Capacity = 50 });
        Assert.Equal(HttpStatusCode.Created, venue.StatusCode);

        var moved = await client.PostAsJsonAsync($"/api/v1/org/units/{station.Id}/move", new MoveOrgUnitRequest { NewParentId = units.OtherInstitute.Id });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var (stationPath, pointPath, venuePath) = await app.WithDbAsync(async db => (
            (await db.OrgUnits.SingleAsync(u => u.Id == station.Id)).Path,
            (await db.OrgUnits.SingleAsync(u => u.Id == point.Id)).Path,
            (await db.Venues.SingleAsync(v => v.OrgUnitId == station.Id)).UnitPath));
        Assert.StartsWith(units.OtherInstitute.Path, stationPath);
        Assert.StartsWith(stationPath, pointPath);
        Assert.Equal(stationPath, venuePath);

        // The institute admin of the old institute no longer sees it; the tree under the new one shows it.
        var instituteAdmin = await app.SignedInAsync(DemoLogins.InstituteAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await instituteAdmin.GetAsync($"/api/v1/org/units/{point.Id}")).StatusCode);
        var children = await client.GetFromJsonAsync<Paged<OrgUnitDto>>($"/api/v1/org/units?parentId={units.OtherInstitute.Id}&pageSize=200", Json.Options);
        Assert.Contains(children!.Items, c => c.Id == station.Id && c.ChildCount == 1);
    }

    [Fact]
    public async Task Move_BelowItsOwnDescendant_IsRefused()
    {
        var units = await DemoUnits.LoadAsync(app);
        var client = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var station = await CreateAsync(client, units.Institute.Id, OrgUnitType.Station, "循环测试村新时代文明实践站", "CYCLE-S");

        var response = await client.PostAsJsonAsync($"/api/v1/org/units/{units.Institute.Id}/move", new MoveOrgUnitRequest { NewParentId = station.Id });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Deactivate_RefusesAUnitWithActiveChildren_AndHidesDeactivatedOnes()
    {
        var units = await DemoUnits.LoadAsync(app);
        var client = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var station = await CreateAsync(client, units.Institute.Id, OrgUnitType.Station, "停用测试村新时代文明实践站", "OFF-S");
        var point = await CreateAsync(client, station.Id, OrgUnitType.Point, "停用测试实践点", "OFF-S-P1");

        await ProblemAssert.IsProblemAsync(await client.PostAsync($"/api/v1/org/units/{station.Id}/deactivate", null), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/org/units/{point.Id}/deactivate", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/org/units/{station.Id}/deactivate", null)).StatusCode);

        var visible = await client.GetFromJsonAsync<Paged<OrgUnitDto>>($"/api/v1/org/units?q=停用测试", Json.Options);
        var all = await client.GetFromJsonAsync<Paged<OrgUnitDto>>($"/api/v1/org/units?q=停用测试&includeInactive=true", Json.Options);
        Assert.Empty(visible!.Items);
        Assert.Equal(2, all!.Items.Count);
        Assert.True(await app.WithDbAsync(db => db.OrgUnits.AnyAsync(u => u.Id == station.Id)), "a unit is deactivated, never deleted");
    }

    [Fact]
    public async Task Update_IsAuditedWithBeforeAndAfter()
    {
        var units = await DemoUnits.LoadAsync(app);
        var client = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var station = await CreateAsync(client, units.Institute.Id, OrgUnitType.Station, "审计测试村新时代文明实践站", "AUDIT-S");

        var response = await client.PutAsJsonAsync($"/api/v1/org/units/{station.Id}", new UpdateOrgUnitRequest { Name = "审计测试村新时代文明实践站（改）", Code = "AUDIT-S", ResidentPopulation = 2345 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var log = await client.GetFromJsonAsync<Paged<AuditEntryDto>>($"/api/v1/audit?entityType=OrgUnit&action=Update&q=审计测试", Json.Options);
        var entry = Assert.Single(log!.Items);
        Assert.Contains("审计测试村新时代文明实践站（改）", entry.After);
        Assert.Contains("\"ResidentPopulation\":0", entry.Before);
        Assert.Contains("\"ResidentPopulation\":2345", entry.After);
        Assert.False(string.IsNullOrEmpty(entry.UserName));
    }

    [Fact]
    public async Task Venues_AreListedEditedAndDeactivated_InsideTheScope()
    {
        var units = await DemoUnits.LoadAsync(app);
        var admin = await app.SignedInAsync(DemoLogins.InstituteAdmin);
        var created = await admin.PostAsJsonAsync($"/api/v1/org/units/{units.Station.Id}/venues",
            new VenueForm { Name = "村史馆", Platform = "理论宣讲平台", OwnerName = "村委会", Capacity = 40, OpeningHours = "周六 9:00-17:00" });
        var venue = (await created.Content.ReadFromJsonAsync<VenueDto>(Json.Options))!;

        var edited = await admin.PutAsJsonAsync($"/api/v1/org/venues/{venue.Id}", new VenueForm { Name = "村史馆（新馆）", Platform = "理论宣讲平台", Capacity = 60 });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/org/venues/{venue.Id}/deactivate", null)).StatusCode);

        var list = await admin.GetFromJsonAsync<List<VenueDto>>($"/api/v1/org/units/{units.Station.Id}/venues", Json.Options);
        Assert.NotNull(list);
        var listed = Assert.Single(list, v => v.Id == venue.Id);
        Assert.Equal(("村史馆（新馆）", 60, false, "理论宣讲平台"), (listed.Name, listed.Capacity, listed.IsActive, listed.PlatformName));
        Assert.True(list.Select(v => v.IsActive).SequenceEqual(list.Select(v => v.IsActive).OrderByDescending(a => a)), "active venues come first");

        var otherStation = await app.SignedInAsync(DemoLogins.OtherStationAdmin);
        await ProblemAssert.IsProblemAsync(await otherStation.GetAsync($"/api/v1/org/units/{units.Station.Id}/venues"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await otherStation.PutAsJsonAsync($"/api/v1/org/venues/{venue.Id}", new VenueForm { Name = "越权修改", Platform = "文化服务平台" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DuplicateCode_IsRefusedWithAChineseMessage()
    {
        var units = await DemoUnits.LoadAsync(app);
        var client = await app.SignedInAsync(DemoLogins.CountyAdmin);

        var response = await client.PostAsJsonAsync("/api/v1/org/units", new CreateOrgUnitRequest
        {
            ParentId = units.Institute.Id, Type = OrgUnitType.Station, Name = "重复编码村新时代文明实践站", Code = units.OtherStation.Code,
        });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains(units.OtherStation.Code, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("1e308", "0")]
    [InlineData("90.5", "0")]
    [InlineData("-90.0001", "0")]
    [InlineData("0", "180.5")]
    [InlineData("0", "-1e308")]
    [InlineData("1e309", "0")]
    public async Task Coordinates_OutsideTheGlobe_AreRefusedWith400_AndNothingChanges(string latitude, string longitude)
    {
        var units = await DemoUnits.LoadAsync(app);
        var client = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var before = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Id == units.Station.Id).Select(u => new { u.Latitude, u.Longitude }).SingleAsync());
        var body = $"{{\"name\":\"{units.Station.Name}\",\"code\":\"{units.Station.Code}\",\"latitude\":{latitude},\"longitude\":{longitude}}}";

        var update = await client.PutAsync($"/api/v1/org/units/{units.Station.Id}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var create = await client.PostAsync("/api/v1/org/units", new StringContent(
            $"{{\"parentId\":\"{units.Institute.Id}\",\"type\":\"Station\",\"name\":\"坐标测试站\",\"code\":\"GEO-1\",\"latitude\":{latitude},\"longitude\":{longitude}}}",
            System.Text.Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblemAsync(update, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(create, HttpStatusCode.BadRequest);
        Assert.Equal(before, await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Id == units.Station.Id).Select(u => new { u.Latitude, u.Longitude }).SingleAsync()));
        Assert.False(await app.WithDbAsync(db => db.OrgUnits.AnyAsync(u => u.Name == "坐标测试站")));
    }

    [Fact]
    public async Task Coordinates_AtTheEdgesOfTheRange_AreKept()
    {
        var units = await DemoUnits.LoadAsync(app);
        var client = await app.SignedInAsync(DemoLogins.CountyAdmin);

        var response = await client.PutAsJsonAsync($"/api/v1/org/units/{units.OtherStation.Id}", new UpdateOrgUnitRequest
        {
            Name = units.OtherStation.Name, Code = units.OtherStation.Code, Latitude = 89.99999, Longitude = -180,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = (await response.Content.ReadFromJsonAsync<OrgUnitDto>(Json.Options))!;
        Assert.Equal((89.99999, -180.0), (saved.Latitude!.Value, saved.Longitude!.Value));
    }

    internal static async Task<OrgUnitDto> CreateAsync(HttpClient client, Guid parentId, OrgUnitType type, string name, string code)
    {
        var response = await client.PostAsJsonAsync("/api/v1/org/units", new CreateOrgUnitRequest { ParentId = parentId, Type = type, Name = name, Code = code, ResidentPopulation = 0 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<OrgUnitDto>(Json.Options))!;
    }
}
