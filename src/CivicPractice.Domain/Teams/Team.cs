using CivicPractice.Domain.Common;
using CivicPractice.Domain.Organization;

namespace CivicPractice.Domain.Teams;

/// <summary>Team tiers (DOMAIN.md §3): tier teams mirror the tree; specialised teams serve one field.</summary>
public enum TeamKind
{
    /// <summary>总队 — the county corps, at the center.</summary>
    Corps = 1,
    /// <summary>大队 — an institute's brigade.</summary>
    Brigade = 2,
    /// <summary>中队 — a station's squadron.</summary>
    Squadron = 3,
    /// <summary>小队 — a squad inside a station.</summary>
    Squad = 4,
    /// <summary>支队 — a specialised detachment ("5+X", "10+N").</summary>
    Detachment = 5,
    /// <summary>分队 — a specialised unit under a detachment.</summary>
    Section = 6,
    /// <summary>基地志愿服务队 — a practice base's own team (DOMAIN.md §1: "a unit's practice base with its own team").</summary>
    BaseTeam = 7,
}

public static class TeamLabels
{
    public static string Of(TeamKind kind) => kind switch
    {
        TeamKind.Corps => "总队",
        TeamKind.Brigade => "大队",
        TeamKind.Squadron => "中队",
        TeamKind.Squad => "小队",
        TeamKind.Detachment => "支队",
        TeamKind.Section => "分队",
        TeamKind.BaseTeam => "基地服务队",
        _ => kind.ToString(),
    };

    public static string Of(MemberRole role) => role switch
    {
        MemberRole.Leader => "队长",
        MemberRole.DeputyLeader => "副队长",
        _ => "队员",
    };

    public static string Of(MembershipStatus status) => status switch
    {
        MembershipStatus.Applied => "申请中",
        MembershipStatus.Invited => "已邀请",
        MembershipStatus.Active => "在队",
        MembershipStatus.Left => "已离队",
        _ => status.ToString(),
    };

    /// <summary>The team a unit gets when it is created (its tier team, or a base's own team), or null for points.</summary>
    public static TeamKind? TierFor(OrgUnitType unit) => unit switch
    {
        OrgUnitType.Center => TeamKind.Corps,
        OrgUnitType.Institute => TeamKind.Brigade,
        OrgUnitType.Station => TeamKind.Squadron,
        OrgUnitType.Base => TeamKind.BaseTeam,
        _ => null,
    };

    /// <summary>"青山县新时代文明实践中心" → "青山县新时代文明实践志愿服务总队".</summary>
    public static string TierName(string unitName, TeamKind kind) => TierName(unitName, Of(kind));

    /// <summary>The name of a unit's own team with the county's tier names; a base's team is "…志愿服务队" whatever they are.</summary>
    public static string TierName(string unitName, TeamKind kind, TeamTierNames names) =>
        TierName(unitName, kind == TeamKind.BaseTeam ? "队" : names.Of(kind));

    /// <summary>The same with the county's own name of the tier ("…志愿服务小队").</summary>
    public static string TierName(string unitName, string kindName)
    {
        foreach (var suffix in new[] { "新时代文明实践中心", "新时代文明实践所", "新时代文明实践站", "新时代文明实践基地", "实践基地" })
        {
            if (unitName.EndsWith(suffix, StringComparison.Ordinal)) return unitName[..^suffix.Length] + "新时代文明实践志愿服务" + kindName;
        }
        return unitName + "志愿服务" + kindName;
    }
}

/// <summary>
/// 志愿服务队伍. A tier team belongs to the unit it mirrors; a specialised team names its lead unit (牵头单位),
/// service items and service objects. <see cref="UnitPath"/> places the team in the tree for scoping.
/// </summary>
public sealed class Team
{
    private Team() { }

