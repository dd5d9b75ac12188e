using CivicPractice.Domain.Common;

namespace CivicPractice.Domain.Organization;

/// <summary>
/// Which unit may hang under which (DOMAIN.md §2: 中心 → 所 → 站 → 点, bases at the center, an institute or a station),
/// and the materialised path arithmetic that makes "my subtree" one prefix comparison.
/// </summary>
public static class OrgTreeRules
{
    public static bool CanBeChildOf(OrgUnitType child, OrgUnitType? parent) => (child, parent) switch
    {
        (OrgUnitType.Center, null) => true,
        (OrgUnitType.Institute, OrgUnitType.Center) => true,
        (OrgUnitType.Station, OrgUnitType.Institute) => true,
        (OrgUnitType.Point, OrgUnitType.Station) => true,
        (OrgUnitType.Base, OrgUnitType.Center or OrgUnitType.Institute or OrgUnitType.Station) => true,
        _ => false,
    };

    public static void EnsureCanBeChildOf(OrgUnitType child, OrgUnitType? parent)
    {
        if (!CanBeChildOf(child, parent))
        {
            throw new DomainException(
                parent is null
                    ? $"“{OrgUnitLabels.Of(child)}”必须挂在上级单位之下。"
                    : $"“{OrgUnitLabels.Of(child)}”不能设在“{OrgUnitLabels.Of(parent.Value)}”之下。");
        }
    }

    /// <summary>The path of a child: the parent's path plus the child's id, with a trailing slash.</summary>
    public static string ChildPath(string? parentPath, Guid id) => (parentPath ?? "/") + id.ToString("N") + "/";

    /// <summary>True when <paramref name="path"/> is <paramref name="scopePath"/> itself or lies below it.</summary>
    public static bool IsWithin(string path, string scopePath) => path.StartsWith(scopePath, StringComparison.Ordinal);

    public static int DepthOf(string path) => path.Count(c => c == '/') - 1;

    /// <summary>The new path of a descendant when its ancestor moves from <paramref name="oldPrefix"/> to <paramref name="newPrefix"/>.</summary>
    public static string Rebase(string path, string oldPrefix, string newPrefix)
    {
        if (!IsWithin(path, oldPrefix))
        {
            throw new ArgumentException("path is not below the moved unit", nameof(path));
        }
        return newPrefix + path[oldPrefix.Length..];
    }

    /// <summary>A unit cannot move below itself or one of its own descendants.</summary>
    public static void EnsureMoveIsAcyclic(string unitPath, string newParentPath)
    {
        if (IsWithin(newParentPath, unitPath))
        {
            throw new DomainException("不能把单位移动到它自己或它的下级单位之下。");
        }
    }
}
