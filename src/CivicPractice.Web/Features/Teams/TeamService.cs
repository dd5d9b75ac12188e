using CivicPractice.Domain.Common;
using CivicPractice.Domain.Identity;
using CivicPractice.Domain.Teams;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Data;
using CivicPractice.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace CivicPractice.Web.Features.Teams;

/// <summary>
/// Teams and their members. Team facts are public within the county; members (personal data) and changes are
/// for managers only: an admin whose subtree holds the team, or the team's own (deputy) leader.
/// </summary>
public sealed class TeamService(AppDbContext db, IFileStore files, TimeProvider clock)
{
    private CurrentScope Scope => db.Scope;

    /// <summary>The teams of the admin's subtree (all kinds), for the console tree.</summary>
    public async Task<IReadOnlyList<TeamDto>> SubtreeAsync(bool includeInactive = false, CancellationToken ct = default)
    {
        var path = Scope.Path;
        return await ListAsync(db.Teams.AsNoTracking().Where(t => t.UnitPath.StartsWith(path) && (includeInactive || t.IsActive)), ct);
    }

    /// <summary>What the person may manage: an admin's subtree, or the teams a leader leads.</summary>
    public async Task<IReadOnlyList<TeamDto>> ManageableAsync(CancellationToken ct = default)
    {
        if (Scope.Role is { } role && RoleLabels.IsAdmin(role)) return await SubtreeAsync(ct: ct);
        var me = await MyVolunteerIdAsync(ct);
        var led = db.TeamMembers.Where(m => m.VolunteerId == me && m.Status == MembershipStatus.Active && (m.Role == MemberRole.Leader || m.Role == MemberRole.DeputyLeader)).Select(m => m.TeamId);
        return await ListAsync(db.Teams.AsNoTracking().Where(t => led.Contains(t.Id)), ct);
    }

    /// <summary>Approved volunteers of the county to invite, found by name or number (a leader's team draws from the whole county).</summary>
    public async Task<IReadOnlyList<(Guid Id, string Label)>> FindVolunteersAsync(string search, CancellationToken ct = default)
    {
        var text = search.Trim();
        if (text.Length == 0) return [];
        var county = County;
        using var _ = Scope.AsSystem();
        var found = await (from v in db.Volunteers
                           join u in db.OrgUnits on v.UnitId equals u.Id
                           where v.CountyId == county && v.Status == VolunteerStatus.Approved && (v.Name.Contains(text) || v.Number == text)
                           orderby v.Number
                           select new { v.Id, v.Name, v.Number, Station = u.Name }).Take(20).ToListAsync(ct);
        return [.. found.Select(f => (f.Id, $"{f.Name}（{f.Number}，{f.Station}）"))];
    }

    /// <summary>What the person's county calls its tiers, for labels.</summary>
    public Task<TeamTierNames> TierNamesAsync(CancellationToken ct = default) => TierTeams.NamesAsync(db, County, ct);

    public async Task<TeamDto> GetAsync(Guid id, CancellationToken ct = default) =>
        (await ListAsync(db.Teams.AsNoTracking().Where(t => t.Id == id), ct)).FirstOrDefault() ?? throw new NotFoundException("队伍");

