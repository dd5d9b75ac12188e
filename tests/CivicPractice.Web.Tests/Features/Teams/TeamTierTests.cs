using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CivicPractice.Domain.Organization;
using CivicPractice.Domain.Teams;
using CivicPractice.Web.Features.Organization;
using CivicPractice.Web.Features.Teams;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Tests.Features.Teams;

/// <summary>总队/大队/中队/小队 is one county's scheme: the names of the tiers are a county setting.</summary>
public sealed class TeamTierTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    [Fact]
    public async Task ACountyNamesItsStationTier小队_AndItsTeamsFollow_WhileTheOtherCountyKeeps中队()
    {
        var units = await DemoUnits.LoadAsync(app);
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);

        var saved = await admin.PutAsJsonAsync("/api/v1/county-settings/team-tiers", new { corps = "总队", brigade = "大队", squadron = "小队", squad = "小分队" });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var settings = await saved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("小队", settings.GetProperty("teamTiers").GetProperty("squadron").GetString());
        var teams = (await admin.GetFromJsonAsync<List<TeamDto>>("/api/v1/teams", Json.Options))!;
        var squadron = teams.Single(t => t.OrgUnitId == units.Station.Id && t.Kind == TeamKind.Squadron);
        Assert.Equal("小队", squadron.KindName);
        Assert.EndsWith("新时代文明实践志愿服务小队", squadron.Name, StringComparison.Ordinal);
        var created = await admin.PostAsJsonAsync("/api/v1/org/units", new CreateOrgUnitRequest { ParentId = units.Institute.Id, Type = OrgUnitType.Station, Name = "新设村新时代文明实践站", Code = "TIER-S-1" });
        var station = (await created.Content.ReadFromJsonAsync<OrgUnitDto>(Json.Options))!;
        var newTeam = (await admin.GetFromJsonAsync<List<TeamDto>>("/api/v1/teams", Json.Options))!.Single(t => t.OrgUnitId == station.Id);
        Assert.Equal(("新设村新时代文明实践志愿服务小队", "小队"), (newTeam.Name, newTeam.KindName));

        var volunteer = await app.SignedInAsync(DemoLogins.Volunteer);
        var mine = await volunteer.GetFromJsonAsync<List<MyMembership>>("/api/v1/me/teams", Json.Options);
        Assert.Contains(mine!, m => m.Kind == TeamKind.Squadron && m.KindName == "小队");

        var other = await app.SignedInAsync(DemoLogins.OtherCountyAdmin);
        var theirs = (await other.GetFromJsonAsync<List<TeamDto>>("/api/v1/teams", Json.Options))!;
        Assert.All(theirs.Where(t => t.Kind == TeamKind.Squadron), t => Assert.Equal("中队", t.KindName));
        Assert.All(theirs.Where(t => t.Kind == TeamKind.Squadron), t => Assert.EndsWith("中队", t.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TierNames_MustBeFilledAndDistinct()
    {
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        await ProblemAssert.IsProblemAsync(await admin.PutAsJsonAsync("/api/v1/county-settings/team-tiers", new { corps = "总队", brigade = "", squadron = "中队", squad = "小队" }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await admin.PutAsJsonAsync("/api/v1/county-settings/team-tiers", new { corps = "总队", brigade = "大队", squadron = "大队", squad = "小队" }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await admin.PutAsJsonAsync("/api/v1/county-settings/team-tiers", new { corps = "总队", brigade = "大队", squadron = "支队", squad = "小队" }), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await (await app.SignedInAsync(DemoLogins.StationAdmin)).PutAsJsonAsync("/api/v1/county-settings/team-tiers", new { corps = "总队", brigade = "大队", squadron = "中队", squad = "小队" }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ASquad_MaySitDirectlyUnderABrigade_AndTheTownsVolunteersMayJoinIt()
    {
        var units = await DemoUnits.LoadAsync(app);
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var brigade = (await admin.GetFromJsonAsync<List<TeamDto>>("/api/v1/teams", Json.Options))!.Single(t => t.OrgUnitId == units.Institute.Id && t.Kind == TeamKind.Brigade);

        var created = await admin.PostAsJsonAsync("/api/v1/teams", new CreateTeamRequest { Kind = TeamKind.Squad, ParentTeamId = brigade.Id, Name = "镇机关志愿服务小队" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var squad = (await created.Content.ReadFromJsonAsync<TeamDto>(Json.Options))!;
        Assert.Equal(brigade.Id, squad.ParentTeamId);
        var volunteer = await app.SignedInAsync(DemoLogins.Volunteer);
        Assert.Equal(HttpStatusCode.OK, (await volunteer.PostAsync($"/api/v1/me/teams/{squad.Id}/apply", null)).StatusCode);
        var otherBrigade = await app.WithDbAsync(db => db.Teams.Where(t => t.OrgUnitId == units.OtherInstitute.Id && t.Kind == TeamKind.Brigade).Select(t => t.Id).SingleAsync());
        var elsewhere = (await (await admin.PostAsJsonAsync("/api/v1/teams", new CreateTeamRequest { Kind = TeamKind.Squad, ParentTeamId = otherBrigade, Name = "外镇小队" })).Content.ReadFromJsonAsync<TeamDto>(Json.Options))!;
        await ProblemAssert.IsProblemAsync(await volunteer.PostAsync($"/api/v1/me/teams/{elsewhere.Id}/apply", null), HttpStatusCode.Conflict);
    }
}
