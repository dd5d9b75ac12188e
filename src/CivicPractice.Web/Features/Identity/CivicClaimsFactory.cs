using System.Security.Claims;
using CivicPractice.Domain.Identity;
using CivicPractice.Web.Data;
using CivicPractice.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CivicPractice.Web.Features.Identity;

/// <summary>
/// Puts the person's county and widest role (with the path of its unit) into the cookie, so every request
/// knows its scope without a lookup, and whether they lead a team (the team membership role 队长/副队长).
/// The security stamp validator rebuilds these claims at every validation (once a minute); a changed stamp
/// (a unit moved, a leader dismissed) ends the person's sessions instead.
/// </summary>
public sealed class CivicClaimsFactory(
    UserManager<AppUser> users,
    IOptions<IdentityOptions> options,
    AppDbContext db)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CivicClaims.County, user.CountyId.ToString()));
        identity.AddClaim(new Claim(CivicClaims.DisplayName, user.DisplayName));
        var assignment = await db.RoleAssignments.IgnoreQueryFilters()
            .Where(r => r.UserId == user.Id)
            .Join(db.OrgUnits.IgnoreQueryFilters(), r => r.OrgUnitId, u => u.Id, (r, u) => new { r.Role, r.OrgUnitId, u.Path, u.IsActive, u.Type })
            .Where(x => x.IsActive)
            .OrderBy(x => x.Role)
            .FirstOrDefaultAsync();
        if (assignment is not null)
        {
            identity.AddClaim(new Claim(CivicClaims.Role, assignment.Role.ToString()));
            identity.AddClaim(new Claim(CivicClaims.Unit, assignment.OrgUnitId.ToString()));
            identity.AddClaim(new Claim(CivicClaims.ScopePath, assignment.Path));
            identity.AddClaim(new Claim(CivicClaims.UnitType, assignment.Type.ToString()));
        }
        if (await Teams.TeamLeadership.LeadsAnyTeamAsync(db, user.Id)) identity.AddClaim(new Claim(CivicClaims.LeadsTeam, "true"));
        return identity;
    }
}

/// <summary>3 of the 4 character classes, on top of Identity's length rule.</summary>
public sealed class CharacterClassPasswordValidator : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(password is not null && PasswordRules.IsStrong(password)
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "PasswordTooWeak", Description = PasswordRules.Requirement }));
}
