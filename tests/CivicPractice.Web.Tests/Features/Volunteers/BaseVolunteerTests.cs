using System.Net;
using System.Net.Http.Json;
using CivicPractice.Domain.Organization;
using CivicPractice.Domain.Teams;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Features.Organization;
using CivicPractice.Web.Features.Teams;
using CivicPractice.Web.Features.Volunteers;
using CivicPractice.Web.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Tests.Features.Volunteers;

/// <summary>
/// Seed 004 names staff of agencies and enterprises as the first volunteer source and counts cadres by employer: a
/// volunteer belongs to a station or a practice base, whose admin (基地主任) runs its volunteers and its own team.
/// </summary>
public sealed class BaseVolunteerTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    [Fact]
    public async Task ABaseAdmin_RunsTheBasesVolunteersAndItsTeam_AndNothingElse()
    {
        var units = await DemoUnits.LoadAsync(app);
        var admin = await app.SignedInAsync(DemoLogins.BaseAdmin);

        var listed = await admin.GetFromJsonAsync<Paged<VolunteerRow>>("/api/v1/volunteers?pageSize=100", Json.Options);
        Assert.NotEmpty(listed!.Items);
        Assert.All(listed.Items, v => Assert.Equal((units.Base.Id, units.Base.Name), (v.UnitId, v.UnitName)));
        var stationVolunteer = await app.WithDbAsync(db => db.Volunteers.Where(v => v.UnitId == units.Station.Id).Select(v => v.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/volunteers/{stationVolunteer}")).StatusCode);
        var elsewhere = await admin.PostAsJsonAsync("/api/v1/volunteers", Registration("基地越权", "19870303", "211", "13655551211", units.Station.Id));
        await ProblemAssert.IsProblemAsync(elsewhere, HttpStatusCode.NotFound);

        var created = await admin.PostAsJsonAsync("/api/v1/volunteers", Registration("基地职工", "19870303", "231", "13655551231", units.Base.Id));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var volunteer = (await created.Content.ReadFromJsonAsync<VolunteerDetail>(Json.Options))!;
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/volunteers/{volunteer.Summary.Id}/approve", null)).StatusCode);

        var team = (await admin.GetFromJsonAsync<List<TeamDto>>("/api/v1/teams", Json.Options))!.Single(t => t.Kind == TeamKind.BaseTeam);
        Assert.Equal(units.Base.Id, team.OrgUnitId);
        Assert.EndsWith("志愿服务队", team.Name);
        var members = await admin.GetFromJsonAsync<Paged<TeamMemberRow>>($"/api/v1/teams/{team.Id}/members?q=基地职工", Json.Options);
        Assert.Equal(MembershipStatus.Active, Assert.Single(members!.Items).Status);
        var stationAdmin = await app.SignedInAsync(DemoLogins.StationAdmin);
        Assert.Equal(HttpStatusCode.NotFound, (await stationAdmin.GetAsync($"/api/v1/teams/{team.Id}/members")).StatusCode);
    }

    [Fact]
    public async Task ABaseInsideAVillage_TakesSelfRegistrations_CountsItsCadres_AndItsStationSeesThem()
    {
        var units = await DemoUnits.LoadAsync(app);
        var county = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var response = await county.PostAsJsonAsync("/api/v1/org/units", new CreateOrgUnitRequest
        {
            ParentId = units.Station.Id, Type = OrgUnitType.Base, Name = "村茶叶合作社新时代文明实践基地", Code = "BASE-IN-VILLAGE", PartyMembers = 4,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var practiceBase = (await response.Content.ReadFromJsonAsync<OrgUnitDto>(Json.Options))!;
        Assert.Equal(4, practiceBase.PartyMembers);

        var options = await app.Client().GetFromJsonAsync<OptionLists>($"/api/v1/volunteer-registration/options?countyCode={Web.Features.Demo.DemoSeeder.MainCountyCode}", Json.Options);
        Assert.Contains(options!.Stations, s => s.Id == practiceBase.Id && s.InstituteName == StationChoice.BaseGroup);
        var registered = await app.SelfRegisterAsync("13655551241", VolunteerRegistrationTests.IdNumber("19860404", "241"), "合作社社员", practiceBase.Id, PoliticalStatus.PartyMember);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        // The base's team stands under the village's 中队; the village's admin sees the base's people.
        var stationAdmin = await app.SignedInAsync(DemoLogins.StationAdmin);
        var teams = (await stationAdmin.GetFromJsonAsync<List<TeamDto>>("/api/v1/teams", Json.Options))!;
        var squadron = teams.Single(t => t.OrgUnitId == units.Station.Id && t.Kind == TeamKind.Squadron);
        Assert.Equal(squadron.Id, teams.Single(t => t.OrgUnitId == practiceBase.Id).ParentTeamId);
        var seen = await stationAdmin.GetFromJsonAsync<Paged<VolunteerRow>>($"/api/v1/volunteers?unitId={practiceBase.Id}", Json.Options);
        Assert.Equal(("合作社社员", VolunteerStatus.Pending), (Assert.Single(seen!.Items).Name, seen.Items[0].Status));

        var report = await county.GetFromJsonAsync<RegistrationReport>($"/api/v1/org/units/{practiceBase.Id}/registration", Json.Options);
        Assert.Equal((4, 1, 25.0), (report!.Unit.PartyMembers, report.Unit.PartyRegistered, report.Unit.PartyRatePercent));
        var village = await county.GetFromJsonAsync<RegistrationReport>($"/api/v1/org/units/{units.Station.Id}/registration", Json.Options);
        var line = Assert.Single(village!.Children, c => c.Id == practiceBase.Id);
        // Staff are counted where they work, beside the residents' rate, not in it.
        Assert.Equal((0, 1, 1), (line.Registered, line.StaffRegistered, line.PartyRegistered));
        Assert.True(village.Unit.StaffRegistered >= 1);
        Assert.True(village.Unit.PartyRegistered >= 1 && village.Unit.PartyMembers >= 4);
    }

    private static AdminRegistrationRequest Registration(string name, string birth, string serial, string phone, Guid unitId) => new()
    {
        Name = name, IdNumber = VolunteerRegistrationTests.IdNumber(birth, serial), Phone = phone, UnitId = unitId,
        PoliticalStatus = PoliticalStatus.PartyMember, Consent = true,
    };
}
