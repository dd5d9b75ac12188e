using CivicPractice.Domain.Organization;
using CivicPractice.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Tests.Infrastructure;

/// <summary>Well-known units of the seeded demo data, looked up the way the seeder assigned its demo admins.</summary>
/// <param name="Base">The practice base the demo base admin runs (the first one, at the center).</param>
public sealed record DemoUnits(OrgUnit Center, OrgUnit Institute, OrgUnit OtherInstitute, OrgUnit Station, OrgUnit OtherStation, OrgUnit OtherCountyCenter, OrgUnit Base)
{
    public static Task<DemoUnits> LoadAsync(CivicAppFactory app) => app.WithDbAsync(async db =>
    {
        var main = await db.Counties.SingleAsync(c => c.Code == DemoSeeder.MainCountyCode);
        var other = await db.Counties.SingleAsync(c => c.Code == DemoSeeder.OtherCountyCode);
        var units = await db.OrgUnits.Where(u => u.CountyId == main.Id).ToListAsync();
        var institutes = units.Where(u => u.Type == OrgUnitType.Institute).OrderBy(u => u.SortOrder).ToList();
        var stations = units.Where(u => u.ParentId == institutes[0].Id && u.Type == OrgUnitType.Station).OrderBy(u => u.SortOrder).ToList();
        return new DemoUnits(
            units.Single(u => u.Type == OrgUnitType.Center),
            institutes[0],
            institutes[1],
            stations[0],
            stations[1],
            await db.OrgUnits.SingleAsync(u => u.CountyId == other.Id && u.Type == OrgUnitType.Center),
            units.Where(u => u.Type == OrgUnitType.Base).OrderBy(u => u.SortOrder).First());
    });
}
