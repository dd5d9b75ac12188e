using CivicPractice.Domain.Organization;
using CivicPractice.Web.Data;
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
        var venue = Venue.Create(unit, form.ToDetails(), now);
        db.Venues.Add(venue);
        await OrgUnitHandlers.SaveAsync(db, ct);
        return await GetAsync(db, venue.Id, ct);
    }

    public static async Task<VenueDto> UpdateAsync(AppDbContext db, Guid id, VenueForm form, DateTimeOffset now, CancellationToken ct = default)
    {
        var venue = await db.Venues.FirstOrDefaultAsync(v => v.Id == id, ct) ?? throw new NotFoundException("阵地");
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

    public static async Task<VenueDto> GetAsync(AppDbContext db, Guid id, CancellationToken ct = default) =>
        await Project(db.Venues.AsNoTracking().Where(v => v.Id == id)).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("阵地");

    private static IQueryable<VenueDto> Project(IQueryable<Venue> venues) => venues.Select(v => new VenueDto(
        v.Id, v.OrgUnitId, v.Name, v.Platform, v.OwnerName, v.Address, v.Capacity, v.OpeningHours, v.ManagerName, v.IsActive));
}
