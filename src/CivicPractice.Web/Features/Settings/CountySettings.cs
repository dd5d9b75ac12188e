using System.ComponentModel.DataAnnotations;
using CivicPractice.Domain.Common;
using CivicPractice.Domain.Teams;
using CivicPractice.Domain.Organization;
using CivicPractice.Web.Data;
using CivicPractice.Web.Features.Volunteers;
using CivicPractice.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Features.Settings;

public sealed record CountySettingsDto(string CountyName, bool AutoApproveVolunteers, double RegistrationTargetPercent, TeamTierNames TeamTiers, IReadOnlyList<OptionDto> Options);

public sealed record OptionDto(Guid Id, VolunteerOptionKind Kind, string Name, int SortOrder, bool IsActive)
{
    public string KindName => Kinds.Of(Kind);
}

/// <summary>A setting left out (null) keeps its value.</summary>
public sealed class UpdateCountySettingsRequest
{
    public bool? AutoApproveVolunteers { get; set; }

    /// <summary>志愿者注册率目标, percent of the resident population (DOMAIN.md §4 default 13).</summary>
    [Range(IndicatorPolicies.MinRegistrationTargetPercent, IndicatorPolicies.MaxRegistrationTargetPercent, ErrorMessage = "注册率目标应在 0.1% 到 100% 之间。")]
    public double? RegistrationTargetPercent { get; set; }
}

/// <summary>What the county calls its tier teams and squads.</summary>
public sealed class UpdateTeamTiersRequest
{
    [Required(ErrorMessage = "请填写县级队伍的名称。")]
    [StringLength(TeamTierNames.MaxLength, ErrorMessage = "队伍层级名称最长 6 个字。")]
    public string? Corps { get; set; }

    [Required(ErrorMessage = "请填写所（乡镇、街道）级队伍的名称。")]
    [StringLength(TeamTierNames.MaxLength, ErrorMessage = "队伍层级名称最长 6 个字。")]
    public string? Brigade { get; set; }

    [Required(ErrorMessage = "请填写站（村、社区）级队伍的名称。")]
    [StringLength(TeamTierNames.MaxLength, ErrorMessage = "队伍层级名称最长 6 个字。")]
    public string? Squadron { get; set; }

    [Required(ErrorMessage = "请填写站内或所下小队的名称。")]
    [StringLength(TeamTierNames.MaxLength, ErrorMessage = "队伍层级名称最长 6 个字。")]
    public string? Squad { get; set; }
}

public sealed class AddOptionRequest
{
    [Required(ErrorMessage = "请选择列表。")]
    [EnumDataType(typeof(VolunteerOptionKind), ErrorMessage = "列表无效。")]
    public VolunteerOptionKind? Kind { get; set; }

    [Required(ErrorMessage = "请填写选项名称。")]
    [StringLength(30, MinimumLength = 1, ErrorMessage = "选项名称最长 30 个字。")]
    public string? Name { get; set; }
}

public static class Kinds
{
    public static string Of(VolunteerOptionKind kind) => kind switch
    {
        VolunteerOptionKind.Interest => "服务意向",
        VolunteerOptionKind.Skill => "专业技能",
        VolunteerOptionKind.Tag => "人员标签",
        VolunteerOptionKind.Availability => "可服务时间",
        VolunteerOptionKind.ServicePlatform => "服务平台（阵地所属平台）",
        _ => kind.ToString(),
    };
}

/// <summary>
/// 县（区）设置, for the county's center admins: whether new volunteers are approved at once, and the lists volunteers
/// pick from (service interests seeded with the 17 team types, skills, tags, availability).
/// </summary>
public sealed class CountySettingsService(AppDbContext db, TimeProvider clock)
{
    public async Task<CountySettingsDto> GetAsync(CancellationToken ct = default)
    {
        var county = await db.Counties.AsNoTracking().FirstOrDefaultAsync(ct) ?? throw new NotFoundException("县（区）");
        var options = await db.VolunteerOptions.AsNoTracking().OrderBy(o => o.Kind).ThenBy(o => o.SortOrder)
            .Select(o => new OptionDto(o.Id, o.Kind, o.Name, o.SortOrder, o.IsActive)).ToListAsync(ct);
        return new CountySettingsDto(county.Name, county.AutoApproveVolunteers, county.RegistrationTargetPercent, county.TeamTiers, options);
    }

