using CivicPractice.Domain.Activities;
using CivicPractice.Domain.Common;
using CivicPractice.Domain.Teams;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Data;
using CivicPractice.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Features.Activities;

/// <summary>
/// A volunteer signs up for an activity, or gives their place up. The volunteer is always the signed-in person.
/// Seats are taken in one transaction that first locks the activity's row (raising its arrival counter), then takes a
/// seat with a conditional update (<c>ConfirmedCount &lt; Seats</c>); the unique (activity, volunteer) index refuses a
/// double sign-up racing itself. A cancelled seat goes to the first of the wait-list in the same transaction.
/// </summary>
public sealed class SignUp(AppDbContext db, TimeProvider clock)
{
    public async Task<SignupDto> JoinAsync(Guid activityId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var activity = await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == activityId && a.Status != ActivityStatus.Draft, ct)
            ?? throw new NotFoundException("活动");
        var me = await MyVolunteer.ApprovedAsync(db, "报名活动", ct);
        if (activity.SignupRefusal(now) is { } closed) throw new DomainException(closed, DomainErrorKind.Conflict);
        await EnsureEligibleAsync(activity, me, ct);
        var clash = await (from s in db.Signups
                           where s.VolunteerId == me.Id && s.Status == SignupStatus.Confirmed && s.ActivityId != activityId
                           join a in db.Activities on s.ActivityId equals a.Id
                           where a.Status != ActivityStatus.Cancelled && a.StartsAt < activity.EndsAt && activity.StartsAt < a.EndsAt
                           select a.Title).FirstOrDefaultAsync(ct);
        if (clash is not null) throw new DomainException($"您已报名同一时段的活动“{clash}”，不能同时参加两个活动。", DomainErrorKind.Conflict);
        var existing = await db.Signups.FirstOrDefaultAsync(s => s.ActivityId == activityId && s.VolunteerId == me.Id, ct);
        if (existing is { Status: not (SignupStatus.Cancelled or SignupStatus.Rejected) }) throw new DomainException("您已报名该活动。", DomainErrorKind.Conflict);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Locks the row until the commit (PostgreSQL row lock, SQLite's write lock) and hands out the arrival number.
        await db.Activities.Where(a => a.Id == activityId).ExecuteUpdateAsync(u => u.SetProperty(a => a.SignupSequence, a => a.SignupSequence + 1), ct);
        var sequence = await db.Activities.Where(a => a.Id == activityId).Select(a => a.SignupSequence).FirstAsync(ct);
        var status = activity.RequiresApproval ? SignupStatus.PendingApproval
            : await TakeSeatAsync(activityId, ct) ? SignupStatus.Confirmed : SignupStatus.WaitListed;
        Signup signup;
        if (existing is not null)
        {
            existing.Renew(status, sequence, now);
            signup = existing;
        }
        else
        {
            signup = Signup.Create(activity, me.Id, status, sequence, now);
            db.Signups.Add(signup);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same person's second request won the unique index; the whole transaction (and its seat) rolls back.
            throw new DomainException("您已报名该活动。", DomainErrorKind.Conflict);
        }
        await tx.CommitAsync(ct);
        return SignupDto.Of(signup);
    }

    public async Task<SignupDto> CancelAsync(Guid activityId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var activity = await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == activityId, ct) ?? throw new NotFoundException("活动");
        var me = await MyVolunteer.ApprovedAsync(db, "报名活动", ct);
        var signup = await db.Signups.FirstOrDefaultAsync(s => s.ActivityId == activityId && s.VolunteerId == me.Id, ct) ?? throw new NotFoundException("报名记录");
        var heldSeat = signup.HoldsSeat;
        signup.Cancel(activity, now);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (heldSeat)
        {
            // Gives the seat back (and locks the row), then hands it to the first of the wait-list, in arrival order.
            await db.Activities.Where(a => a.Id == activityId).ExecuteUpdateAsync(u => u.SetProperty(a => a.ConfirmedCount, a => a.ConfirmedCount - 1), ct);
            await db.SaveChangesAsync(ct);
            await PromoteAsync(activity, now, ct);
        }
        else
        {
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return SignupDto.Of(signup);
    }

    public async Task<IReadOnlyList<SignupDto>> MineAsync(CancellationToken ct = default)
    {
        var me = await MyVolunteer.ApprovedAsync(db, "报名活动", ct);
        return await db.Signups.AsNoTracking().Where(s => s.VolunteerId == me.Id).OrderByDescending(s => s.CreatedAt)
            .Select(s => new SignupDto(s.Id, s.ActivityId, s.Status, s.Sequence, s.CreatedAt, s.CheckedInAt, s.CheckedOutAt)).ToListAsync(ct);
    }

    /// <summary>While seats are free, the first of the wait-list gets one (the caller holds the activity's row lock).</summary>
    private async Task PromoteAsync(Activity activity, DateTimeOffset now, CancellationToken ct)
    {
        while (await db.Signups.Where(s => s.ActivityId == activity.Id && s.Status == SignupStatus.WaitListed).OrderBy(s => s.Sequence).FirstOrDefaultAsync(ct) is { } next)
        {
            if (!await TakeSeatAsync(activity.Id, ct)) return;
            next.Confirm(now);
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task<bool> TakeSeatAsync(Guid activityId, CancellationToken ct) =>
        await db.Activities.Where(a => a.Id == activityId && a.ConfirmedCount < a.Seats)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.ConfirmedCount, a => a.ConfirmedCount + 1), ct) == 1;

    private async Task EnsureEligibleAsync(Activity activity, Volunteer me, CancellationToken ct)
    {
        switch (activity.Audience)
        {
            case SignupAudience.Team when activity.AudienceTeamId is { } teamId
                && !await db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.VolunteerId == me.Id && m.Status == MembershipStatus.Active, ct):
                throw new DomainException("本活动仅限指定队伍的队员报名。", DomainErrorKind.Conflict);
            case SignupAudience.Unit when !me.UnitPath.StartsWith(activity.UnitPath, StringComparison.Ordinal):
                throw new DomainException("本活动仅限发布单位辖区内的志愿者报名。", DomainErrorKind.Conflict);
        }
        var missing = activity.RequiredSkills.Except(me.Skills).ToList();
        if (missing.Count > 0) throw new DomainException($"本活动要求具备专业技能：{string.Join("、", missing)}。", DomainErrorKind.Conflict);
    }
}
