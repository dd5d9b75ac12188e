using CivicPractice.Domain.Organization;
using CivicPractice.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Features.Portal;

public sealed record PortalUnit(Guid Id, Guid? ParentId, OrgUnitType Type, string Name, string? Address, string? ContactPhone, string? OpeningHours, int ResidentPopulation);

public sealed record PortalVenue(string Name, string Platform, string? OpeningHours);

public sealed record PortalCounty(string Name, string Code, PortalUnit Center, IReadOnlyList<PortalUnit> Units, IReadOnlyList<PortalVenue> CenterVenues, IReadOnlyList<(string Name, string Code)> OtherCounties)
{
    public IEnumerable<PortalUnit> Institutes => Units.Where(u => u.Type == OrgUnitType.Institute);
    public IEnumerable<PortalUnit> ChildrenOf(Guid id, OrgUnitType type) => Units.Where(u => u.ParentId == id && u.Type == type);
    public int StationCount => Units.Count(u => u.Type == OrgUnitType.Station);
    public int PointCount => Units.Count(u => u.Type == OrgUnitType.Point);
    public int BaseCount => Units.Count(u => u.Type == OrgUnitType.Base);
}

/// <summary>What the public portal shows of a county: active units only, no personal data. Served from <see cref="PortalCache"/>.</summary>
public static class PortalQueries
{
    private sealed record OpenCounty(Guid Id, string Name, string Code, string RootPath);

    private sealed record CountyContent(PortalUnit Center, IReadOnlyList<PortalUnit> Units, IReadOnlyList<PortalVenue> CenterVenues);

    /// <returns>Null when no county is open, or when <paramref name="countyCode"/> names none.</returns>
    public static async Task<PortalCounty?> LoadAsync(AppDbContext db, PortalCache cache, string? countyCode, string defaultCode, CancellationToken ct = default)
    {
        var counties = await cache.GetOrLoadAsync("counties", () => OpenCountiesAsync(db, ct));
        // A county named in the address exists or is not found (as in the API); only the bare portal falls back.
        var code = string.IsNullOrWhiteSpace(countyCode) ? defaultCode : countyCode.Trim();
        var county = counties.FirstOrDefault(c => c.Code == code);
        if (county is null)
        {
            if (!string.IsNullOrWhiteSpace(countyCode)) return null;
            county = counties.FirstOrDefault();
        }
        if (county is null) return null;
        // Keyed by the codes of open counties only: an address with any other code never adds an entry.
        var content = await cache.GetOrLoadAsync("county:" + county.Code, () => ContentAsync(db, county, ct));
        return new PortalCounty(county.Name, county.Code, content.Center, content.Units, content.CenterVenues,
            [.. counties.Where(c => c.Code != county.Code).Select(c => (c.Name, c.Code))]);
    }

    private static async Task<IReadOnlyList<OpenCounty>> OpenCountiesAsync(AppDbContext db, CancellationToken ct)
    {
        using var _ = db.Scope.AsSystem();
        return await (from c in db.Counties
                      where c.IsActive
                      join u in db.OrgUnits on c.Id equals u.CountyId
                      where u.ParentId == null
                      orderby c.Code
                      select new OpenCounty(c.Id, c.Name, c.Code, u.Path)).ToListAsync(ct);
    }

    private static async Task<CountyContent> ContentAsync(AppDbContext db, OpenCounty county, CancellationToken ct)
    {
        db.Scope.UsePublicCounty(county.Id, county.RootPath);
        var units = await db.OrgUnits.AsNoTracking().Where(u => u.IsActive)
            .OrderBy(u => u.Depth).ThenBy(u => u.SortOrder)
            .Select(u => new PortalUnit(u.Id, u.ParentId, u.Type, u.Name, u.Address, u.ContactPhone, u.OpeningHours, u.ResidentPopulation))
            .ToListAsync(ct);
        var center = units.Single(u => u.Type == OrgUnitType.Center);
        var venues = await db.Venues.AsNoTracking().Where(v => v.IsActive && v.OrgUnitId == center.Id)
            .OrderBy(v => v.Platform).Select(v => new PortalVenue(v.Name, v.Platform, v.OpeningHours)).ToListAsync(ct);
        return new CountyContent(center, units, venues);
    }
}
