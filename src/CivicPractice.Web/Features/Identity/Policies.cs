using CivicPractice.Domain.Identity;
using CivicPractice.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace CivicPractice.Web.Features.Identity;

/// <summary>The named policies every endpoint and page declares.</summary>
public static class Policies
{
    /// <summary>Any signed-in person.</summary>
    public const string SignedIn = "SignedIn";
    /// <summary>County, institute or station admin; the data filters narrow them to their subtree.</summary>
    public const string Admin = "Admin";
    /// <summary>The county's center admin.</summary>
    public const string CountyAdmin = "CountyAdmin";
    /// <summary>
    /// Admins and team (deputy) leaders — leadership is the team membership role, carried as a claim — get the team
    /// console; which teams each may manage is decided per team.
    /// </summary>
    public const string TeamManager = "TeamManager";

    public static void Register(AuthorizationOptions options)
    {
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireClaim(CivicClaims.Role,
            nameof(RoleKind.CountyAdmin), nameof(RoleKind.InstituteAdmin), nameof(RoleKind.StationAdmin)));
        options.AddPolicy(CountyAdmin, p => p.RequireAuthenticatedUser().RequireClaim(CivicClaims.Role, nameof(RoleKind.CountyAdmin)));
        options.AddPolicy(TeamManager, p => p.RequireAuthenticatedUser().RequireAssertion(ctx => IsAdmin(ctx.User) || LeadsTeam(ctx.User)));
        // No fallback policy: it would also apply to unknown URLs (a visitor's typo would land on the login page
        // instead of 404). AuthorizationCoverageTests fails the build of any endpoint that declares nothing.
    }

    public static bool IsAdmin(System.Security.Claims.ClaimsPrincipal user) =>
        Enum.TryParse<RoleKind>(user.FindFirst(CivicClaims.Role)?.Value, out var role) && RoleLabels.IsAdmin(role);

    public static bool LeadsTeam(System.Security.Claims.ClaimsPrincipal user) => user.HasClaim(CivicClaims.LeadsTeam, "true");
}
