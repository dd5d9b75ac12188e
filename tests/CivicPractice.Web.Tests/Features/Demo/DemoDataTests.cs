using System.Net.Http.Json;
using CivicPractice.Domain.Organization;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Features.Demo;
using CivicPractice.Web.Features.Organization;
using CivicPractice.Web.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Tests.Features.Demo;

/// <summary>The second demo county (云溪区) is a district of its own, not a copy of 青山县 under another name.</summary>
public sealed class DemoDataTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    private sealed record CountyData(List<string> Units, List<string> Addresses, List<string> Venues, List<string> Teams, List<string> Institutes);

    private Task<CountyData> LoadAsync(string code) => app.WithDbAsync(async db =>
    {
        var id = await db.Counties.Where(c => c.Code == code).Select(c => c.Id).SingleAsync();
        var units = await db.OrgUnits.Where(u => u.CountyId == id).ToListAsync();
        var venues = await db.Venues.Where(v => v.CountyId == id).Select(v => v.Name + " " + v.OwnerName).ToListAsync();
        var teams = await db.Teams.Where(t => t.CountyId == id).Select(t => t.Name + " " + t.LeadUnitName).ToListAsync();
        return new CountyData(
            [.. units.Select(u => u.Name)], [.. units.Select(u => u.Address ?? "")], venues, teams,
            [.. units.Where(u => u.Type == OrgUnitType.Institute).Select(u => u.Name)]);
    });

    [Fact]
    public async Task TheDistrict_HasNamesOfItsOwn()
    {
        var county = await LoadAsync(DemoSeeder.MainCountyCode);
        var district = await LoadAsync(DemoSeeder.OtherCountyCode);

        Assert.Empty(district.Units.Intersect(county.Units));
        Assert.Empty(district.Teams.Intersect(county.Teams));
        // Nothing of the district is named after the county or a 县 office.
        Assert.All(district.Units.Concat(district.Addresses).Concat(district.Venues).Concat(district.Teams),
            text => Assert.False(text.Contains("青山", StringComparison.Ordinal) || text.Contains('县'), text));
        // An urban district: its institutes are mostly streets.
        Assert.True(district.Institutes.Count(n => n.Contains("街道", StringComparison.Ordinal)) * 2 > district.Institutes.Count, string.Join("、", district.Institutes));
    }

    [Fact]
    public async Task TheDistrict_HasFiguresOfItsOwn_AndStaysFurtherBehindTheTarget()
    {
        var units = await DemoUnits.LoadAsync(app);
        var (county, district) = (units.Center.CountyId, units.OtherCountyCenter.CountyId);
        var figures = await app.WithDbAsync(async db => new
        {
            // Stations of an urban district are larger communities …
            StationPopulation = await db.OrgUnits.Where(u => u.Type == OrgUnitType.Station).GroupBy(u => u.CountyId)
                .Select(g => new { g.Key, Average = g.Average(u => u.ResidentPopulation) }).ToDictionaryAsync(g => g.Key, g => g.Average),
            Population = await db.OrgUnits.Where(u => u.Type == OrgUnitType.Station).GroupBy(u => u.CountyId)
                .Select(g => new { g.Key, Sum = g.Sum(u => u.ResidentPopulation) }).ToDictionaryAsync(g => g.Key, g => (double)g.Sum),
            Registered = await db.Volunteers.Where(v => v.Status == VolunteerStatus.Approved || v.Status == VolunteerStatus.Pending).GroupBy(v => v.CountyId)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count),
        });

        Assert.True(figures.StationPopulation[district] > figures.StationPopulation[county]);
        // … and fewer of their people have registered yet.
        Assert.True(figures.Registered[district] / figures.Population[district] < 0.8 * (figures.Registered[county] / figures.Population[county]));
    }

    [Fact]
    public async Task TheDistrictsDemoLogin_StillOpensItsCenter()
    {
        var units = await DemoUnits.LoadAsync(app);
        var district = await app.SignedInAsync(DemoLogins.OtherCountyAdmin);
        var top = await district.GetFromJsonAsync<Paged<OrgUnitDto>>("/api/v1/org/units", Json.Options);

        Assert.Equal((units.OtherCountyCenter.Id, "云溪区新时代文明实践中心"), (Assert.Single(top!.Items).Id, top.Items[0].Name));
    }
}
