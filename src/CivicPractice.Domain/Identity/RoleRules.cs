using CivicPractice.Domain.Common;
using CivicPractice.Domain.Organization;

namespace CivicPractice.Domain.Identity;

/// <summary>Which role may be held on which tier, and who may grant it.</summary>
public static class RoleRules
{
    /// <summary>The account roles an admin may grant (team leadership is a team membership role, not one of them).</summary>
    public static IEnumerable<RoleKind> Grantable => Enum.GetValues<RoleKind>().Where(r => r != RoleKind.TeamLeader);

    public static bool CanHoldOn(RoleKind role, OrgUnitType unit) => role switch
    {
        RoleKind.CountyAdmin => unit == OrgUnitType.Center,
        RoleKind.InstituteAdmin => unit == OrgUnitType.Institute,
        // 基地主任 runs a base like a station admin runs a station (DOMAIN.md §1).
        RoleKind.StationAdmin => unit is OrgUnitType.Station or OrgUnitType.Base,
        RoleKind.Volunteer => unit is not OrgUnitType.Center,
        _ => false,
    };

    /// <summary>
    /// An admin grants roles only inside their own subtree, and never one wider than their own
    /// (a station admin cannot make a county admin, whatever unit is named).
    /// </summary>
    public static void EnsureCanGrant(RoleKind grantor, string grantorPath, RoleKind role, OrgUnitType unitType, string unitPath)
    {
        if (!RoleLabels.IsAdmin(grantor)) throw new DomainException("只有管理员可以授予角色。", DomainErrorKind.Conflict);
        if (!OrgTreeRules.IsWithin(unitPath, grantorPath)) throw new DomainException("只能在您管理的范围内授予角色。");
        if (role == RoleKind.TeamLeader) throw new DomainException("队长、副队长在“志愿服务队伍”中由队员职务任命，不是账号角色。");
        if (RoleLabels.Breadth(role) < RoleLabels.Breadth(grantor)) throw new DomainException($"您不能授予“{RoleLabels.Of(role)}”角色。");
        if (!CanHoldOn(role, unitType)) throw new DomainException($"“{RoleLabels.Of(role)}”不能设在{OrgUnitLabels.Of(unitType)}。");
    }
}
