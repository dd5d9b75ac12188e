using CivicPractice.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CivicPractice.Web.Features.Identity;

/// <summary>
/// The password lockout (five tries, then 15 minutes), safe under parallel attempts. Identity's own counter
/// (<c>UserManager.AccessFailedAsync</c>) reads the count, adds one in memory and saves the whole user under its
/// concurrency stamp, so parallel wrong passwords overwrite each other's count or fail with a concurrency error.
/// Here every try first reserves its place with one conditional UPDATE of the user's row (compare-and-set on
/// <see cref="IdentityUser{TKey}.AccessFailedCount"/>), and only then is the password judged; the reservation of the
/// last try locks the account in the same statement. Forty parallel guesses therefore judge five passwords at most.
/// The same columns as Identity's lockout, so <c>UserManager.IsLockedOutAsync</c> and the admin's unlock still apply.
/// </summary>
public sealed class PasswordAttempts(AppDbContext db, IOptions<IdentityOptions> options, TimeProvider clock)
{
    /// <param name="Number">The place of this try in the current series, 1 to the maximum.</param>
    /// <param name="LockedUntil">Set when this try was the last of the series and locked the account.</param>
    public sealed record Attempt(Guid UserId, int Number, DateTimeOffset? LockedUntil);

    private LockoutOptions Lockout => options.Value.Lockout;

    /// <summary>Reserves a try, or returns null when the account is locked.</summary>
    public async Task<Attempt?> ReserveAsync(Guid userId, CancellationToken ct = default)
    {
        // A lost race means another try was reserved or forgiven meanwhile, so this loop is short; the bound only
        // stops an endless stream of concurrent successes from holding a request.
        for (var round = 0; round < 4 * Lockout.MaxFailedAccessAttempts; round++)
        {
            var now = clock.GetUtcNow();
            var state = await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new { u.AccessFailedCount, u.LockoutEnd }).FirstOrDefaultAsync(ct);
            if (state is null || state.LockoutEnd > now) return null;
            var seen = state.AccessFailedCount;
            var number = seen + 1;
            // Whole seconds, so the value reads back equal on both providers (see ForgiveAsync).
            DateTimeOffset? until = number >= Lockout.MaxFailedAccessAttempts
                ? DateTimeOffset.FromUnixTimeSeconds((now + Lockout.DefaultLockoutTimeSpan).ToUnixTimeSeconds())
                : null;
            var won = await db.Users
                .Where(u => u.Id == userId && u.AccessFailedCount == seen && (u.LockoutEnd == null || u.LockoutEnd <= now))
                .ExecuteUpdateAsync(s =>
                {
                    // Like Identity, a lock starts a fresh count for the series after it.
                    s.SetProperty(u => u.AccessFailedCount, until is null ? number : 0);
                    if (until is not null) s.SetProperty(u => u.LockoutEnd, until);
                }, ct);
            if (won == 1) return new Attempt(userId, number, until);
        }
        return null;
    }

    /// <summary>
    /// A right password forgives its own try and the failures before it, not the ones that raced in after it;
    /// a lock set meanwhile by other tries stays.
    /// </summary>
    public Task ForgiveAsync(Attempt attempt, CancellationToken ct = default)
    {
        if (attempt.LockedUntil is { } until)
        {
            // This try set the lock, and no try could be reserved since: the lock is ours to lift.
            return db.Users.Where(u => u.Id == attempt.UserId && u.LockoutEnd == until)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0).SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null), ct);
        }
        var number = attempt.Number;
        var now = clock.GetUtcNow();
        return db.Users.Where(u => u.Id == attempt.UserId && u.AccessFailedCount >= number && (u.LockoutEnd == null || u.LockoutEnd <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount - number), ct);
    }

    public Task<DateTimeOffset?> LockoutEndAsync(Guid userId, CancellationToken ct = default) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.LockoutEnd).FirstOrDefaultAsync(ct);
}
