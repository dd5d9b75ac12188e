using CivicPractice.Domain.Organization;
using CivicPractice.Domain.Teams;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Features.Teams;

/// <summary>
/// Demo teams: the tier teams of every center, institute and station; ten specialised detachments with their lead
/// units (seed 003 篇四); every approved volunteer in their station's squadron, a leader per squadron, some backbone.
/// </summary>
public sealed class TeamDemoContributor(Infrastructure.PiiProtector pii) : IDemoContributor
{
    private const int Batch = 10_000;

    private static readonly (string Name, string Lead, string Category, string[] Items, string[] Objects)[] Detachments =
    [
        ("党员志愿服务支队", "县委组织部", "理论政策宣讲", ["政策宣讲", "结对帮扶"], ["困难群众", "农村留守人员"]),
        ("青年志愿服务支队", "团县委", "文明倡导", ["文明交通劝导", "环境整治"], ["社区居民"]),
        ("教育志愿服务支队", "县教育局", "助学支教", ["课后辅导", "家庭教育讲座"], ["留守儿童", "中小学生"]),
        ("巾帼志愿服务支队", "县妇联", "关爱未成年人", ["家风家教宣讲", "妇女儿童关爱"], ["妇女", "儿童"]),
        ("爱心公益志愿服务支队", "县民政局", "扶难解困", ["走访慰问", "物资募集"], ["孤寡老人", "残疾人"]),
        ("法律援助志愿服务支队", "县司法局", "法律服务", ["法律咨询", "矛盾调解"], ["村（居）民"]),
        ("职工志愿服务支队", "县总工会", "便民服务", ["家电维修", "技能培训"], ["社区居民"]),
        ("理论宣讲志愿服务支队", "县委宣传部", "理论政策宣讲", ["百姓宣讲", "身边人讲身边事"], ["基层群众"]),
        ("文艺志愿服务支队", "县文联", "文化文艺服务", ["文艺演出", "书画进村"], ["基层群众"]),
        ("科技志愿服务支队", "县科协", "科学普及", ["科普讲座", "农技指导"], ["农户", "青少年"]),
    ];

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
        var detachments = Detachments.Select(d => Team.Specialised(TeamKind.Detachment, d.Name, center, corps,
            new TeamDetails(d.Lead.Replace("县", ctx.County.Name, StringComparison.Ordinal), d.Category, d.Items, d.Objects, null), ctx.Now)).ToList();
        db.Teams.AddRange(detachments);
        await db.SaveChangesAsync(ct);

        var volunteers = await db.Volunteers.AsNoTracking()
            .Where(v => v.CountyId == ctx.County.Id && v.Status == VolunteerStatus.Approved)
            .OrderBy(v => v.Number)
            .Select(v => new { v.Id, v.StationId, v.PoliticalStatus, v.UserId }).ToListAsync(ct);
        var random = ctx.Random;
        var pending = new List<TeamMember>();
        // The demo team leader account leads its station's squadron; elsewhere the first party member does.
        var leaderLogin = pii.PhoneIndex(DemoSeeder.TeamLeaderPhone);
        var demoLeaders = (await db.Users.Where(u => u.CountyId == ctx.County.Id && u.UserName == leaderLogin).Select(u => u.Id).ToListAsync(ct)).ToHashSet();
        var leaderChosen = volunteers.Where(v => v.UserId is { } u && demoLeaders.Contains(u)).Select(v => v.StationId).ToHashSet();
        foreach (var v in volunteers.OrderByDescending(v => v.UserId is { } u && demoLeaders.Contains(u)))
        {
            if (!tierOf.TryGetValue(v.StationId, out var squadron)) continue;
            var member = TeamMember.Enlist(squadron, v.Id, ctx.Now);
            var leads = v.UserId is { } user && demoLeaders.Contains(user)
                || (v.UserId is null && VolunteerLabels.IsPartyMember(v.PoliticalStatus) && leaderChosen.Add(v.StationId));
            member.Assign(leads ? MemberRole.Leader : MemberRole.Member, leads || random.NextDouble() < 0.08);
            pending.Add(member);
            if (random.NextDouble() < 0.01)
            {
                var joined = TeamMember.Enlist(detachments[random.Next(detachments.Count)], v.Id, ctx.Now);
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