    public Guid Id { get; private set; }
    public Guid CountyId { get; private set; }
    public TeamKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public Guid? ParentTeamId { get; private set; }
    public Guid OrgUnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public string? LeadUnitName { get; private set; }
    public string? Category { get; private set; }
    public List<string> ServiceItems { get; private set; } = [];
    public List<string> ServiceObjects { get; private set; } = [];
    public string? Introduction { get; private set; }
    public string? LogoFile { get; private set; }
    public bool IsActive { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>A team that exists because its unit does (总队/大队/中队 and a base's team): made and kept with the unit.</summary>
    public bool IsTier => IsTierKind(Kind);

    public static bool IsTierKind(TeamKind kind) => kind is TeamKind.Corps or TeamKind.Brigade or TeamKind.Squadron or TeamKind.BaseTeam;

    /// <summary>The unit teams approved volunteers are enlisted in: a station's 中队 or a base's team.</summary>
    public static bool EnlistsMembers(TeamKind kind) => kind is TeamKind.Squadron or TeamKind.BaseTeam;

    /// <summary>The tier team of a unit (总队/大队/中队, as the county names them), under the tier team of its parent unit.</summary>
    public static Team ForUnit(OrgUnit unit, Team? parentTier, TeamTierNames names, DateTimeOffset now)
    {
        var kind = TeamLabels.TierFor(unit.Type) ?? throw new DomainException("实践点不单独组建队伍。");
        return new Team
        {
            Id = Guid.CreateVersion7(now),
            CountyId = unit.CountyId,
            Kind = kind,
            Name = TeamLabels.TierName(unit.Name, kind, names),
            ParentTeamId = parentTier?.Id,
            OrgUnitId = unit.Id,
            UnitPath = unit.Path,
            IsActive = true,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>A specialised team (支队/分队), or a squad (小队) inside a station's squadron or directly under a brigade (seed 003).</summary>
    public static Team Specialised(TeamKind kind, string name, OrgUnit unit, Team? parent, TeamDetails details, DateTimeOffset now)
    {
        switch (kind)
        {
            case TeamKind.Detachment when parent is not null && parent.Kind is not (TeamKind.Corps or TeamKind.Brigade):
                throw new DomainException("支队应设在总队或大队之下。");
            case TeamKind.Section when parent is null || parent.Kind is not (TeamKind.Detachment or TeamKind.Brigade):
                throw new DomainException("分队应设在支队或大队之下。");
            case TeamKind.Squad when parent is null || parent.Kind is not (TeamKind.Squadron or TeamKind.Brigade or TeamKind.BaseTeam):
                throw new DomainException("小队应设在中队、大队或基地服务队之下。");
            case TeamKind.Corps or TeamKind.Brigade or TeamKind.Squadron or TeamKind.BaseTeam:
                throw new DomainException("总队、大队、中队和基地服务队随单位自动组建，不能手工新增。");
        }
        if (parent is not null && parent.CountyId != unit.CountyId) throw new DomainException("上级队伍不属于本县。");
        if (!unit.IsActive) throw new DomainException("所属单位已停用。", DomainErrorKind.Conflict);
        var team = new Team
        {
            Id = Guid.CreateVersion7(now),
            CountyId = unit.CountyId,
            Kind = kind,
            ParentTeamId = parent?.Id,
            OrgUnitId = unit.Id,
            UnitPath = unit.Path,
            IsActive = true,
            CreatedAt = now,
        };
        team.Rename(name, now);
        team.Describe(details, now);
        return team;
    }

    public void Rename(string name, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("请填写队伍名称。");
        Name = name.Trim();
        UpdatedAt = now;
    }

    public void Describe(TeamDetails d, DateTimeOffset now)
    {
        LeadUnitName = string.IsNullOrWhiteSpace(d.LeadUnitName) ? null : d.LeadUnitName.Trim();
        Category = string.IsNullOrWhiteSpace(d.Category) ? null : d.Category.Trim();
        ServiceItems = Volunteers.Volunteer.Clean(d.ServiceItems);
        ServiceObjects = Volunteers.Volunteer.Clean(d.ServiceObjects);
        Introduction = string.IsNullOrWhiteSpace(d.Introduction) ? null : d.Introduction.Trim();
        UpdatedAt = now;
    }

    public void SetLogo(string fileName, DateTimeOffset now)
    {
        LogoFile = fileName;
        UpdatedAt = now;
    }

    public void FollowUnit(string unitPath) => UnitPath = unitPath;

    /// <summary>A tier team follows its unit to a new parent unit, and so to that unit's tier team.</summary>
    public void FollowUnit(string unitPath, Team? parentTier)
    {
        UnitPath = unitPath;
        if (IsTier) ParentTeamId = parentTier?.Id;
    }

    public void Deactivate(DateTimeOffset now)
    {
        if (IsTier) throw new DomainException("总队、大队、中队和基地服务队随单位存续，请停用对应单位。", DomainErrorKind.Conflict);
        if (!IsActive) throw new DomainException("该队伍已是解散状态。", DomainErrorKind.Conflict);
        IsActive = false;
        UpdatedAt = now;
    }
}

public sealed record TeamDetails(string? LeadUnitName, string? Category, IReadOnlyList<string>? ServiceItems, IReadOnlyList<string>? ServiceObjects, string? Introduction);
