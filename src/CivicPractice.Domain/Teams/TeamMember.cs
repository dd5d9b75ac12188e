using CivicPractice.Domain.Common;

namespace CivicPractice.Domain.Teams;

public enum MemberRole
{
    Member = 1,
    DeputyLeader = 2,
    Leader = 3,
}

public enum MembershipStatus
{
    /// <summary>The volunteer asked to join; a leader or admin decides.</summary>
    Applied = 1,
    /// <summary>A leader or admin invited the volunteer; the volunteer decides.</summary>
    Invited = 2,
    Active = 3,
    Left = 4,
}

/// <summary>A volunteer's place in a team. A volunteer may belong to several teams (DOMAIN.md §3).</summary>
public sealed class TeamMember
{
    private TeamMember() { }

    public Guid Id { get; private set; }
    public Guid CountyId { get; private set; }
    public Guid TeamId { get; private set; }
    public Guid VolunteerId { get; private set; }
    public MemberRole Role { get; private set; }
    public MembershipStatus Status { get; private set; }
    /// <summary>骨干志愿者 (DOMAIN.md §3: each village ≥ 10, each town ≥ 100, the county ≥ 2000).</summary>
    public bool IsBackbone { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? JoinedAt { get; private set; }
    public DateTimeOffset? LeftAt { get; private set; }

    public static TeamMember Apply(Team team, Guid volunteerId, DateTimeOffset now) => New(team, volunteerId, MembershipStatus.Applied, now);

    public static TeamMember Invite(Team team, Guid volunteerId, DateTimeOffset now) => New(team, volunteerId, MembershipStatus.Invited, now);

    /// <summary>Added by an admin directly (e.g. when a team is set up from a roster).</summary>
    public static TeamMember Enlist(Team team, Guid volunteerId, DateTimeOffset now)
    {
        var m = New(team, volunteerId, MembershipStatus.Active, now);
        m.JoinedAt = now;
        return m;
    }

    /// <summary>A person who left may ask again or be invited again; the same row is reused.</summary>
    public void Reopen(Team team, MembershipStatus status, DateTimeOffset now)
    {
        if (!team.IsActive) throw new DomainException("该队伍已解散。", DomainErrorKind.Conflict);
        if (Status != MembershipStatus.Left) throw new DomainException($"该志愿者已是“{TeamLabels.Of(Status)}”状态。", DomainErrorKind.Conflict);
        Status = status;
        Role = MemberRole.Member;
        IsBackbone = false;
        LeftAt = null;
        CreatedAt = now;
    }

    /// <summary>A leader or admin accepts an application.</summary>
    public void Approve(DateTimeOffset now)
    {
        if (Status != MembershipStatus.Applied) throw new DomainException("只能审核“申请中”的入队申请。", DomainErrorKind.Conflict);
        Status = MembershipStatus.Active;
        JoinedAt = now;
    }

    /// <summary>The volunteer accepts an invitation.</summary>
    public void Accept(DateTimeOffset now)
    {
        if (Status != MembershipStatus.Invited) throw new DomainException("该邀请已处理或已失效。", DomainErrorKind.Conflict);
        Status = MembershipStatus.Active;
        JoinedAt = now;
    }

    /// <summary>Declined application or invitation, or leaving the team.</summary>
    public void Leave(DateTimeOffset now)
    {
        if (Status == MembershipStatus.Left) throw new DomainException("该志愿者已离队。", DomainErrorKind.Conflict);
        Status = MembershipStatus.Left;
        Role = MemberRole.Member;
        IsBackbone = false;
        LeftAt = now;
    }

    public void Assign(MemberRole role, bool isBackbone)
    {
        if (Status != MembershipStatus.Active) throw new DomainException("只有在队队员可以设置职务和骨干。", DomainErrorKind.Conflict);
        Role = role;
        IsBackbone = isBackbone;
    }

    private static TeamMember New(Team team, Guid volunteerId, MembershipStatus status, DateTimeOffset now)
    {
        if (!team.IsActive) throw new DomainException("该队伍已解散。", DomainErrorKind.Conflict);
        return new TeamMember
        {
            Id = Guid.CreateVersion7(now),
            CountyId = team.CountyId,
            TeamId = team.Id,
            VolunteerId = volunteerId,
            Role = MemberRole.Member,
            Status = status,
            CreatedAt = now,
        };
    }
}
