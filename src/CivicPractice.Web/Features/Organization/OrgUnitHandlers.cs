using CivicPractice.Domain.Common;
using CivicPractice.Domain.Identity;
using CivicPractice.Domain.Organization;
using CivicPractice.Domain.Teams;
using CivicPractice.Web.Data;
using CivicPractice.Web.Features.Identity;
using CivicPractice.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Features.Organization;

public sealed record OrgUnitQuery(Guid? ParentId = null, string? Search = null, OrgUnitType? Type = null, bool IncludeInactive = false, int? Page = null, int? PageSize = null);

/// <summary>
/// The use cases of the organisation tree, shared by the API and the console. Every read goes through the
/// scoped filters, so a unit outside the caller's subtree or county is simply not found.
/// </summary>
public static class OrgUnitHandlers
{
    public static async Task<Paged<OrgUnitDto>> ListAsync(AppDbContext db, OrgUnitQuery q, CancellationToken ct = default)
    {
        var units = db.OrgUnits.AsNoTracking();
        if (!q.IncludeInactive) units = units.Where(u => u.IsActive);
        var search = q.Search?.Trim();
        if (q.ParentId is { } parentId) units = units.Where(u => u.ParentId == parentId);
        else if (string.IsNullOrEmpty(search) && q.Type is null)
        {
            var rootPath = db.Scope.Path;
            units = units.Where(u => u.Path == rootPath);
        }
        if (!string.IsNullOrEmpty(search)) units = units.Where(u => u.Name.Contains(search) || u.Code.Contains(search));
        if (q.Type is { } type) units = units.Where(u => u.Type == type);
        var (page, size) = Paging.Normalize(q.Page, q.PageSize);
        var total = await units.CountAsync(ct);
        var items = await Project(db, units.OrderBy(u => u.Depth).ThenBy(u => u.Type).ThenBy(u => u.SortOrder).ThenBy(u => u.Code), q.IncludeInactive)
            .Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<OrgUnitDto>(items, total, page, size);
    }

    public static async Task<OrgUnitDto> GetAsync(AppDbContext db, Guid id, CancellationToken ct = default) =>
        await Project(db, db.OrgUnits.AsNoTracking().Where(u => u.Id == id), includeInactive: true).FirstOrDefaultAsync(ct)
        ?? throw new NotFoundException("单位");

