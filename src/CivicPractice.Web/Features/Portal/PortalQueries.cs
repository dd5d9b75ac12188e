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

/// <summary>What the public portal shows of a county: active units only, no personal data.</summary>
public static class PortalQueries
{
    /// <returns>Null when no county is open, or when <paramref name="countyCode"/> names none.</returns>
    public static async Task<PortalCounty?> LoadAsync(AppDbContext db, string? countyCode, string defaultCode, CancellationToken ct = default)
    {
        List<(string Name, string Code)> counties;
        using (db.Scope.AsSystem())
        {
            counties = (await db.Counties.Where(c => c.IsActive).OrderBy(c => c.Code).Select(c => new { c.Name, c.Code }).ToListAsync(ct))
                .Select(c => (c.Name, c.Code)).ToList();
        }
        // A county named in the address exists or is not found (as in the API); only the bare portal falls back.
        var code = string.IsNullOrWhiteSpace(countyCode) ? defaultCode : countyCode.Trim();
        if (!counties.Any(c => c.Code == code))
        {
            if (!string.IsNullOrWhiteSpace(countyCode)) return null;
            code = counties.FirstOrDefault().Code;
        }
        if (code is null) return null;

        Guid countyId;
        string rootPath;
        using (db.Scope.AsSystem())
        {
            countyId = await db.Counties.Where(c => c.Code == code).Select(c => c.Id).SingleAsync(ct);
            rootPath = await db.OrgUnits.Where(u => u.CountyId == countyId && u.ParentId == null).Select(u => u.Path).SingleAsync(ct);
        }
        db.Scope.UsePublicCounty(countyId, rootPath);
        var units = await db.OrgUnits.AsNoTracking().Where(u => u.IsActive)
            .OrderBy(u => u.Depth).ThenBy(u => u.SortOrder)
            .Select(u => new PortalUnit(u.Id, u.ParentId, u.Type, u.Name, u.Address, u.ContactPhone, u.OpeningHours, u.ResidentPopulation))
            .ToListAsync(ct);
        var center = units.Single(u => u.Type == OrgUnitType.Center);
        var venues = await db.Venues.AsNoTracking().Where(v => v.IsActive && v.OrgUnitId == center.Id)
            .OrderBy(v => v.Platform).Select(v => new PortalVenue(v.Name, v.Platform, v.OpeningHours)).ToListAsync(ct);
        var name = counties.Single(c => c.Code == code).Name;
        return new PortalCounty(name, code, center, units, venues, counties.Where(c => c.Code != code).ToList());
    }
}
