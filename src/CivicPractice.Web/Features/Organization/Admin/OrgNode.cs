using System.ComponentModel.DataAnnotations;
using CivicPractice.Domain.Organization;

namespace CivicPractice.Web.Features.Organization.Admin;

/// <summary>A unit as the console's tree shows it; the key keeps expand/active state across reloads.</summary>
public sealed class OrgNode
{
    [Key] public Guid Id { get; init; }
    public Guid? ParentId { get; init; }
    public string Name { get; init; } = "";
    public OrgUnitType Type { get; init; }
    public bool IsActive { get; init; }
    public int ChildCount { get; init; }

    public static OrgNode From(OrgUnitDto u) => new() { Id = u.Id, ParentId = u.ParentId, Name = u.Name, Type = u.Type, IsActive = u.IsActive, ChildCount = u.ChildCount };

    public static string IconOf(OrgUnitType type) => type switch
    {
        OrgUnitType.Center => "fa-solid fa-landmark",
        OrgUnitType.Institute => "fa-solid fa-building",
        OrgUnitType.Station => "fa-solid fa-house-flag",
        OrgUnitType.Point => "fa-solid fa-location-dot",
        _ => "fa-solid fa-seedling",
    };
}
