using System.Net;
using System.Net.Http.Json;
using CivicPractice.Domain.Organization;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Features.Organization;
using CivicPractice.Web.Features.Settings;
using CivicPractice.Web.Features.Volunteers;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Tests.Features.Organization;

/// <summary>
/// 志愿者注册率 on data the test builds: a town whose population is the sum of its two villages, and a street whose own
/// figure (5 000) disagrees with its one community's (4 000).
/// </summary>
public sealed class RegistrationRateTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    private sealed record KnownTree(OrgUnitDto Town, OrgUnitDto Village, OrgUnitDto Hamlet, OrgUnitDto Street, OrgUnitDto Community);

    /// <summary>Built once per database: xUnit makes a new instance of this class for every test.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CivicAppFactory, KnownTree> Trees = [];

    [Fact]
    public async Task StationsAndInstitutes_CountApprovedAndPending_NotRejectedOrWithdrawn()
    {
        var tree = await KnownTreeAsync();
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);

        var village = await ReportAsync(admin, tree.Village.Id);
        var hamlet = await ReportAsync(admin, tree.Hamlet.Id);
        var town = await ReportAsync(admin, tree.Town.Id);

        // 村: 1 000 residents, one approved and one pending (a rejected and a withdrawn one do not count).
        Assert.Equal((1_000, 2, 1, 0.2), (village.Unit.Population, village.Unit.Registered, village.Unit.Approved, village.Unit.RatePercent));
        Assert.Equal((500, 1, 0, 0.2), (hamlet.Unit.Population, hamlet.Unit.Registered, hamlet.Unit.Approved, hamlet.Unit.RatePercent));
        // 镇: no figure of its own, so 1 500 from its villages.
        Assert.Equal((0, 1_500, 1_500, 3, 1, 0.2, false),
            (town.Unit.SetPopulation, town.Unit.ChildrenPopulation, town.Unit.Population, town.Unit.Registered, town.Unit.Approved, town.Unit.RatePercent, town.Unit.PopulationDiffers));
        Assert.Equal([tree.Village.Id, tree.Hamlet.Id], town.Children.Select(c => c.Id));
    }

    [Fact]
    public async Task ASetPopulation_IsUsed_AndItsDifferenceFromTheChildrenIsFlagged()
    {
        var tree = await KnownTreeAsync();
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);

        var street = await ReportAsync(admin, tree.Street.Id);

        Assert.Equal((5_000, 4_000, 5_000, true), (street.Unit.SetPopulation, street.Unit.ChildrenPopulation, street.Unit.Population, street.Unit.PopulationDiffers));
        Assert.Equal((2, 2, 0.04), (street.Unit.Registered, street.Unit.Approved, street.Unit.RatePercent));
        Assert.False(Assert.Single(street.Children).PopulationDiffers);

        // The seeded center's own figure was the sum of its institutes; the two new ones make it disagree.
        var center = await ReportAsync(admin, (await DemoUnits.LoadAsync(app)).Center.Id);
        Assert.True(center.Unit.PopulationDiffers);
        Assert.Equal(center.Children.Sum(c => c.Population), center.Unit.ChildrenPopulation);
        Assert.Contains(center.Children, c => c.Id == tree.Street.Id && c.PopulationDiffers);
    }

    [Fact]
    public async Task TheTarget_IsTheCountysSetting()
    {
        var tree = await KnownTreeAsync();
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var before = await ReportAsync(admin, tree.Village.Id);
        Assert.Equal((13.0, false), (before.TargetPercent, before.Unit.MeetsTarget));

        var updated = await admin.PutAsJsonAsync("/api/v1/county-settings", new UpdateCountySettingsRequest { RegistrationTargetPercent = 0.2 });
        Assert.Equal(0.2, (await updated.Content.ReadFromJsonAsync<CountySettingsDto>(Json.Options))!.RegistrationTargetPercent);

        var after = await ReportAsync(admin, tree.Village.Id);
        Assert.Equal((0.2, true), (after.TargetPercent, after.Unit.MeetsTarget));
        // Another county keeps its own target.
        var other = await app.SignedInAsync(DemoLogins.OtherCountyAdmin);
        Assert.Equal(13.0, (await other.GetFromJsonAsync<CountySettingsDto>("/api/v1/county-settings", Json.Options))!.RegistrationTargetPercent);
        await admin.PutAsJsonAsync("/api/v1/county-settings", new UpdateCountySettingsRequest { RegistrationTargetPercent = 13 });
    }

    [Fact]
    public async Task AUnitOutsideTheAdminsSubtree_IsNotFound()
    {
        var tree = await KnownTreeAsync();
        var station = await app.SignedInAsync(DemoLogins.StationAdmin);

        await ProblemAssert.IsProblemAsync(await station.GetAsync($"/api/v1/org/units/{tree.Town.Id}/registration"), HttpStatusCode.NotFound);
    }

    private static async Task<RegistrationReport> ReportAsync(HttpClient client, Guid unitId) =>
        (await client.GetFromJsonAsync<RegistrationReport>($"/api/v1/org/units/{unitId}/registration", Json.Options))!;

    private async Task<KnownTree> KnownTreeAsync()
    {
        if (Trees.TryGetValue(app, out var built)) return built;
        var units = await DemoUnits.LoadAsync(app);
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        async Task<OrgUnitDto> Unit(Guid parent, OrgUnitType type, string name, string code, int population)
        {
            var response = await admin.PostAsJsonAsync("/api/v1/org/units", new CreateOrgUnitRequest { ParentId = parent, Type = type, Name = name, Code = code, ResidentPopulation = population });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<OrgUnitDto>(Json.Options))!;
        }
        var town = await Unit(units.Center.Id, OrgUnitType.Institute, "指标测试镇新时代文明实践所", "IND-T", 0);
        var village = await Unit(town.Id, OrgUnitType.Station, "指标一村新时代文明实践站", "IND-T-1", 1_000);
        var hamlet = await Unit(town.Id, OrgUnitType.Station, "指标二村新时代文明实践站", "IND-T-2", 500);
        await Unit(village.Id, OrgUnitType.Point, "指标一村党员先锋岗实践点", "IND-T-1-P", 0);
        var street = await Unit(units.Center.Id, OrgUnitType.Institute, "指标测试街道新时代文明实践所", "IND-S", 5_000);
        var community = await Unit(street.Id, OrgUnitType.Station, "指标社区新时代文明实践站", "IND-S-1", 4_000);

        var serial = 0;
        async Task<Guid> Volunteer(OrgUnitDto station)
        {
            serial++;
            var first17 = "430121" + "1980" + serial.ToString("D2") + "15" + "7" + serial.ToString("D2");
            var response = await admin.PostAsJsonAsync("/api/v1/volunteers", new AdminRegistrationRequest
            {
                Name = "指标志愿者" + serial, IdNumber = first17 + ChineseIdNumber.CheckCharacter(first17), Phone = "1377777" + serial.ToString("D4"),
                UnitId = station.Id, PoliticalStatus = PoliticalStatus.Masses, Consent = true,
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<VolunteerDetail>(Json.Options))!.Summary.Id;
        }
        async Task Approve(Guid id) => Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/volunteers/{id}/approve", null)).StatusCode);

        await Approve(await Volunteer(village));
        await Volunteer(village);
        var rejected = await Volunteer(village);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/volunteers/{rejected}/reject", new RejectRequest { Reason = "信息不实" })).StatusCode);
        var withdrawn = await Volunteer(village);
        await Approve(withdrawn);
        await app.WithDbAsync(async db =>
        {
            (await db.Volunteers.SingleAsync(v => v.Id == withdrawn)).Withdraw(DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        await Volunteer(hamlet);
        await Approve(await Volunteer(community));
        await Approve(await Volunteer(community));
        var tree = new KnownTree(town, village, hamlet, street, community);
        Trees.AddOrUpdate(app, tree);
        return tree;
    }
}
