using System.Net;
using System.Net.Http.Json;
using CivicPractice.Domain.Organization;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Features.Identity;
using CivicPractice.Web.Features.Organization;
using CivicPractice.Web.Features.Volunteers;
using CivicPractice.Web.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;

namespace CivicPractice.Web.Tests.Features.Volunteers;

/// <summary>Regression tests from the attack review of the practice bases' volunteers and teams (branch attack2).</summary>
public sealed class BaseVolunteerAttackTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    /// <summary>
    /// The party members' registration rate divides by the party members on the units' books (only bases, or units that
    /// set a figure), but counted every party-member volunteer of the subtree: a village's resident party members, whose
    /// branch never filed a figure, landed in the numerator. The demo county's home page shows 3968.9 % (green), an
    /// institute 123800 %. Only party members registered at a unit with party members on its books can count against them.
    /// </summary>
    [Fact]
    public async Task PartyRate_CountsOnlyPartyMembersOfUnitsWithPartyMembersOnTheBooks()
    {
        var units = await DemoUnits.LoadAsync(app);
        var county = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var created = await county.PostAsJsonAsync("/api/v1/org/units", new CreateOrgUnitRequest
        {
            ParentId = units.Station.Id, Type = OrgUnitType.Base, Name = "村卫生院实践基地", Code = "ATTACK-PARTY-BASE", PartyMembers = 10,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var practiceBase = (await created.Content.ReadFromJsonAsync<OrgUnitDto>(Json.Options))!;
        Assert.Equal(HttpStatusCode.Created, (await county.PostAsJsonAsync("/api/v1/volunteers",
            Registration("卫生院党员", "19850505", "511", "13655555511", practiceBase.Id))).StatusCode);
        // A resident party member of the village itself; the village has no party members on its books.
        Assert.Equal(HttpStatusCode.Created, (await county.PostAsJsonAsync("/api/v1/volunteers",
            Registration("村里党员", "19850505", "521", "13655555521", units.Station.Id))).StatusCode);

        var village = (await county.GetFromJsonAsync<RegistrationReport>($"/api/v1/org/units/{units.Station.Id}/registration", Json.Options))!;
        Assert.Equal(0, (await county.GetFromJsonAsync<OrgUnitDto>($"/api/v1/org/units/{units.Station.Id}", Json.Options))!.PartyMembers);
        Assert.Equal(10, village.Unit.PartyMembers);
        // 1 registered party member against the 10 on the base's books: 10 %, not (1 + the village's residents) / 10.
        Assert.Equal(1, village.Unit.PartyRegistered);
        Assert.Equal(10.0, village.Unit.PartyRatePercent);

        var center = (await county.GetFromJsonAsync<RegistrationReport>($"/api/v1/org/units/{units.Center.Id}/registration", Json.Options))!;
        Assert.True(center.Unit.PartyRegistered <= center.Unit.PartyMembers,
            $"county: {center.Unit.PartyRegistered} party members registered against {center.Unit.PartyMembers} on the books ({center.Unit.PartyRatePercent:F1} %)");
    }

    /// <summary>
    /// Bases may now hang under a station, so a station admin can create one, and every active base is offered to the
    /// whole county's public registration form under one group, by name only. A station admin who names a base like an
    /// existing one ("青山县人民医院实践基地") gets a second, indistinguishable choice: staff who pick it register (ID number,
    /// phone) into the station admin's scope, where they can be revealed and exported.
    /// </summary>
    [Fact]
    public async Task AStationAdmin_CannotPlantALookAlikeBase_InThePublicRegistrationForm()
    {
        var units = await DemoUnits.LoadAsync(app);
        var stationAdmin = await app.SignedInAsync(DemoLogins.StationAdmin);
        await stationAdmin.PostAsJsonAsync("/api/v1/org/units", new CreateOrgUnitRequest
        {
            ParentId = units.Station.Id, Type = OrgUnitType.Base, Name = units.Base.Name, Code = "ATTACK-LOOKALIKE",
        });

        var options = await app.Client().GetFromJsonAsync<OptionLists>(
            $"/api/v1/volunteer-registration/options?countyCode={Web.Features.Demo.DemoSeeder.MainCountyCode}", Json.Options);
        var baseChoices = options!.Stations.Where(s => s.InstituteName == StationChoice.BaseGroup).Select(s => s.Name).ToList();
        Assert.Equal(baseChoices.Count, baseChoices.Distinct().Count());
    }

    /// <summary>The base admin's console header and accounts list call them “站管理员” (station admin).</summary>
    [Fact]
    public async Task ABaseAdmin_IsNotCalledAStationAdmin()
    {
        var admin = await app.SignedInAsync(DemoLogins.BaseAdmin);
        var me = await admin.GetFromJsonAsync<IdentityFeature.MeDto>("/api/v1/me", Json.Options);
        Assert.Contains("基地", me!.RoleName);
    }

    private static AdminRegistrationRequest Registration(string name, string birth, string serial, string phone, Guid unitId) => new()
    {
        Name = name, IdNumber = VolunteerRegistrationTests.IdNumber(birth, serial), Phone = phone, UnitId = unitId,
        PoliticalStatus = PoliticalStatus.PartyMember, Consent = true,
    };
}
