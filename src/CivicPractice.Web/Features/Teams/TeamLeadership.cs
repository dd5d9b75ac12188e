using CivicPractice.Domain.Teams;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Features.Teams;

/// <summary>
/// Leading a team is one thing: the team membership role 队长 or 副队长 of an active team, whatever the team's tier
/// (a station's 中队 or the county's 支队). It opens the team console (<c>Policies.TeamManager</c>) through a claim
/// the claims factory adds; no account role is involved.
/// </summary>
public static class TeamLeadership
{
    public static bool IsLeading(MemberRole role) => role is MemberRole.Leader or MemberRole.DeputyLeader;

    /// <summary>Whether the account's approved volunteer record leads an active team. Looks past the scope: it runs at sign-in.</summary>
    public static Task<bool> LeadsAnyTeamAsync(AppDbContext db, Guid userId, CancellationToken ct = default) =>
        (from v in db.Volunteers.IgnoreQueryFilters()
         join m in db.TeamMembers.IgnoreQueryFilters() on v.Id equals m.VolunteerId
         join t in db.Teams.IgnoreQueryFilters() on m.TeamId equals t.Id
         where v.UserId == userId && v.Status == VolunteerStatus.Approved && t.IsActive && t.CountyId == v.CountyId
             && m.Status == MembershipStatus.Active && (m.Role == MemberRole.Leader || m.Role == MemberRole.DeputyLeader)
         select m.Id).AnyAsync(ct);

    /// <summary>
    /// People who stop leading a team: their security stamps change, so their open sessions (and console circuits) end at
    /// the next validation and a new sign-in carries no console. Being appointed needs no stamp: the claims are rebuilt
    /// at every validation, so the console appears within a minute without signing anyone out.
    /// </summary>
    public static async Task DismissedAsync(AppDbContext db, IReadOnlyCollection<Guid> volunteerIds, CancellationToken ct)
    {
        if (volunteerIds.Count == 0) return;
        var userIds = await db.Volunteers.IgnoreQueryFilters().Where(v => volunteerIds.Contains(v.Id) && v.UserId != null).Select(v => v.UserId!.Value).ToListAsync(ct);
        if (userIds.Count == 0) return;
        foreach (var user in await db.Users.IgnoreQueryFilters().Where(u => userIds.Contains(u.Id)).ToListAsync(ct))
        {
            user.SecurityStamp = Guid.NewGuid().ToString("N");
        }
    }
}