    public async Task<bool> CanManageAsync(Guid teamId, CancellationToken ct = default)
    {
        var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, ct);
        return team is not null && await CanManageAsync(team, ct);
    }

    public async Task<TeamDto> CreateAsync(CreateTeamRequest r, CancellationToken ct = default)
    {
        var parent = await ManagedTeamAsync(r.ParentTeamId!.Value, adminOnly: true, ct);
        var unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == parent.OrgUnitId, ct) ?? throw new NotFoundException("单位");
        var team = Team.Specialised(r.Kind!.Value, r.Name!, unit, parent, r.ToDetails(), clock.GetUtcNow());
        db.Teams.Add(team);
        await db.SaveChangesAsync(ct);
        return await GetAsync(team.Id, ct);
    }

    public async Task<TeamDto> UpdateAsync(Guid id, TeamForm form, CancellationToken ct = default)
    {
        var team = await ManagedTeamAsync(id, adminOnly: false, ct);
        var now = clock.GetUtcNow();
        if (!team.IsTier) team.Rename(form.Name!, now);
        team.Describe(form.ToDetails(), now);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    public async Task<TeamDto> DeactivateAsync(Guid id, CancellationToken ct = default)
    {
        var team = await ManagedTeamAsync(id, adminOnly: true, ct);
        if (await db.Teams.AnyAsync(t => t.ParentTeamId == id && t.IsActive, ct)) throw new DomainException("请先解散其下属队伍。", DomainErrorKind.Conflict);
        team.Deactivate(clock.GetUtcNow());
        var leaders = await db.TeamMembers.Where(m => m.TeamId == id && m.Status == MembershipStatus.Active && (m.Role == MemberRole.Leader || m.Role == MemberRole.DeputyLeader))
            .Select(m => m.VolunteerId).ToListAsync(ct);
        await TeamLeadership.DismissedAsync(db, leaders, ct);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    public async Task<Paged<TeamMemberRow>> MembersAsync(Guid teamId, MembershipStatus? status, string? search, int? page, int? pageSize, CancellationToken ct = default)
    {
        await ManagedTeamAsync(teamId, adminOnly: false, ct);
        var rows = MemberRows(teamId, status, search);
        var (p, size) = Paging.Normalize(page, pageSize);
        var total = await rows.CountAsync(ct);
        var items = await rows.Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<TeamMemberRow>(items, total, p, size);
    }

    public async Task<TeamMemberRow> AddAsync(Guid teamId, AddMemberRequest r, CancellationToken ct = default)
    {
        var team = await ManagedTeamAsync(teamId, adminOnly: false, ct);
        // Leaders may invite any approved volunteer of the county; the volunteer decides.
        Volunteer volunteer;
        using (Scope.AsSystem())
        {
            volunteer = await db.Volunteers.FirstOrDefaultAsync(v => v.Id == r.VolunteerId && v.CountyId == team.CountyId, ct) ?? throw new NotFoundException("志愿者");
        }
        if (volunteer.Status != VolunteerStatus.Approved) throw new DomainException("只有审核通过的志愿者可以入队。", DomainErrorKind.Conflict);
        if (r.Enlist && !IsAdminOver(team)) throw new DomainException("队长只能邀请，由志愿者本人确认入队。", DomainErrorKind.Conflict);
        // Enlisting without the person's consent is for volunteers an admin manages; anyone else is invited.
        if (r.Enlist && !volunteer.UnitPath.StartsWith(Scope.Path, StringComparison.Ordinal))
        {
            throw new DomainException("该志愿者不在您的管理范围内，只能邀请，由志愿者本人确认入队。", DomainErrorKind.Conflict);
        }
        var now = clock.GetUtcNow();
        var existing = await db.TeamMembers.FirstOrDefaultAsync(m => m.TeamId == teamId && m.VolunteerId == volunteer.Id, ct);
        TeamMember member;
        if (existing is not null)
        {
            existing.Reopen(team, r.Enlist ? MembershipStatus.Active : MembershipStatus.Invited, now);
            member = existing;
        }
        else
        {
            member = r.Enlist ? TeamMember.Enlist(team, volunteer.Id, now) : TeamMember.Invite(team, volunteer.Id, now);
            db.TeamMembers.Add(member);
        }
        await SaveAsync(ct);
        return await MemberAsync(member.Id, ct);
    }

    public async Task<TeamMemberRow> ApproveAsync(Guid teamId, Guid memberId, CancellationToken ct = default)
    {
        var member = await ManagedMemberAsync(teamId, memberId, ct);
        member.Approve(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await MemberAsync(memberId, ct);
    }

    public async Task<TeamMemberRow> RemoveAsync(Guid teamId, Guid memberId, CancellationToken ct = default)
    {
        var team = await ManagedTeamAsync(teamId, adminOnly: false, ct);
        var member = await ManagedMemberAsync(teamId, memberId, ct);
        await EnsureMayChangeAsync(team, member, MemberRole.Member, ct);
        if (TeamLeadership.IsLeading(member.Role)) await TeamLeadership.DismissedAsync(db, [member.VolunteerId], ct);
        member.Leave(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await MemberAsync(memberId, ct);
    }

    public async Task<TeamMemberRow> AssignAsync(Guid teamId, Guid memberId, AssignMemberRequest r, CancellationToken ct = default)
    {
        var team = await ManagedTeamAsync(teamId, adminOnly: false, ct);
        var member = await ManagedMemberAsync(teamId, memberId, ct);
        await EnsureMayChangeAsync(team, member, r.Role!.Value, ct);
        if (r.Role == MemberRole.Leader)
        {
            // One leader per team: the previous one becomes a deputy.
            foreach (var other in await db.TeamMembers.Where(m => m.TeamId == teamId && m.Role == MemberRole.Leader && m.Id != memberId).ToListAsync(ct))
            {
                other.Assign(MemberRole.DeputyLeader, other.IsBackbone);
            }
        }
        if (TeamLeadership.IsLeading(member.Role) && !TeamLeadership.IsLeading(r.Role!.Value)) await TeamLeadership.DismissedAsync(db, [member.VolunteerId], ct);
        member.Assign(r.Role!.Value, r.IsBackbone);
        await db.SaveChangesAsync(ct);
        return await MemberAsync(memberId, ct);
    }

    public async Task<byte[]> RosterAsync(Guid teamId, CancellationToken ct = default)
    {
        var team = await ManagedTeamAsync(teamId, adminOnly: false, ct);
        var rows = await MemberRows(teamId, MembershipStatus.Active, null).ToListAsync(ct);
        var sheet = rows.Select(m => new Dictionary<string, object?>
        {
            ["志愿者编号"] = m.Number, ["姓名"] = m.Name, ["手机号"] = m.PhoneMasked, ["所属单位"] = m.UnitName,
            ["职务"] = m.RoleName, ["骨干"] = m.IsBackbone ? "是" : "",
            ["入队时间"] = m.JoinedAt is { } j ? ChinaTime.Date(j) : "",
        }).ToList();
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheet, sheetName: ExcelSheet.SafeName(team.Name, "队伍名册"), cancellationToken: ct);
        return stream.ToArray();
    }

    public const int MaxLogoBytes = 1024 * 1024;

    /// <summary>队旗/队徽: a PNG or JPEG of at most 1 MB and 4096×4096 pixels, stored as its re-encoded pixels only.</summary>
    public async Task<TeamDto> SetLogoAsync(Guid teamId, byte[] image, CancellationToken ct = default)
    {
        var team = await ManagedTeamAsync(teamId, adminOnly: false, ct);
        if (image.Length == 0 || image.Length > MaxLogoBytes) throw new DomainException("队徽图片须小于 1 MB。");
        var picture = UploadedImage.Reencode(image);
        var name = $"teams/{team.Id:N}.{picture.Extension}";
        await files.SaveAsync(name, picture.Content, ct);
        team.SetLogo(name, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await GetAsync(teamId, ct);
    }

    /// <summary>Logos are public, like the team itself.</summary>
    public async Task<(byte[] Content, string ContentType)?> LogoAsync(Guid teamId, CancellationToken ct = default)
    {
        string? file;
        using (Scope.AsSystem())
        {
            file = await db.Teams.Where(t => t.Id == teamId).Select(t => t.LogoFile).FirstOrDefaultAsync(ct);
        }
        if (file is null || await files.ReadAsync(file, ct) is not { } content) return null;
        return (content, ImageSniffer.ContentType(Path.GetExtension(file).TrimStart('.')));
    }

    // ---- the volunteer's side ----

    /// <summary>Teams a volunteer can ask to join: the county's specialised teams and the squads of their own station or town.</summary>
    public async Task<IReadOnlyList<TeamDto>> JoinableAsync(CancellationToken ct = default)
    {
        var me = await MyVolunteerIdAsync(ct);
        if (me is null) return [];
        var (station, town) = await PlaceOfAsync(me.Value, ct);
        var mine = db.TeamMembers.Where(m => m.VolunteerId == me && m.Status != MembershipStatus.Left).Select(m => m.TeamId);
        return await ListAsync(db.Teams.AsNoTracking().Where(t => t.IsActive && !mine.Contains(t.Id)
            && (t.Kind == TeamKind.Detachment || t.Kind == TeamKind.Section || (t.Kind == TeamKind.Squad && (t.OrgUnitId == station || t.OrgUnitId == town)))), ct);
    }

    public async Task<IReadOnlyList<MyMembership>> MineAsync(CancellationToken ct = default)
    {
        var me = await MyVolunteerIdAsync(ct);
        if (me is null) return [];
        var rows = await (from m in db.TeamMembers
                          join t in db.Teams on m.TeamId equals t.Id
                          where m.VolunteerId == me && m.Status != MembershipStatus.Left
                          orderby t.Kind
                          select new MyMembership(m.Id, t.Id, t.Name, t.Kind, m.Role, m.Status)).ToListAsync(ct);
        var names = await TierTeams.NamesAsync(db, County, ct);
        return [.. rows.Select(r => r with { KindName = names.Of(r.Kind) })];
    }

    /// <summary>A volunteer asks to join a team of their county.</summary>
    public async Task<MyMembership> ApplyAsync(Guid teamId, CancellationToken ct = default)
    {
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == teamId, ct) ?? throw new NotFoundException("队伍");
        var me = await MyVolunteerIdAsync(ct) ?? throw new DomainException("请先注册成为志愿者并通过审核。", DomainErrorKind.Conflict);
        if (!await JoinableByAsync(team, me, ct)) throw new DomainException("该队伍不接受您的申请：可申请本县的支队、分队和本站的小队。", DomainErrorKind.Conflict);
        var now = clock.GetUtcNow();
        var existing = await db.TeamMembers.FirstOrDefaultAsync(m => m.TeamId == teamId && m.VolunteerId == me, ct);
        if (existing is null) db.TeamMembers.Add(existing = TeamMember.Apply(team, me, now));
        else existing.Reopen(team, MembershipStatus.Applied, now);
        await SaveAsync(ct);
        return (await MineAsync(ct)).Single(m => m.MemberId == existing.Id);
    }

    /// <summary>The rule behind <see cref="JoinableAsync"/>: specialised teams of the county, squads of one's own station or town.</summary>
    private async Task<bool> JoinableByAsync(Team team, Guid volunteerId, CancellationToken ct)
    {
        if (!team.IsActive) return false;
        if (team.Kind is TeamKind.Detachment or TeamKind.Section) return true;
        if (team.Kind != TeamKind.Squad) return false;
        var (station, town) = await PlaceOfAsync(volunteerId, ct);
        return team.OrgUnitId == station || team.OrgUnitId == town;
    }

    /// <summary>A volunteer's station and its institute (a squad may sit under either's team).</summary>
    private async Task<(Guid Station, Guid? Town)> PlaceOfAsync(Guid volunteerId, CancellationToken ct)
    {
        using var _ = Scope.AsSystem();
        var place = await (from v in db.Volunteers
                           join u in db.OrgUnits on v.UnitId equals u.Id
                           where v.Id == volunteerId
                           select new { v.UnitId, u.ParentId }).FirstAsync(ct);
        return (place.UnitId, place.ParentId);
    }

    public async Task<MyMembership> AcceptAsync(Guid memberId, CancellationToken ct = default)
    {
        var member = await MyMemberAsync(memberId, ct);
        member.Accept(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return (await MineAsync(ct)).Single(m => m.MemberId == memberId);
    }

    public async Task LeaveAsync(Guid memberId, CancellationToken ct = default)
    {
        var member = await MyMemberAsync(memberId, ct);
        // Leaving one's own team signs nobody out: the leadership claim goes at the next validation, and every
        // team operation checks the membership again anyway.
        member.Leave(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    // ---- helpers ----

    /// <summary>
    /// Admins may change anyone. A leader may appoint and dismiss deputies and members; a deputy may only mark
    /// backbone members and handle ordinary members. Nobody but an admin touches the leader.
    /// </summary>
    private async Task EnsureMayChangeAsync(Team team, TeamMember target, MemberRole newRole, CancellationToken ct)
    {
        if (IsAdminOver(team)) return;
        if (newRole == MemberRole.Leader || target.Role == MemberRole.Leader) throw new DomainException("队长由管理员任命和调整。", DomainErrorKind.Conflict);
        var me = await MyVolunteerIdAsync(ct);
        var myRole = await db.TeamMembers.Where(m => m.TeamId == team.Id && m.VolunteerId == me && m.Status == MembershipStatus.Active)
            .Select(m => (MemberRole?)m.Role).FirstOrDefaultAsync(ct);
        var touchesDeputies = newRole == MemberRole.DeputyLeader && target.Role != MemberRole.DeputyLeader || target.Role == MemberRole.DeputyLeader && newRole != MemberRole.DeputyLeader;
        if (myRole != MemberRole.Leader && (touchesDeputies || target.Role == MemberRole.DeputyLeader))
        {
            throw new DomainException("副队长的任免由队长或管理员决定。", DomainErrorKind.Conflict);
        }
    }

    private bool IsAdminOver(Team team) =>
        Scope.Role is { } role && RoleLabels.IsAdmin(role) && team.UnitPath.StartsWith(Scope.Path, StringComparison.Ordinal);

    private async Task<bool> CanManageAsync(Team team, CancellationToken ct)
    {
        if (IsAdminOver(team)) return true;
        var me = await MyVolunteerIdAsync(ct);
        return me is not null && await db.TeamMembers.AnyAsync(m => m.TeamId == team.Id && m.VolunteerId == me
            && m.Status == MembershipStatus.Active && (m.Role == MemberRole.Leader || m.Role == MemberRole.DeputyLeader), ct);
    }

    /// <summary>Not a manager: the team is "not found" for that person, as everywhere else.</summary>
    private async Task<Team> ManagedTeamAsync(Guid id, bool adminOnly, CancellationToken ct)
    {
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException("队伍");
        var allowed = adminOnly ? IsAdminOver(team) : await CanManageAsync(team, ct);
        return allowed ? team : throw new NotFoundException("队伍");
    }

    private async Task<TeamMember> ManagedMemberAsync(Guid teamId, Guid memberId, CancellationToken ct)
    {
        await ManagedTeamAsync(teamId, adminOnly: false, ct);
        return await db.TeamMembers.FirstOrDefaultAsync(m => m.Id == memberId && m.TeamId == teamId, ct) ?? throw new NotFoundException("队员");
    }

    private async Task<TeamMember> MyMemberAsync(Guid memberId, CancellationToken ct)
    {
        var me = await MyVolunteerIdAsync(ct);
        return await db.TeamMembers.FirstOrDefaultAsync(m => m.Id == memberId && m.VolunteerId == me, ct) ?? throw new NotFoundException("入队记录");
    }

    private async Task<Guid?> MyVolunteerIdAsync(CancellationToken ct)
    {
        if (Scope.UserId is not { } userId) return null;
        using var _ = Scope.AsSystem();
        return await db.Volunteers.Where(v => v.UserId == userId && v.Status == VolunteerStatus.Approved).Select(v => (Guid?)v.Id).FirstOrDefaultAsync(ct);
    }

    private async Task<TeamMemberRow> MemberAsync(Guid memberId, CancellationToken ct)
    {
        return await MemberRows(null, null, null, memberId).FirstAsync(ct);
    }

    /// <summary>
    /// The county every query here is pinned to explicitly: the joins below look past the scope filters (a member's
    /// station may lie outside a leader's scope), and IgnoreQueryFilters lifts them for the whole query.
    /// </summary>
    private Guid County => Scope.CountyId ?? Guid.Empty;

    /// <summary>
    /// Members with their volunteer facts, filtered and ordered before the projection (EF cannot compose over a
    /// record's constructor). Callers have already checked that the person may manage the team.
    /// </summary>
    private IQueryable<TeamMemberRow> MemberRows(Guid? teamId, MembershipStatus? status, string? search, Guid? memberId = null)
    {
        var county = County;
        var members = db.TeamMembers.AsNoTracking().Where(m => m.CountyId == county);
        if (teamId is { } id) members = members.Where(m => m.TeamId == id);
        if (memberId is { } mid) members = members.Where(m => m.Id == mid);
        else members = status is { } st ? members.Where(m => m.Status == st) : members.Where(m => m.Status != MembershipStatus.Left);
        var joined = from m in members
                     join v in db.Volunteers.IgnoreQueryFilters() on m.VolunteerId equals v.Id
                     join u in db.OrgUnits.IgnoreQueryFilters() on v.UnitId equals u.Id
                     where v.CountyId == county
                     select new { m, v, u };
        var text = search?.Trim();
        if (!string.IsNullOrEmpty(text)) joined = joined.Where(x => x.v.Name.Contains(text) || x.v.Number == text);
        return joined.OrderByDescending(x => x.m.Role).ThenBy(x => x.m.Status).ThenBy(x => x.v.Number)
            .Select(x => new TeamMemberRow(x.m.Id, x.v.Id, x.v.Number, x.v.Name, x.v.PhoneMasked, x.u.Name, x.m.Role, x.m.Status, x.m.IsBackbone, x.m.JoinedAt));
    }

    /// <summary>Teams as DTOs, their kinds named the way the county names them.</summary>
    private async Task<List<TeamDto>> ListAsync(IQueryable<Team> teams, CancellationToken ct)
    {
        var rows = await Project(teams).ToListAsync(ct);
        if (rows.Count == 0) return rows;
        var names = await TierTeams.NamesAsync(db, County, ct);
        return [.. rows.Select(r => r with { KindName = names.Of(r.Kind) })];
    }

    private IQueryable<TeamDto> Project(IQueryable<Team> teams) =>
        from t in teams.Where(t => t.CountyId == County)
        join u in db.OrgUnits.IgnoreQueryFilters() on t.OrgUnitId equals u.Id
        where u.CountyId == t.CountyId
        orderby t.Kind, t.Name
        select new TeamDto(t.Id, t.Kind, t.Name, t.ParentTeamId, t.OrgUnitId, u.Name, t.LeadUnitName, t.Category, t.ServiceItems, t.ServiceObjects,
            t.Introduction, t.LogoFile != null, t.IsActive,
            db.TeamMembers.Count(m => m.TeamId == t.Id && m.Status == MembershipStatus.Active),
            db.TeamMembers.Count(m => m.TeamId == t.Id && m.Status == MembershipStatus.Active && m.IsBackbone),
            db.TeamMembers.Count(m => m.TeamId == t.Id && m.Status == MembershipStatus.Applied));

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new DomainException("该志愿者已在此队伍中或已有待处理的申请。", DomainErrorKind.Conflict);
        }
    }
}
