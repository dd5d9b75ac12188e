using CivicPractice.Domain.Organization;
using CivicPractice.Domain.Teams;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Features.Teams;

/// <summary>The tier teams that mirror the tree (总队/大队/中队, and a base's team), and the volunteers' place in their unit's one.</summary>
public static class TierTeams
{
    /// <summary>What the county calls its tiers (总队/大队/中队/小队 unless it chose otherwise).</summary>
    public static async Task<TeamTierNames> NamesAsync(AppDbContext db, Guid countyId, CancellationToken ct)
    {
        var c = await db.Counties.IgnoreQueryFilters().Where(c => c.Id == countyId)
            .Select(c => new { c.CorpsName, c.BrigadeName, c.SquadronName, c.SquadName }).FirstOrDefaultAsync(ct);
        return c is null ? TeamTierNames.Default : new TeamTierNames(c.CorpsName, c.BrigadeName, c.SquadronName, c.SquadName);
    }

    /// <summary>The tier team of a unit (a base's own team for a base), or null for points.</summary>
    public static async Task<Team?> OfUnitAsync(AppDbContext db, OrgUnit unit, CancellationToken ct) =>
        TeamLabels.TierFor(unit.Type) is { } tier ? await db.Teams.FirstOrDefaultAsync(t => t.OrgUnitId == unit.Id && t.Kind == tier, ct) : null;

    /// <summary>The active unit teams (a station's 中队, a base's team) of the units given, by unit id: the teams approved volunteers join.</summary>
    public static async Task<Dictionary<Guid, Team>> OfMemberUnitsAsync(AppDbContext db, IReadOnlyCollection<Guid> unitIds, CancellationToken ct) =>
        await db.Teams.AsNoTracking().Where(t => (t.Kind == TeamKind.Squadron || t.Kind == TeamKind.BaseTeam) && t.IsActive && unitIds.Contains(t.OrgUnitId))
            .ToDictionaryAsync(t => t.OrgUnitId, ct);

    /// <summary>
    /// An approved volunteer is a member of their station's 中队 (DOMAIN.md §3: the tier teams mirror the tree) or of their
    /// base's team, so the unit's team roster is its volunteers from the start. Nothing happens if they are already on it.
    /// </summary>
    public static async Task EnlistApprovedAsync(AppDbContext db, Volunteer volunteer, DateTimeOffset now, CancellationToken ct)
    {
        var team = await db.Teams.FirstOrDefaultAsync(t => t.OrgUnitId == volunteer.UnitId && (t.Kind == TeamKind.Squadron || t.Kind == TeamKind.BaseTeam) && t.IsActive, ct);
        if (team is null || await db.TeamMembers.AnyAsync(m => m.TeamId == team.Id && m.VolunteerId == volunteer.Id, ct)) return;
        db.TeamMembers.Add(TeamMember.Enlist(team, volunteer.Id, now));
    }
}
