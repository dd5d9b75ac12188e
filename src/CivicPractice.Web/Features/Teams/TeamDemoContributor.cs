using CivicPractice.Domain.Organization;
using CivicPractice.Domain.Teams;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Features.Teams;

/// <summary>
/// Demo teams: the tier teams of every center, institute and station; the county's own specialised detachments with
/// their lead units (<see cref="DemoCountyProfile.Detachments"/>, seed 003 篇四); every approved volunteer in their station's squadron, a leader per squadron, some backbone.
/// </summary>
public sealed class TeamDemoContributor(Infrastructure.PiiProtector pii) : IDemoContributor
{
    private const int Batch = 10_000;

    public int Order => 20;

    public async Task ContributeAsync(DemoSeedContext ctx, CancellationToken ct)
    {
        var db = ctx.Db;
        var tierOf = new Dictionary<Guid, Team>();
        foreach (var unit in ctx.Units.Where(u => TeamLabels.TierFor(u.Type) is not null).OrderBy(u => u.Depth))
        {
            var team = Team.ForUnit(unit, unit.ParentId is { } p ? tierOf.GetValueOrDefault(p) : null, ctx.County.TeamTiers, ctx.Now);
            tierOf[unit.Id] = team;
            db.Teams.Add(team);
        }
        var center = ctx.Units.Single(u => u.Type == OrgUnitType.Center);
        var corps = tierOf[center.Id];
        var detachments = ctx.Profile.Detachments.Select(d => Team.Specialised(TeamKind.Detachment, d.Name, center, corps,
            new TeamDetails(d.Lead, d.Category, d.Items, d.Objects, null), ctx.Now)).ToList();
        db.Teams.AddRange(detachments);
        await db.SaveChangesAsync(ct);

        var volunteers = await db.Volunteers.AsNoTracking()
            .Where(v => v.CountyId == ctx.County.Id && v.Status == VolunteerStatus.Approved)
            .OrderBy(v => v.Number)
            .Select(v => new { v.Id, v.UnitId, v.PoliticalStatus, v.UserId }).ToListAsync(ct);
        var random = ctx.Random;
        var pending = new List<TeamMember>();
        // The demo team leader account leads its station's squadron; elsewhere the first party member does.
        var leaderLogin = pii.PhoneIndex(DemoSeeder.TeamLeaderPhone);
        var demoLeaders = (await db.Users.Where(u => u.CountyId == ctx.County.Id && u.UserName == leaderLogin).Select(u => u.Id).ToListAsync(ct)).ToHashSet();
        var leaderChosen = volunteers.Where(v => v.UserId is { } u && demoLeaders.Contains(u)).Select(v => v.UnitId).ToHashSet();
        var seen = 0;
        foreach (var v in volunteers.OrderByDescending(v => v.UserId is { } u && demoLeaders.Contains(u)))
        {
            seen++;
            if (!tierOf.TryGetValue(v.UnitId, out var squadron)) continue;
            var member = TeamMember.Enlist(squadron, v.Id, ctx.Now);
            var leads = v.UserId is { } user && demoLeaders.Contains(user)
                || (v.UserId is null && VolunteerLabels.IsPartyMember(v.PoliticalStatus) && leaderChosen.Add(v.UnitId));
            member.Assign(leads ? MemberRole.Leader : MemberRole.Member, leads || random.NextDouble() < 0.08);
            pending.Add(member);
            // About 1 % join a detachment; the first few go round them all, so no detachment stands empty at any scale.
            var roundRobin = seen <= 3 * detachments.Count;
            if (roundRobin || random.NextDouble() < 0.01)
            {
                var joined = TeamMember.Enlist(detachments[roundRobin ? seen % detachments.Count : random.Next(detachments.Count)], v.Id, ctx.Now);
                joined.Assign(MemberRole.Member, random.NextDouble() < 0.3);
                pending.Add(joined);
            }
            if (pending.Count >= Batch) await FlushAsync();
        }
        await FlushAsync();

        async Task FlushAsync()
        {
            db.TeamMembers.AddRange(pending);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            pending.Clear();
        }
    }
}
