using CivicPractice.Domain.Common;

namespace CivicPractice.Domain.Organization;

/// <summary>
/// 阵地 — a venue of one of the service platforms, attached to a unit that schedules it. Ownership stays with
/// its owner (<see cref="OwnerName"/>); the practice network only schedules its use (seed 004, 000 篇五).
/// </summary>
public sealed class Venue
{
    private Venue() { }

    public Guid Id { get; private set; }
    public Guid CountyId { get; private set; }
    public Guid OrgUnitId { get; private set; }
    /// <summary>The path of the owning unit, kept in step on moves so scope filters need no join.</summary>
    public string UnitPath { get; private set; } = "";
    public string Name { get; private set; } = "";
    /// <summary>The name of one of the county's service platforms (<see cref="ServicePlatforms"/>).</summary>
    public string Platform { get; private set; } = "";
    public string? OwnerName { get; private set; }
    public string? Address { get; private set; }
    public int Capacity { get; private set; }
    public string? OpeningHours { get; private set; }
    public string? ManagerName { get; private set; }
    public bool IsActive { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Venue Create(OrgUnit unit, VenueDetails details, DateTimeOffset now)
    {
        if (!unit.IsActive) throw new DomainException("所属单位已停用，不能新增阵地。", DomainErrorKind.Conflict);
        var venue = new Venue
        {
            Id = Guid.CreateVersion7(now),
            CountyId = unit.CountyId,
            OrgUnitId = unit.Id,
            UnitPath = unit.Path,
            IsActive = true,
            CreatedAt = now,
        };
        venue.Update(details, now);
        return venue;
    }

    public void Update(VenueDetails d, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(d.Name)) throw new DomainException("请填写阵地名称。");
        if (d.Capacity < 0) throw new DomainException("容纳人数不能为负数。");
        if (string.IsNullOrWhiteSpace(d.Platform)) throw new DomainException("请选择所属平台。");
        Name = d.Name.Trim();
        Platform = d.Platform.Trim();
        OwnerName = Blank(d.OwnerName);
        Address = Blank(d.Address);
        Capacity = d.Capacity;
        OpeningHours = Blank(d.OpeningHours);
        ManagerName = Blank(d.ManagerName);
        UpdatedAt = now;
    }

    public void FollowUnit(string unitPath) => UnitPath = unitPath;

    public void Deactivate(DateTimeOffset now)
    {
        if (!IsActive) throw new DomainException("该阵地已是停用状态。", DomainErrorKind.Conflict);
        IsActive = false;
        UpdatedAt = now;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public sealed record VenueDetails(
    string Name,
    string Platform,
    string? OwnerName,
    string? Address,
    int Capacity,
    string? OpeningHours,
    string? ManagerName);
