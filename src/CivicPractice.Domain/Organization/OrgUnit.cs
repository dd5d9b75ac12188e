using CivicPractice.Domain.Common;

namespace CivicPractice.Domain.Organization;

/// <summary>
/// One node of a county's practice network: 中心, 所, 站, 点 or 基地. <see cref="Path"/> is the chain of ids
/// from the center down to this unit, so a subtree is everything whose path starts with this one's.
/// Units are never deleted once they hold records; they are deactivated.
/// </summary>
public sealed class OrgUnit
{
    private OrgUnit() { }

    public Guid Id { get; private set; }
    public Guid CountyId { get; private set; }
    public Guid? ParentId { get; private set; }
    public OrgUnitType Type { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>Unique within the county; staff use it in Excel sheets.</summary>
    public string Code { get; private set; } = "";
    public string Path { get; private set; } = "";
    public int Depth { get; private set; }
    public string? Address { get; private set; }
    public double? Latitude { get; private set; }
    public double? Longitude { get; private set; }
    /// <summary>常住人口 — the denominator of the 13 % registration indicator.</summary>
    public int ResidentPopulation { get; private set; }
    /// <summary>
    /// 党员人数 — party members and cadres on the unit's books: a base's employer (seed 004: cadres' registration is
    /// counted by employer) or a village; the denominator of the party members' registration rate. 0 = not set.
    /// </summary>
    public int PartyMembers { get; private set; }
    public string? ContactName { get; private set; }
    /// <summary>The unit's public office line, shown on the portal (not a person's private number).</summary>
    public string? ContactPhone { get; private set; }
    public string? OpeningHours { get; private set; }
    public string? ManagerName { get; private set; }
    public bool IsActive { get; private set; }
    public int SortOrder { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static OrgUnit Create(Guid countyId, OrgUnit? parent, OrgUnitType type, OrgUnitDetails details, DateTimeOffset now, int sortOrder = 0)
    {
        OrgTreeRules.EnsureCanBeChildOf(type, parent?.Type);
        if (parent is not null)
        {
            if (parent.CountyId != countyId) throw new DomainException("上级单位不属于本县。");
            if (!parent.IsActive) throw new DomainException("上级单位已停用，不能在其下新增单位。", DomainErrorKind.Conflict);
        }
        var id = Guid.CreateVersion7(now);
        var unit = new OrgUnit
        {
            Id = id,
            CountyId = countyId,
            ParentId = parent?.Id,
            Type = type,
            Path = OrgTreeRules.ChildPath(parent?.Path, id),
            IsActive = true,
            SortOrder = sortOrder,
            CreatedAt = now,
        };
        unit.Depth = OrgTreeRules.DepthOf(unit.Path);
        unit.Apply(details, now);
        return unit;
    }

    public void Update(OrgUnitDetails details, DateTimeOffset now) => Apply(details, now);

    /// <summary>Moves this unit under <paramref name="newParent"/>; the caller rebases the descendants with the returned prefixes.</summary>
    public (string OldPath, string NewPath) MoveUnder(OrgUnit newParent, DateTimeOffset now)
    {
        if (newParent.CountyId != CountyId) throw new DomainException("不能把单位移动到其他县。");
        OrgTreeRules.EnsureCanBeChildOf(Type, newParent.Type);
        OrgTreeRules.EnsureMoveIsAcyclic(Path, newParent.Path);
        if (!newParent.IsActive) throw new DomainException("目标上级单位已停用。", DomainErrorKind.Conflict);
        if (ParentId == newParent.Id) throw new DomainException("该单位已在所选上级单位之下。", DomainErrorKind.Conflict);
        var oldPath = Path;
        ParentId = newParent.Id;
        Path = OrgTreeRules.ChildPath(newParent.Path, Id);
        Depth = OrgTreeRules.DepthOf(Path);
        UpdatedAt = now;
        return (oldPath, Path);
    }

    /// <summary>Follows an ancestor that moved.</summary>
    public void Rebase(string oldPrefix, string newPrefix, DateTimeOffset now)
    {
        Path = OrgTreeRules.Rebase(Path, oldPrefix, newPrefix);
        Depth = OrgTreeRules.DepthOf(Path);
        UpdatedAt = now;
    }

    public void Deactivate(bool hasActiveChildren, DateTimeOffset now)
    {
        if (Type == OrgUnitType.Center) throw new DomainException("实践中心不能停用。", DomainErrorKind.Conflict);
        if (!IsActive) throw new DomainException("该单位已是停用状态。", DomainErrorKind.Conflict);
        if (hasActiveChildren) throw new DomainException("请先停用或移走其下级单位。", DomainErrorKind.Conflict);
        IsActive = false;
        UpdatedAt = now;
    }

    public void Activate(bool parentIsActive, DateTimeOffset now)
    {
        if (IsActive) throw new DomainException("该单位已是启用状态。", DomainErrorKind.Conflict);
        if (!parentIsActive) throw new DomainException("上级单位已停用，请先启用上级单位。", DomainErrorKind.Conflict);
        IsActive = true;
        UpdatedAt = now;
    }

    private void Apply(OrgUnitDetails d, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(d.Name)) throw new DomainException("请填写单位名称。");
        if (string.IsNullOrWhiteSpace(d.Code)) throw new DomainException("请填写单位编码。");
        if (d.ResidentPopulation < 0) throw new DomainException("常住人口不能为负数。");
        if (d.PartyMembers < 0) throw new DomainException("党员人数不能为负数。");
        // Written so that NaN fails too.
        if (d.Latitude is { } lat && !(lat >= -90 && lat <= 90)) throw new DomainException("纬度应在 -90 到 90 之间。");
        if (d.Longitude is { } lon && !(lon >= -180 && lon <= 180)) throw new DomainException("经度应在 -180 到 180 之间。");
        Name = d.Name.Trim();
        // Codes are compared as staff type them in Excel: case does not make a different unit.
        Code = d.Code.Trim().ToUpperInvariant();
        Address = Blank(d.Address);
        Latitude = d.Latitude;
        Longitude = d.Longitude;
        ResidentPopulation = d.ResidentPopulation;
        PartyMembers = d.PartyMembers;
        ContactName = Blank(d.ContactName);
        ContactPhone = Blank(d.ContactPhone);
        OpeningHours = Blank(d.OpeningHours);
        ManagerName = Blank(d.ManagerName);
        UpdatedAt = now;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
