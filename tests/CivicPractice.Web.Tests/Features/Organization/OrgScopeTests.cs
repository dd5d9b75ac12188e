using System.Net;
using System.Net.Http.Json;
using CivicPractice.Web.Features.Organization;
using CivicPractice.Web.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;

namespace CivicPractice.Web.Tests.Features.Organization;

/// <summary>Who sees and changes which units: a station admin only their station, a county only itself.</summary>
public sealed class OrgScopeTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    [Fact]
    public async Task StationAdmin_ListsOnlyTheirOwnStationAsRoot()
    {
        var units = await DemoUnits.LoadAsync(app);
        var client = await app.SignedInAsync(DemoLogins.StationAdmin);

        var roots = await client.GetFromJsonAsync<Paged<OrgUnitDto>>("/api/v1/org/units", Json.Options);
        var search = await client.GetFromJsonAsync<Paged<OrgUnitDto>>("/api/v1/org/units?q=实践站", Json.Options);

        Assert.Equal(units.Station.Id, Assert.Single(roots!.Items).Id);
        Assert.All(search!.Items, s => Assert.Equal(units.Station.Id, s.Id));
    }

    [Fact]
    public async Task StationAdmin_CannotReadOrChangeAnotherStation()
    {
        var units = await DemoUnits.LoadAsync(app);
        var client = await app.SignedInAsync(DemoLogins.StationAdmin);
        var other = units.OtherStation;

        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/v1/org/units/{other.Id}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await client.PutAsJsonAsync($"/api/v1/org/units/{other.Id}", ValidUpdate("改名", other.Code)), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await client.PostAsync($"/api/v1/org/units/{other.Id}/deactivate", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/org/units", ValidCreate(other.Id, "越权新增点", "X-P-1")), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/v1/org/units/{units.Institute.Id}"), HttpStatusCode.NotFound);

        var unchanged = await app.WithDbAsync(db => db.OrgUnits.FindAsync(other.Id).AsTask());
        Assert.Equal(other.Name, unchanged!.Name);
        Assert.True(unchanged.IsActive);
    }

    [Fact]
    public async Task StationAdmin_AddsAPointUnderTheirOwnStation()
    {
        var units = await DemoUnits.LoadAsync(app);
        var client = await app.SignedInAsync(DemoLogins.StationAdmin);

        var response = await client.PostAsJsonAsync("/api/v1/org/units", ValidCreate(units.Station.Id, "新时代讲习所实践点", "SCOPE-P-1"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var children = await client.GetFromJsonAsync<Paged<OrgUnitDto>>($"/api/v1/org/units?parentId={units.Station.Id}", Json.Options);
        Assert.Contains(children!.Items, c => c.Code == "SCOPE-P-1" && c.TypeName == "实践点");
    }

    [Fact]
    public async Task InstituteAdmin_SeesTheirStationsButNotAnotherInstitute()
    {
        var units = await DemoUnits.LoadAsync(app);
        var client = await app.SignedInAsync(DemoLogins.InstituteAdmin);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/org/units/{units.OtherStation.Id}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/v1/org/units/{units.OtherInstitute.Id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CountyAdmin_CannotSeeAnotherCounty()
    {
        var units = await DemoUnits.LoadAsync(app);
        var client = await app.SignedInAsync(DemoLogins.OtherCountyAdmin);

        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/v1/org/units/{units.Center.Id}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await client.PutAsJsonAsync($"/api/v1/org/units/{units.Station.Id}", ValidUpdate("跨县修改", units.Station.Code)), HttpStatusCode.NotFound);
        var search = await client.GetFromJsonAsync<Paged<OrgUnitDto>>("/api/v1/org/units?q=青山", Json.Options);
        Assert.Empty(search!.Items);
        var own = await client.GetFromJsonAsync<Paged<OrgUnitDto>>("/api/v1/org/units", Json.Options);
        Assert.Equal(units.OtherCountyCenter.Id, Assert.Single(own!.Items).Id);
    }

    [Fact]
    public async Task VolunteersAndTeamLeaders_AreRefusedTheAdminApi()
    {
        foreach (var phone in new[] { DemoLogins.Volunteer, DemoLogins.TeamLeader })
        {
            var client = await app.SignedInAsync(phone);
            await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/v1/org/units"), HttpStatusCode.Forbidden);
        }
        await ProblemAssert.IsProblemAsync(await app.Client().GetAsync("/api/v1/org/units"), HttpStatusCode.Unauthorized);
    }

    internal static CreateOrgUnitRequest ValidCreate(Guid parentId, string name, string code) => new()
    {
        ParentId = parentId, Type = Domain.Organization.OrgUnitType.Point, Name = name, Code = code, ResidentPopulation = 0,
    };

    internal static UpdateOrgUnitRequest ValidUpdate(string name, string code) => new() { Name = name, Code = code, ResidentPopulation = 100 };
}
