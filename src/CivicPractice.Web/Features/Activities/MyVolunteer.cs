using CivicPractice.Domain.Common;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Data;
using CivicPractice.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Features.Activities;

/// <summary>
/// The signed-in person's volunteer record in their county: who signs up, checks in and reads their hours. Ids in a
/// request body play no part; the record is found from the session alone.
/// </summary>
public static class MyVolunteer
{
    /// <summary>The record, not withdrawn; null when the person never registered.</summary>
    public static async Task<Volunteer?> FindAsync(AppDbContext db, CancellationToken ct)
    {
        var user = db.Scope.UserId ?? throw new NotFoundException("志愿者信息");
        return await db.Volunteers.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(v => v.UserId == user && v.CountyId == db.Scope.CountyId && v.Status != VolunteerStatus.Withdrawn, ct);
    }

    /// <summary>The approved record, or a Chinese refusal saying what to do (<paramref name="toDo"/>: "报名活动", "签到" …).</summary>
    public static async Task<Volunteer> ApprovedAsync(AppDbContext db, string toDo, CancellationToken ct)
    {
        var me = await FindAsync(db, ct) ?? throw new DomainException($"请先注册成为志愿者，审核通过后即可{toDo}。", DomainErrorKind.Conflict);
        if (me.Status != VolunteerStatus.Approved) throw new DomainException($"您的志愿者注册尚未审核通过，通过后即可{toDo}。", DomainErrorKind.Conflict);
        return me;
    }
}
