using CivicPractice.Domain.Organization;
using CivicPractice.Web.Data;
using CivicPractice.Web.Features.Volunteers;
using CivicPractice.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Features.Organization;

/// <summary>阵地 use cases: list, add, edit, deactivate, within the caller's subtree.</summary>
public static class VenueHandlers
{
    public static async Task<IReadOnlyList<VenueDto>> ListAsync(AppDbContext db, Guid unitId, CancellationToken ct = default)
    {
        if (!await db.OrgUnits.AnyAsync(u => u.Id == unitId, ct)) throw new NotFoundException("单位");
        return await Project(db.Venues.AsNoTracking().Where(v => v.OrgUnitId == unitId)
            .OrderByDescending(v => v.IsActive).ThenBy(v => v.Platform).ThenBy(v => v.Name)).ToListAsync(ct);
    }

    public static async Task<VenueDto> CreateAsync(AppDbContext db, Guid unitId, VenueForm form, DateTimeOffset now, CancellationToken ct = default)
    {
        var unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == unitId, ct) ?? throw new NotFoundException("单位");
        await EnsurePlatformAsync(db, unit.CountyId, form.Platform, null, ct);
        var venue = Venue.Create(unit, form.ToDetails(), now);
        db.Venues.Add(venue);
        await OrgUnitHandlers.SaveAsync(db, ct);
        return await GetAsync(db, venue.Id, ct);
    }

    public static async Task<VenueDto> UpdateAsync(AppDbContext db, Guid id, VenueForm form, DateTimeOffset now, CancellationToken ct = default)
    {
        var venue = await db.Venues.FirstOrDefaultAsync(v => v.Id == id, ct) ?? throw new NotFoundException("阵地");
        await EnsurePlatformAsync(db, venue.CountyId, form.Platform, venue.Platform, ct);
        venue.Update(form.ToDetails(), now);
        await OrgUnitHandlers.SaveAsync(db, ct);
        return await GetAsync(db, id, ct);
    }

    public static async Task<VenueDto> DeactivateAsync(AppDbContext db, Guid id, DateTimeOffset now, CancellationToken ct = default)
    {
        var venue = await db.Venues.FirstOrDefaultAsync(v => v.Id == id, ct) ?? throw new NotFoundException("阵地");
        venue.Deactivate(now);
        await OrgUnitHandlers.SaveAsync(db, ct);
        return await GetAsync(db, id, ct);
    }

    /// <summary>The county's active service platforms, in its order: what a venue may be filed under.</summary>
    public static async Task<IReadOnlyList<string>> PlatformsAsync(AppDbContext db, Guid countyId, CancellationToken ct = default) =>
        await db.VolunteerOptions.IgnoreQueryFilters()
            .Where(o => o.CountyId == countyId && o.Kind == VolunteerOptionKind.ServicePlatform && o.IsActive)
            .OrderBy(o => o.SortOrder).Select(o => o.Name).ToListAsync(ct);

    /// <summary>A venue is filed under an active platform of its county, or keeps the one it has (which may since have been retired).</summary>
    private static async Task EnsurePlatformAsync(AppDbContext db, Guid countyId, string? platform, string? current, CancellationToken ct)
    {
        var name = platform?.Trim() ?? "";
        if (name.Length > 0 && name == current) return;
        if (!(await PlatformsAsync(db, countyId, ct)).Contains(name))
        {
            throw new Domain.Common.DomainException($"“{name}”不是本县（区）的服务平台，请从列表中选择；县（区）管理员可在“县（区）设置”中维护平台列表。");
        }
    }

    public static async Task<VenueDto> GetAsync(AppDbContext db, Guid id, CancellationToken ct = default) =>
        await Project(db.Venues.AsNoTracking().Where(v => v.Id == id)).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("阵地");

    private static IQueryable<VenueDto> Project(IQueryable<Venue> venues) => venues.Select(v => new VenueDto(
        v.Id, v.OrgUnitId, v.Name, v.Platform, v.OwnerName, v.Address, v.Capacity, v.OpeningHours, v.ManagerName, v.IsActive));
}
