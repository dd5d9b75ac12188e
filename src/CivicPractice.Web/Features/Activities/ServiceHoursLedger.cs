using CivicPractice.Domain.Activities;
using CivicPractice.Domain.Common;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Data;
using CivicPractice.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Features.Activities;

public sealed class ConfirmHoursRequest
{
    /// <summary>The hours to record; empty takes the hours computed from check-in and check-out.</summary>
    [System.ComponentModel.DataAnnotations.Range(0.5, 168.0, ErrorMessage = "工时应在 0.5 到 168 小时之间。")]
    public decimal? Hours { get; set; }

    [System.ComponentModel.DataAnnotations.StringLength(ActivityPolicies.MaxReasonLength, ErrorMessage = "原因最长 200 个字。")]
    public string? Reason { get; set; }
}

/// <summary>A line of the organiser's confirmation list.</summary>
public sealed record HoursRow(Guid SignupId, Guid VolunteerId, string? Number, string Name, DateTimeOffset? CheckedInAt, DateTimeOffset? CheckedOutAt,
    AttendanceReview Review, decimal Computed, decimal Recorded);

public sealed record HoursEntryDto(Guid Id, Guid ActivityId, string ActivityTitle, HoursEntryKind Kind, decimal Hours, string Reason, DateTimeOffset CreatedAt);

/// <summary>A volunteer's hours, every figure the sum of their ledger entries.</summary>
public sealed record MyHours(decimal Total, decimal ThisYear, IReadOnlyList<HoursEntryDto> Entries);