    /// <summary>The chain from the top of the caller's scope down to the unit, for breadcrumbs.</summary>
    public static async Task<IReadOnlyList<OrgUnitDto>> AncestorsAsync(AppDbContext db, Guid id, CancellationToken ct = default)
    {
        var unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("单位");
        var ids = unit.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList();
        var chain = await Project(db, db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id)), includeInactive: true).ToListAsync(ct);
        return [.. chain.OrderBy(u => u.Depth)];
    }

    public static async Task<OrgUnitDto> CreateAsync(AppDbContext db, CreateOrgUnitRequest r, DateTimeOffset now, CancellationToken ct = default)
    {
        var parent = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == r.ParentId, ct) ?? throw new NotFoundException("上级单位");
        // People register at a base by its name on the public form: only the county or a town sets one up, so a
        // station admin cannot plant a look-alike of an agency's base and collect its staff's registrations.
        if (r.Type == OrgUnitType.Base && db.Scope.Role is not (RoleKind.CountyAdmin or RoleKind.InstituteAdmin))
        {
            throw new DomainException("实践基地由县（区）或乡镇（街道）设立，请联系上级管理员。", DomainErrorKind.Conflict);
        }
        await EnsureCodeFreeAsync(db, parent.CountyId, r.Code!, null, ct);
        if (r.Type == OrgUnitType.Base) await EnsureBaseNameFreeAsync(db, parent.CountyId, r.Name!, null, ct);
        var siblings = await db.OrgUnits.CountAsync(u => u.ParentId == parent.Id, ct);
        var unit = OrgUnit.Create(parent.CountyId, parent, r.Type!.Value, r.ToDetails(), now, siblings + 1);
        db.OrgUnits.Add(unit);
        // Every center, institute and station has its tier team (总队/大队/中队) from the start (DOMAIN.md §3).
        if (TeamLabels.TierFor(unit.Type) is not null)
        {
            db.Teams.Add(Team.ForUnit(unit, await TierTeamOfAsync(db, parent, ct), await TeamTiersAsync(db, unit.CountyId, ct), now));
        }
        await SaveAsync(db, ct);
        return await GetAsync(db, unit.Id, ct);
    }

    public static async Task<OrgUnitDto> UpdateAsync(AppDbContext db, Guid id, OrgUnitForm r, DateTimeOffset now, CancellationToken ct = default)
    {
        var unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("单位");
        await EnsureCodeFreeAsync(db, unit.CountyId, r.Code!, unit.Id, ct);
        if (unit.Type == OrgUnitType.Base) await EnsureBaseNameFreeAsync(db, unit.CountyId, r.Name!, unit.Id, ct);
        var oldName = unit.Name;
        unit.Update(r.ToDetails(), now);
        // The tier team carries the unit's name (“某某村新时代文明实践志愿服务中队”): keep them in step,
        // unless someone has given the team a name of its own.
        if (unit.Name != oldName && await TierTeamOfAsync(db, unit, ct) is { } team)
        {
            var names = await TeamTiersAsync(db, unit.CountyId, ct);
            if (team.Name == TeamLabels.TierName(oldName, team.Kind, names)) team.Rename(TeamLabels.TierName(unit.Name, team.Kind, names), now);
        }
        await SaveAsync(db, ct);
        return await GetAsync(db, id, ct);
    }

    /// <summary>Moves a unit with its whole subtree; venues follow and the admins below get re-scoped cookies.</summary>
    public static async Task<OrgUnitDto> MoveAsync(AppDbContext db, Guid id, Guid newParentId, DateTimeOffset now, CancellationToken ct = default)
    {
        var unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("单位");
        var newParent = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == newParentId, ct) ?? throw new NotFoundException("目标上级单位");
        if (unit.Id == db.Scope.UnitId) throw new DomainException("不能移动您所管理的单位本身。", DomainErrorKind.Conflict);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (oldPath, newPath) = unit.MoveUnder(newParent, now);
        var descendants = await db.OrgUnits.Where(u => u.Path.StartsWith(oldPath) && u.Id != unit.Id).ToListAsync(ct);
        foreach (var d in descendants) d.Rebase(oldPath, newPath, now);
        var subtreeIds = descendants.Select(d => d.Id).Append(unit.Id).ToList();
        var venues = await db.Venues.Where(v => subtreeIds.Contains(v.OrgUnitId)).ToListAsync(ct);
        var pathOf = descendants.Append(unit).ToDictionary(u => u.Id, u => u.Path);
        foreach (var v in venues) v.FollowUnit(pathOf[v.OrgUnitId]);
        foreach (var v in await db.Volunteers.Where(v => subtreeIds.Contains(v.UnitId)).ToListAsync(ct)) v.FollowUnit(pathOf[v.UnitId]);
        var newParentTier = await TierTeamOfAsync(db, newParent, ct);
        foreach (var t in await db.Teams.Where(t => subtreeIds.Contains(t.OrgUnitId)).ToListAsync(ct))
        {
            if (t.OrgUnitId == unit.Id) t.FollowUnit(pathOf[t.OrgUnitId], newParentTier);
            else t.FollowUnit(pathOf[t.OrgUnitId]);
        }
        var affectedUsers = await db.RoleAssignments.Where(r => subtreeIds.Contains(r.OrgUnitId)).Select(r => r.UserId).Distinct().ToListAsync(ct);
        foreach (var user in await db.Users.Where(u => affectedUsers.Contains(u.Id)).ToListAsync(ct))
        {
            user.SecurityStamp = Guid.NewGuid().ToString("N");
        }
        await SaveAsync(db, ct);
        await tx.CommitAsync(ct);
        return await GetAsync(db, id, ct);
    }

    public static async Task<OrgUnitDto> DeactivateAsync(AppDbContext db, Guid id, DateTimeOffset now, CancellationToken ct = default)
    {
        var unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("单位");
        if (unit.Id == db.Scope.UnitId) throw new DomainException("不能停用您所管理的单位本身。", DomainErrorKind.Conflict);
        var hasActiveChildren = await db.OrgUnits.AnyAsync(u => u.ParentId == id && u.IsActive, ct);
        unit.Deactivate(hasActiveChildren, now);
        await SaveAsync(db, ct);
        return await GetAsync(db, id, ct);
    }

    public static async Task<OrgUnitDto> ActivateAsync(AppDbContext db, Guid id, DateTimeOffset now, CancellationToken ct = default)
    {
        var unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("单位");
        var parentActive = unit.ParentId is not { } pid || await db.OrgUnits.IgnoreQueryFilters().AnyAsync(u => u.Id == pid && u.IsActive, ct);
        unit.Activate(parentActive, now);
        await SaveAsync(db, ct);
        return await GetAsync(db, id, ct);
    }

    /// <summary>Units the given unit may move under: the right tier, active, inside the caller's scope, not its own subtree.</summary>
    public static async Task<IReadOnlyList<OrgUnitDto>> MoveTargetsAsync(AppDbContext db, Guid id, CancellationToken ct = default)
    {
        var unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) ?? throw new NotFoundException("单位");
        var types = Enum.GetValues<OrgUnitType>().Where(t => OrgTreeRules.CanBeChildOf(unit.Type, t)).ToList();
        var path = unit.Path;
        return await Project(db, db.OrgUnits.AsNoTracking()
                .Where(u => u.IsActive && types.Contains(u.Type) && !u.Path.StartsWith(path) && u.Id != unit.ParentId)
                .OrderBy(u => u.Depth).ThenBy(u => u.Code), includeInactive: false)
            .Take(2000).ToListAsync(ct);
    }

    private static async Task EnsureCodeFreeAsync(AppDbContext db, Guid countyId, string code, Guid? self, CancellationToken ct)
    {
        code = code.Trim().ToUpperInvariant();
        // Uniqueness is county-wide, including units the caller cannot see; the answer names no other unit.
        if (await db.OrgUnits.IgnoreQueryFilters().AnyAsync(u => u.CountyId == countyId && u.Code == code && u.Id != self, ct))
        {
            throw new DomainException($"单位编码“{code}”已被本县其他单位使用。", DomainErrorKind.Conflict);
        }
    }

    /// <summary>Two bases of one name would look the same on the registration form.</summary>
    private static async Task EnsureBaseNameFreeAsync(AppDbContext db, Guid countyId, string name, Guid? self, CancellationToken ct)
    {
        var trimmed = name.Trim();
        if (await db.OrgUnits.IgnoreQueryFilters().AnyAsync(u => u.CountyId == countyId && u.Type == OrgUnitType.Base && u.Name == trimmed && u.Id != self, ct))
        {
            throw new DomainException($"本县已有名为“{trimmed}”的实践基地，请换一个名称。", DomainErrorKind.Conflict);
        }
    }

    private static Task<Team?> TierTeamOfAsync(AppDbContext db, OrgUnit unit, CancellationToken ct) => Teams.TierTeams.OfUnitAsync(db, unit, ct);

    private static Task<TeamTierNames> TeamTiersAsync(AppDbContext db, Guid countyId, CancellationToken ct) => Teams.TierTeams.NamesAsync(db, countyId, ct);

    internal static async Task SaveAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent request won a unique index race (e.g. the same code twice at once).
            throw new DomainException("保存失败：数据已被他人修改或编码重复，请刷新后重试。", DomainErrorKind.Conflict);
        }
    }

    private static IQueryable<OrgUnitDto> Project(AppDbContext db, IQueryable<OrgUnit> units, bool includeInactive) =>
        units.Select(u => new OrgUnitDto(
            u.Id, u.ParentId, u.Type, u.Name, u.Code, u.Depth, u.Address, u.Latitude, u.Longitude,
            u.ResidentPopulation, u.ContactName, u.ContactPhone, u.OpeningHours, u.ManagerName, u.IsActive,
            db.OrgUnits.Count(c => c.ParentId == u.Id && (includeInactive || c.IsActive)), u.PartyMembers));
}
