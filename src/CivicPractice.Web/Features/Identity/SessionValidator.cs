using System.Security.Claims;
using CivicPractice.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CivicPractice.Web.Features.Identity;

/// <summary>
/// Ends a session on the server: the cookie (and an open console circuit) is only good while it carries the
/// account's current security stamp. Logout, a role change, a reset password or a moved unit change the stamp,
/// and every session of that person stops at its next request. Identity's own <see cref="SecurityStampValidator"/>
/// looks only once a minute; this check is one primary-key lookup per authenticated request, cheap enough to run
/// on each, and needs no session table. The minute validator still runs after it to refresh the cookie's claims.
/// </summary>
public static class SessionValidator
{
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        if (context.Principal is null || !await IsCurrentAsync(services.GetRequiredService<AppDbContext>(), context.Principal, claims, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>Whether the principal still carries its account's security stamp.</summary>
    public static async Task<bool> IsCurrentAsync(AppDbContext db, ClaimsPrincipal principal, ClaimsIdentityOptions claims, CancellationToken ct = default)
    {
        if (!Guid.TryParse(principal.FindFirstValue(claims.UserIdClaimType), out var userId)) return false;
        var stamp = principal.FindFirstValue(claims.SecurityStampClaimType);
        if (string.IsNullOrEmpty(stamp)) return false;
        var current = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.SecurityStamp).FirstOrDefaultAsync(ct);
        return string.Equals(current, stamp, StringComparison.Ordinal);
    }

    /// <summary>A new stamp for the account, written in one UPDATE so it cannot race with other changes to the user row.</summary>
    public static Task RenewStampAsync(AppDbContext db, Guid userId, CancellationToken ct = default) =>
        db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.SecurityStamp, Guid.NewGuid().ToString("N"))
            // A user loaded before this and saved after it would otherwise write the old stamp back.
            .SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString()), ct);
}
