using CivicPractice.Domain.Organization;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Data;
using CivicPractice.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Features.Organization;

/// <summary>One unit's line of the registration indicator.</summary>
public sealed record UnitRegistrationDto(
    Guid Id, string Name, OrgUnitType Type, int SetPopulation, int ChildrenPopulation, int Population,
    bool PopulationDiffers, int Registered, int Approved, double? RatePercent, bool MeetsTarget,
    int PartyMembers, int PartyRegistered, double? PartyRatePercent, int StaffRegistered)
{
    public string TypeName => OrgUnitLabels.Of(Type);
}

/// <summary>The indicator for a unit and its active children, against the county's target.</summary>
public sealed record RegistrationReport(double TargetPercent, UnitRegistrationDto Unit, IReadOnlyList<UnitRegistrationDto> Children);

/// <summary>
/// 志愿者注册率 (DOMAIN.md §4): registered volunteers — approved and pending, not rejected or withdrawn — over the
/// resident population, with the approved beside it. A unit's population is its own figure when set, else the sum
/// of its children's (<see cref="RegistrationIndicator"/>). Only active units count. Residents register at their station;
/// staff registered at their employer's base are not residents of the unit above the base, so they are counted beside
/// the rate (<see cref="UnitRegistrationDto.StaffRegistered"/>), not in it. Beside it too the party members' registration
/// (target 100 %, seed 003): party-member volunteers registered at units that keep a party-member figure, over those
/// figures — a base's are its employer's cadres (seed 004), so cadres count where they work.
/// </summary>
public static class RegistrationRates
{
    /// <param name="unitId">A unit in the caller's scope; none means the top of the scope.</param>
    public static async Task<RegistrationReport> ForUnitAsync(AppDbContext db, Guid? unitId, CancellationToken ct = default)
    {
        var scopePath = db.Scope.Path;
        var unit = await db.OrgUnits.AsNoTracking()
            .Where(u => unitId == null ? u.Path == scopePath : u.Id == unitId)
            .Select(u => new { u.Id, u.Path }).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("单位");
        var units = await db.OrgUnits.AsNoTracking()
            .Where(u => u.Path.StartsWith(unit.Path) && (u.IsActive || u.Id == unit.Id))
            .Select(u => new { u.Id, u.ParentId, u.Name, u.Type, u.ResidentPopulation, u.PartyMembers, u.Path, u.SortOrder, u.Code })
            .ToListAsync(ct);
        var counts = await db.Volunteers.AsNoTracking()
            .Where(v => v.UnitPath.StartsWith(unit.Path) && (v.Status == VolunteerStatus.Pending || v.Status == VolunteerStatus.Approved))
            .GroupBy(v => new { v.UnitId, v.Status, Party = v.PoliticalStatus == PoliticalStatus.PartyMember || v.PoliticalStatus == PoliticalStatus.ProbationaryPartyMember })
            .Select(g => new { g.Key.UnitId, g.Key.Status, g.Key.Party, Count = g.Count() })
            .ToListAsync(ct);
        var target = await db.Counties.AsNoTracking().Select(c => c.RegistrationTargetPercent).FirstAsync(ct);

        var byId = units.ToDictionary(u => u.Id);
        // Volunteers of units no longer active (or outside the list) count nowhere, as before.
        var known = counts.Where(c => byId.ContainsKey(c.UnitId)).ToList();
        var residents = known.Where(c => byId[c.UnitId].Type != OrgUnitType.Base).ToList();
        var registered = residents.GroupBy(c => c.UnitId).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        var approved = residents.Where(c => c.Status == VolunteerStatus.Approved).GroupBy(c => c.UnitId).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        var party = known.Where(c => c.Party && byId[c.UnitId].PartyMembers > 0).GroupBy(c => c.UnitId).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        var staff = known.Where(c => byId[c.UnitId].Type == OrgUnitType.Base).GroupBy(c => byId[c.UnitId].Path).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        var rolled = RegistrationIndicator.Roll(units.Select(u => new PopulationNode(
            u.Id, u.Id == unit.Id ? null : u.ParentId, u.ResidentPopulation, registered.GetValueOrDefault(u.Id), approved.GetValueOrDefault(u.Id),
            u.PartyMembers, party.GetValueOrDefault(u.Id))));

        UnitRegistrationDto Line(Guid id)
        {
            var u = units.First(x => x.Id == id);
            var r = rolled[id];
            return new UnitRegistrationDto(u.Id, u.Name, u.Type, r.SetPopulation, r.ChildrenPopulation, r.Population,
                r.PopulationDiffers, r.Registered, r.Approved, r.RatePercent, r.MeetsTarget(target), r.PartyMembers, r.PartyRegistered, r.PartyRatePercent,
                staff.Where(s => s.Key.StartsWith(u.Path, StringComparison.Ordinal)).Sum(s => s.Value));
        }
        var children = units.Where(u => u.ParentId == unit.Id && u.Id != unit.Id)
            .OrderBy(u => u.Type).ThenBy(u => u.SortOrder).ThenBy(u => u.Code).Select(u => Line(u.Id)).ToList();
        return new RegistrationReport(target, Line(unit.Id), children);
    }
}