/// <summary>
/// Service hours: computed from attendance (<see cref="ServiceHours"/>), confirmed or adjusted by the organiser into the
/// append-only ledger (<see cref="HoursEntry"/>: an adjustment is a reversal plus a new credit). A confirmation first
/// locks the sign-up's row, so two organisers confirming at once cannot credit the hours twice.
/// </summary>
public sealed class ServiceHoursLedger(AppDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<HoursRow>> ListAsync(Guid activityId, CancellationToken ct = default)
    {
        var activity = await ManagedAsync(activityId, ct);
        var rows = await (from s in db.Signups.AsNoTracking()
                          where s.ActivityId == activityId && s.Status == SignupStatus.Confirmed
                          join v in db.Volunteers.IgnoreQueryFilters() on s.VolunteerId equals v.Id
                          orderby s.Sequence
                          select new { s.Id, v.Number, v.Name, VolunteerId = v.Id, s.CheckedInAt, s.CheckedOutAt, s.Review }).ToListAsync(ct);
        // Summed here: SQLite stores decimals as text and cannot add them up.
        var recorded = (await db.HoursEntries.AsNoTracking().Where(e => e.ActivityId == activityId).Select(e => new { e.VolunteerId, e.Hours }).ToListAsync(ct))
            .GroupBy(e => e.VolunteerId).ToDictionary(g => g.Key, g => g.Sum(e => e.Hours));
        return [.. rows.Select(r => new HoursRow(r.Id, r.VolunteerId, r.Number, r.Name, r.CheckedInAt, r.CheckedOutAt, r.Review,
            r.CheckedInAt is { } i && r.CheckedOutAt is { } o ? ServiceHours.Compute(i, o, activity.StartsAt, activity.EndsAt) : 0,
            recorded.GetValueOrDefault(r.VolunteerId)))];
    }

    /// <summary>Records the hours of one sign-up; a second confirmation with other hours is an adjustment (reason required).</summary>
    public async Task<HoursRow> ConfirmAsync(Guid activityId, Guid signupId, ConfirmHoursRequest r, CancellationToken ct = default)
    {
        var activity = await ManagedAsync(activityId, ct);
        var now = clock.GetUtcNow();
        if (now < activity.EndsAt && activity.Status != ActivityStatus.Finished) throw new DomainException("活动结束后才能确认工时。", DomainErrorKind.Conflict);
        if (activity.Status == ActivityStatus.Cancelled && r.Hours is null) throw new DomainException("活动已取消；如确有服务，请填写工时和原因。", DomainErrorKind.Conflict);
        var signup = await db.Signups.AsNoTracking().FirstOrDefaultAsync(s => s.Id == signupId && s.ActivityId == activityId && s.Status == SignupStatus.Confirmed, ct)
            ?? throw new NotFoundException("报名记录");
        var computed = signup.CheckedInAt is { } i && signup.CheckedOutAt is { } o ? ServiceHours.Compute(i, o, activity.StartsAt, activity.EndsAt) : 0;
        var hours = r.Hours ?? computed;
        var reason = r.Reason?.Trim() ?? "";
        if (hours <= 0) throw new DomainException("没有完整的签到、签退记录，无法自动计算工时；请填写工时并说明原因。");
        if (hours != computed && reason.Length == 0) throw new DomainException("工时与签到签退记录不一致，请填写调整原因。");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Serialises confirmations of this sign-up (row lock), so the standing credit read next is the latest.
        await db.Signups.Where(s => s.Id == signupId).ExecuteUpdateAsync(u => u.SetProperty(s => s.UpdatedAt, now), ct);
        var mine = await db.HoursEntries.Where(e => e.VolunteerId == signup.VolunteerId && e.ActivityId == activityId).ToListAsync(ct);
        var standing = HoursLedger.Standing(mine, activityId);
        var author = db.Scope.UserId ?? Guid.Empty;
        if (standing is not null)
        {
            if (standing.Hours == hours) throw new DomainException($"已确认 {hours:0.#} 小时，无需重复确认。", DomainErrorKind.Conflict);
            if (reason.Length == 0) throw new DomainException("调整已确认的工时，请填写原因。");
            db.HoursEntries.Add(HoursEntry.Reverse(standing, mine, reason, author, now));
        }
        db.HoursEntries.Add(HoursEntry.Credit(activity.CountyId, signup.VolunteerId, activityId, hours, reason.Length > 0 ? reason : "按签到签退确认", author, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (await ListAsync(activityId, ct)).First(x => x.SignupId == signupId);
    }

    /// <summary>Withdraws the hours standing for a sign-up (a reversal with the reason).</summary>
    public async Task<HoursRow> RevokeAsync(Guid activityId, Guid signupId, ConfirmHoursRequest r, CancellationToken ct = default)
    {
        await ManagedAsync(activityId, ct);
        var now = clock.GetUtcNow();
        var signup = await db.Signups.AsNoTracking().FirstOrDefaultAsync(s => s.Id == signupId && s.ActivityId == activityId, ct) ?? throw new NotFoundException("报名记录");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Signups.Where(s => s.Id == signupId).ExecuteUpdateAsync(u => u.SetProperty(s => s.UpdatedAt, now), ct);
        var mine = await db.HoursEntries.Where(e => e.VolunteerId == signup.VolunteerId && e.ActivityId == activityId).ToListAsync(ct);
        var standing = HoursLedger.Standing(mine, activityId) ?? throw new DomainException("该志愿者在本活动没有已确认的工时。", DomainErrorKind.Conflict);
        db.HoursEntries.Add(HoursEntry.Reverse(standing, mine, r.Reason ?? "", db.Scope.UserId ?? Guid.Empty, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (await ListAsync(activityId, ct)).First(x => x.SignupId == signupId);
    }

    public async Task<MyHours> MineAsync(CancellationToken ct = default)
    {
        var me = (await MyVolunteer.FindAsync(db, ct) ?? throw new NotFoundException("志愿者信息")).Id;
        var entries = await (from e in db.HoursEntries.AsNoTracking()
                             where e.VolunteerId == me
                             join a in db.Activities on e.ActivityId equals a.Id
                             orderby e.CreatedAt descending
                             select new HoursEntryDto(e.Id, e.ActivityId, a.Title, e.Kind, e.Hours, e.Reason, e.CreatedAt)).ToListAsync(ct);
        // In UTC: PostgreSQL takes only UTC offsets for timestamptz parameters.
        var yearStart = new DateTimeOffset(ChinaTime.Today(clock).Year, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();
        var thisYear = await (from e in db.HoursEntries where e.VolunteerId == me join a in db.Activities on e.ActivityId equals a.Id
                              where a.StartsAt >= yearStart select e.Hours).ToListAsync(ct);
        return new MyHours(entries.Sum(e => e.Hours), thisYear.Sum(), entries);
    }

    private async Task<Activity> ManagedAsync(Guid id, CancellationToken ct) =>
        await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.UnitPath.StartsWith(db.Scope.Path), ct) ?? throw new NotFoundException("活动");
}
