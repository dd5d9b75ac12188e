using System.Security.Claims;
using CivicPractice.Domain.Identity;

namespace CivicPractice.Web.Infrastructure;

/// <summary>
/// Who is acting and on which part of which county. The data filters read it on every query: a user sees
/// rows of their county whose org path starts with <see cref="Path"/>. Nothing is visible until it is set,
/// so a forgotten scope fails closed. System work (seeding, sign-in lookups) opts out explicitly.
/// </summary>
public sealed class CurrentScope
{
    /// <summary>A path no row has: the closed default.</summary>
    private const string Nothing = "\u0001";

    public Guid? UserId { get; private set; }
    public string? UserName { get; private set; }
    public Guid? CountyId { get; private set; }
    public Guid? UnitId { get; private set; }
    public RoleKind? Role { get; private set; }
    public string Path { get; private set; } = Nothing;
    public bool IsSystem { get; private set; }
    public string? IpAddress { get; set; }

    public bool IsAuthenticated => UserId is not null;

    /// <summary>
    /// The whole county: the path of the county's center, the one root every unit of the county lies below (a center is
    /// created only with its county and has no parent). The data filters then need the county alone.
    /// </summary>
    public bool IsCountyWide => CountyId is not null && Path.Length > 2 && Path[0] == '/' && Path.IndexOf('/', 1) == Path.Length - 1;

    /// <summary>
    /// The first string after every path that starts with <see cref="Path"/> (its last character incremented): "below
    /// the path" is the range [Path, PathEnd), which a B-tree index serves on both databases, where LIKE 'path%' is not.
    /// Paths are ASCII ('/', hex digits) and end with '/', so the bound is '0'.
    /// </summary>
    public string PathEnd => EndOfPrefix(Path);

    public static string EndOfPrefix(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    /// <summary>Takes the person's scope from their claims; an anonymous principal closes the scope again.</summary>
    public void SetFromPrincipal(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            // The path first: a reader in between sees less, never more.
            Path = Nothing;
            UserId = null;
            UserName = null;
            CountyId = null;
            UnitId = null;
            Role = null;
            return;
        }
        UserId = Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var uid) ? uid : null;
        UserName = principal.FindFirstValue(CivicClaims.DisplayName);
        CountyId = Guid.TryParse(principal.FindFirstValue(CivicClaims.County), out var cid) ? cid : null;
        UnitId = Guid.TryParse(principal.FindFirstValue(CivicClaims.Unit), out var unit) ? unit : null;
        Role = Enum.TryParse<RoleKind>(principal.FindFirstValue(CivicClaims.Role), out var role) ? role : null;
        Path = principal.FindFirstValue(CivicClaims.ScopePath) ?? Nothing;
    }

    /// <summary>Anonymous public pages: the whole of one county, read-only by convention of the portal.</summary>
    public void UsePublicCounty(Guid countyId, string rootPath)
    {
        CountyId = countyId;
        Path = rootPath;
    }

    /// <summary>Lifts the filters for work the platform does on its own behalf.</summary>
    public IDisposable AsSystem()
    {
        var was = IsSystem;
        IsSystem = true;
        return new Restore(() => IsSystem = was);
    }

    private sealed class Restore(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}

public static class CivicClaims
{
    public const string County = "civic:county";
    public const string Unit = "civic:unit";
    /// <summary>The <see cref="Domain.Organization.OrgUnitType"/> of <see cref="Unit"/>, for naming the role (a base's admin).</summary>
    public const string UnitType = "civic:unit-type";
    public const string Role = "civic:role";
    public const string ScopePath = "civic:path";
    public const string DisplayName = "civic:name";
    /// <summary>Present ("true") while the person is the active leader or deputy leader of an active team.</summary>
    public const string LeadsTeam = "civic:leads";
}
