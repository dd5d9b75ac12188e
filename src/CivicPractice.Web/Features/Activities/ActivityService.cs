using CivicPractice.Domain.Activities;
using CivicPractice.Domain.Common;
using CivicPractice.Web.Data;
using CivicPractice.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Features.Activities;

/// <summary>
/// The organiser's side of activities: draft, publish, read, the sign-up list. An activity is managed from the
/// publishing unit's subtree (its <see cref="Activity.UnitPath"/> within the caller's scope); every other caller of
/// the county may read it, nobody may learn of another county's.
/// </summary>
public sealed class ActivityService(AppDbContext db, TimeProvider clock)
{
    public async Task<ActivityDto> CreateAsync(CreateActivityRequest r, CancellationToken ct = default)
    {
        var unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == r.UnitId, ct) ?? throw new NotFoundException("发布单位");
        if (r.TeamId is { } teamId && !await db.Teams.AnyAsync(t => t.Id == teamId && t.IsActive && t.UnitPath.StartsWith(db.Scope.Path), ct))
        {
            throw new NotFoundException("组织队伍");
        }
        if (r.Audience == SignupAudience.Team && (r.AudienceTeamId is not { } audience || !await db.Teams.AnyAsync(t => t.Id == audience && t.IsActive, ct)))
        {
            throw new DomainException("请选择本县一支在册的队伍作为报名范围。");
        }
        if (r.VenueId is { } venueId && !await db.Venues.AnyAsync(v => v.Id == venueId && v.IsActive, ct)) throw new NotFoundException("活动阵地");
        var now = clock.GetUtcNow();
        var activity = Activity.Draft(unit, r.TeamId, r.ToDetails(now), db.Scope.UserId ?? Guid.Empty, now);
        db.Activities.Add(activity);
        await db.SaveChangesAsync(ct);
        return await GetAsync(activity.Id, ct);
    }

    public async Task<ActivityDto> PublishAsync(Guid id, CancellationToken ct = default)
    {
        var activity = await ManagedAsync(id, ct);
        activity.Publish(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    public async Task<ActivityDto> GetAsync(Guid id, CancellationToken ct = default) =>
        await (from a in db.Activities.AsNoTracking()
               where a.Id == id
               join u in db.OrgUnits.IgnoreQueryFilters() on a.OrgUnitId equals u.Id
               select new ActivityDto(a.Id, a.OrgUnitId, u.Name, a.TeamId, a.Title, a.Content, a.Category, a.Tags, a.Address,
                   a.StartsAt, a.EndsAt, a.SignupOpensAt, a.SignupClosesAt, a.Seats, a.ConfirmedCount, a.Audience, a.RequiresApproval,
                   a.ContactName, a.ContactPhone, a.Status, a.CancelReason)).FirstOrDefaultAsync(ct)
           ?? throw new NotFoundException("活动");

    /// <summary>The organiser's list: who holds a seat, who waits (in arrival order), who cancelled.</summary>
    public async Task<IReadOnlyList<SignupRow>> SignupsAsync(Guid id, SignupStatus? status, CancellationToken ct = default)
    {
        await ManagedAsync(id, ct);
        // The people signed up come from anywhere in the county; the organiser sees them for this activity only.
        return await (from s in db.Signups.AsNoTracking()
                      where s.ActivityId == id && (status == null || s.Status == status)
                      join v in db.Volunteers.IgnoreQueryFilters() on s.VolunteerId equals v.Id
                      orderby s.Status, s.Sequence
                      select new SignupRow(s.Id, v.Id, v.Number, v.Name, v.PhoneMasked, s.Status, s.Sequence, s.CreatedAt, s.CheckedInAt, s.CheckedOutAt))
            .ToListAsync(ct);
    }

    /// <summary>An activity the caller may manage: published in their subtree; 404 otherwise (existence is not revealed).</summary>
    private async Task<Activity> ManagedAsync(Guid id, CancellationToken ct) =>
        await db.Activities.FirstOrDefaultAsync(a => a.Id == id && a.UnitPath.StartsWith(db.Scope.Path), ct) ?? throw new NotFoundException("活动");
}
