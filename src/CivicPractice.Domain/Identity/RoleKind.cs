namespace CivicPractice.Domain.Identity;

/// <summary>What a person may do, always held on one org unit and so on its subtree (DOMAIN.md §1).</summary>
public enum RoleKind
{
    /// <summary>中心管理员 — the whole county.</summary>
    CountyAdmin = 1,
    /// <summary>所管理员 — one town or street.</summary>
    InstituteAdmin = 2,
    /// <summary>站管理员 — one village or community.</summary>
    StationAdmin = 3,
    /// <summary>
    /// Retired: team leadership is the team membership role (队长/副队长), not an account role. Kept so the number
    /// stays taken; nothing grants it and the migration turned existing grants into <see cref="Volunteer"/>.
    /// </summary>
    TeamLeader = 4,
    /// <summary>志愿者.</summary>
    Volunteer = 5,
}

public static class RoleLabels
{
    public static string Of(RoleKind role) => role switch
    {
        RoleKind.CountyAdmin => "中心管理员",
        RoleKind.InstituteAdmin => "所管理员",
        RoleKind.StationAdmin => "站管理员",
        RoleKind.TeamLeader => "队长",
        RoleKind.Volunteer => "志愿者",
        _ => role.ToString(),
    };

    /// <summary>The role as its holder is called at their unit: the station admin role held at a base is the 基地管理员.</summary>
    public static string Of(RoleKind role, Organization.OrgUnitType unitType) =>
        role == RoleKind.StationAdmin && unitType == Organization.OrgUnitType.Base ? "基地管理员" : Of(role);

    public static bool IsAdmin(RoleKind role) => role is RoleKind.CountyAdmin or RoleKind.InstituteAdmin or RoleKind.StationAdmin;

    /// <summary>Lower is wider: the role a person acts in when they hold several.</summary>
    public static int Breadth(RoleKind role) => (int)role;
}