    public async Task<CountySettingsDto> UpdateAsync(UpdateCountySettingsRequest r, CancellationToken ct = default)
    {
        var county = await db.Counties.FirstOrDefaultAsync(ct) ?? throw new NotFoundException("县（区）");
        if (r.AutoApproveVolunteers is { } autoApprove) county.SetAutoApproveVolunteers(autoApprove);
        if (r.RegistrationTargetPercent is { } target) county.SetRegistrationTarget(target);
        await db.SaveChangesAsync(ct);
        return await GetAsync(ct);
    }

    /// <summary>
    /// Renames the county's tiers; tier teams still carrying the name generated from the old tier name take the new
    /// one ("某村新时代文明实践志愿服务中队" → "…小队"), teams someone named themselves keep their names.
    /// </summary>
    public async Task<CountySettingsDto> UpdateTeamTiersAsync(UpdateTeamTiersRequest r, CancellationToken ct = default)
    {
        var county = await db.Counties.FirstOrDefaultAsync(ct) ?? throw new NotFoundException("县（区）");
        var names = TeamTierNames.Create(r.Corps, r.Brigade, r.Squadron, r.Squad);
        var old = county.TeamTiers;
        county.SetTeamTiers(names);
        var now = clock.GetUtcNow();
        var tierTeams = await (from t in db.Teams
                               join u in db.OrgUnits.IgnoreQueryFilters() on t.OrgUnitId equals u.Id
                               where t.CountyId == county.Id && u.CountyId == county.Id
                                   && (t.Kind == TeamKind.Corps || t.Kind == TeamKind.Brigade || t.Kind == TeamKind.Squadron)
                               select new { Team = t, UnitName = u.Name }).ToListAsync(ct);
        foreach (var x in tierTeams.Where(x => old.Of(x.Team.Kind) != names.Of(x.Team.Kind) && x.Team.Name == TeamLabels.TierName(x.UnitName, old.Of(x.Team.Kind))))
        {
            x.Team.Rename(TeamLabels.TierName(x.UnitName, names.Of(x.Team.Kind)), now);
        }
        await db.SaveChangesAsync(ct);
        return await GetAsync(ct);
    }

    public async Task<CountySettingsDto> AddOptionAsync(AddOptionRequest r, CancellationToken ct = default)
    {
        var countyId = db.Scope.CountyId ?? throw new NotFoundException("县（区）");
        var name = r.Name!.Trim();
        var existing = await db.VolunteerOptions.FirstOrDefaultAsync(o => o.Kind == r.Kind && o.Name == name, ct);
        if (existing is { IsActive: true }) throw new DomainException($"“{name}”已在{Kinds.Of(r.Kind!.Value)}列表中。", DomainErrorKind.Conflict);
        if (existing is not null) existing.IsActive = true;
        else
        {
            var last = await db.VolunteerOptions.Where(o => o.Kind == r.Kind).MaxAsync(o => (int?)o.SortOrder, ct) ?? 0;
            db.VolunteerOptions.Add(new VolunteerOption { CountyId = countyId, Kind = r.Kind!.Value, Name = name, SortOrder = last + 1 });
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new DomainException($"“{name}”刚刚已被添加。", DomainErrorKind.Conflict);
        }
        return await GetAsync(ct);
    }

    /// <summary>Options are retired, not deleted: volunteers who chose them keep what they chose.</summary>
    public async Task<CountySettingsDto> RetireOptionAsync(Guid id, CancellationToken ct = default)
    {
        var option = await db.VolunteerOptions.FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException("选项");
        if (!option.IsActive) throw new DomainException("该选项已停用。", DomainErrorKind.Conflict);
        option.IsActive = false;
        await db.SaveChangesAsync(ct);
        return await GetAsync(ct);
    }
}
