using CivicPractice.Domain.Common;
using CivicPractice.Domain.Organization;

namespace CivicPractice.Domain.Activities;

/// <summary>Who may sign up for an activity.</summary>
public enum SignupAudience
{
    /// <summary>Every approved volunteer of the county.</summary>
    County = 1,
    /// <summary>Members of one team.</summary>
    Team = 2,
    /// <summary>Volunteers of the publishing unit's subtree.</summary>
    Unit = 3,
}

/// <summary>The editable facts of an activity.</summary>
public sealed record ActivityDetails(
    string Title,
    string? Content,
    string Category,
    IReadOnlyList<string> Tags,
    Guid? VenueId,
    string? Address,
    double? Latitude,
    double? Longitude,
    int? GeofenceMeters,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset SignupOpensAt,
    DateTimeOffset SignupClosesAt,
    int Seats,
    SignupAudience Audience,
    Guid? AudienceTeamId,
    IReadOnlyList<string> RequiredSkills,
    bool RequiresApproval,
    string? ContactName,
    string? ContactPhone,
    Guid? ProjectId);

/// <summary>
/// 志愿服务活动, published by a unit (station, point, institute, center or base) and optionally organised by one of its
/// teams. The publishing unit's subtree scope decides who may edit it. Its life is <see cref="ActivityStateMachine"/>;
/// each move is a guarded method with the time passed in. Confirmed seats are counted in <see cref="ConfirmedCount"/>,
/// which the sign-up transaction raises with a conditional update (never above <see cref="Seats"/>).
/// </summary>
public sealed class Activity
{
    private Activity() { }

    public Guid Id { get; private set; }
    public Guid CountyId { get; private set; }
    public Guid OrgUnitId { get; private set; }
    public string UnitPath { get; private set; } = "";
    public Guid? TeamId { get; private set; }
    public string Title { get; private set; } = "";
    public string? Content { get; private set; }
    public string Category { get; private set; } = "";
    public List<string> Tags { get; private set; } = [];
    public Guid? VenueId { get; private set; }
    public string? Address { get; private set; }
    public double? Latitude { get; private set; }
    public double? Longitude { get; private set; }
    public int? GeofenceMeters { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public DateTimeOffset SignupOpensAt { get; private set; }
    public DateTimeOffset SignupClosesAt { get; private set; }
    public int Seats { get; private set; }
    public int ConfirmedCount { get; private set; }
    /// <summary>The last arrival number handed out; raised in the sign-up transaction, which also locks the row.</summary>
    public long SignupSequence { get; private set; }
    public SignupAudience Audience { get; private set; }
    public Guid? AudienceTeamId { get; private set; }
    public List<string> RequiredSkills { get; private set; } = [];
    public bool RequiresApproval { get; private set; }
    public string? ContactName { get; private set; }
    public string? ContactPhone { get; private set; }
    public Guid? ProjectId { get; private set; }
    public string? CoverFile { get; private set; }
    public ActivityStatus Status { get; private set; }
    public string? CancelReason { get; private set; }
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Activity Draft(OrgUnit unit, Guid? teamId, ActivityDetails details, Guid author, DateTimeOffset now)
    {
        if (!unit.IsActive) throw new DomainException("发布单位已停用。", DomainErrorKind.Conflict);
        var activity = new Activity
        {
            Id = Guid.CreateVersion7(now),
            CountyId = unit.CountyId,
            OrgUnitId = unit.Id,
            UnitPath = unit.Path,
            TeamId = teamId,
            Status = ActivityStatus.Draft,
            CreatedBy = author,
            CreatedAt = now,
        };
        activity.Apply(details, now);
        return activity;
    }

    public void Update(ActivityDetails details, DateTimeOffset now)
    {
        if (Status is not (ActivityStatus.Draft or ActivityStatus.Published or ActivityStatus.SignupClosed))
        {
            throw new DomainException($"活动当前为“{ActivityStateMachine.Label(Status)}”，不能再修改。", DomainErrorKind.Conflict);
        }
        if (details.Seats < ConfirmedCount) throw new DomainException($"已有 {ConfirmedCount} 人报名成功，名额不能少于此数。", DomainErrorKind.Conflict);
        Apply(details, now);
    }

    public void Publish(DateTimeOffset now)
    {
        if (StartsAt <= now) throw new DomainException("活动开始时间已过，不能发布。请修改时间后再发布。");
        MoveTo(ActivityStatus.Published, now);
    }

    public void CloseSignup(DateTimeOffset now) => MoveTo(ActivityStatus.SignupClosed, now);

    public void ReopenSignup(DateTimeOffset now)
    {
        if (StartsAt <= now) throw new DomainException("活动已开始，不能重新开放报名。", DomainErrorKind.Conflict);
        MoveTo(ActivityStatus.Published, now);
    }

    public void Start(DateTimeOffset now) => MoveTo(ActivityStatus.InProgress, now);

    public void Finish(DateTimeOffset now) => MoveTo(ActivityStatus.Finished, now);

    public void Archive(DateTimeOffset now) => MoveTo(ActivityStatus.Archived, now);

    public void Cancel(string reason, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("请填写取消活动的原因，报名的志愿者会收到通知。");
        if (reason.Trim().Length > ActivityPolicies.MaxReasonLength) throw new DomainException($"原因最长 {ActivityPolicies.MaxReasonLength} 个字。");
        MoveTo(ActivityStatus.Cancelled, now);
        CancelReason = reason.Trim();
    }

    /// <summary>Sign-up is possible: published, inside the sign-up window, not yet started.</summary>
    public bool IsOpenForSignup(DateTimeOffset now) =>
        Status == ActivityStatus.Published && now >= SignupOpensAt && now < SignupClosesAt && now < StartsAt;

    /// <summary>Why a sign-up is refused now, or null when it is open.</summary>
    public string? SignupRefusal(DateTimeOffset now) => Status switch
    {
        ActivityStatus.Draft => "活动尚未发布。",
        ActivityStatus.Cancelled => "活动已取消。",
        ActivityStatus.Published when now < SignupOpensAt => "报名尚未开始。",
        ActivityStatus.Published when now >= SignupClosesAt || now >= StartsAt => "报名已截止。",
        ActivityStatus.Published => null,
        _ => "报名已截止。",
    };

    /// <summary>Check-in opens an hour before the start and closes at the end.</summary>
    public bool IsOpenForCheckin(DateTimeOffset now) =>
        Status is ActivityStatus.Published or ActivityStatus.SignupClosed or ActivityStatus.InProgress
        && now >= StartsAt - ActivityPolicies.CheckinOpensBefore && now <= EndsAt;

    public bool Overlaps(DateTimeOffset starts, DateTimeOffset ends) => StartsAt < ends && starts < EndsAt;

    public void SetCover(string fileName, DateTimeOffset now)
    {
        CoverFile = fileName;
        UpdatedAt = now;
    }

    public void FollowUnit(string unitPath) => UnitPath = unitPath;

    private void MoveTo(ActivityStatus next, DateTimeOffset now)
    {
        if (!ActivityStateMachine.CanMove(Status, next))
        {
            throw new DomainException($"活动当前为“{ActivityStateMachine.Label(Status)}”，不能改为“{ActivityStateMachine.Label(next)}”。", DomainErrorKind.Conflict);
        }
        Status = next;
        UpdatedAt = now;
    }

    private void Apply(ActivityDetails d, DateTimeOffset now)
    {
        var title = d.Title?.Trim() ?? "";
        if (title.Length is 0) throw new DomainException("请填写活动名称。");
        if (title.Length > ActivityPolicies.MaxTitleLength) throw new DomainException($"活动名称最长 {ActivityPolicies.MaxTitleLength} 个字。");
        if (string.IsNullOrWhiteSpace(d.Category)) throw new DomainException("请选择活动类别。");
        if (d.EndsAt <= d.StartsAt) throw new DomainException("结束时间须晚于开始时间。");
        if (d.EndsAt - d.StartsAt > ActivityPolicies.MaxDuration) throw new DomainException("单次活动最长 7 天；更长的工作请建成项目。");
        if (d.SignupClosesAt <= d.SignupOpensAt) throw new DomainException("报名截止时间须晚于报名开始时间。");
        if (d.SignupClosesAt > d.StartsAt) throw new DomainException("报名须在活动开始前截止。");
        if (d.Seats is < ActivityPolicies.MinSeats or > ActivityPolicies.MaxSeats) throw new DomainException($"招募人数应在 {ActivityPolicies.MinSeats} 到 {ActivityPolicies.MaxSeats} 之间。");
        if (d.VenueId is null && string.IsNullOrWhiteSpace(d.Address)) throw new DomainException("请选择活动阵地或填写活动地址。");
        if (d.Latitude is { } lat && !(lat >= -90 && lat <= 90)) throw new DomainException("纬度应在 -90 到 90 之间。");
        if (d.Longitude is { } lon && !(lon >= -180 && lon <= 180)) throw new DomainException("经度应在 -180 到 180 之间。");
        if (d.GeofenceMeters is { } radius && (radius < 50 || radius > 10_000)) throw new DomainException("签到范围应在 50 到 10000 米之间。");
        if (d.GeofenceMeters is not null && (d.Latitude is null || d.Longitude is null)) throw new DomainException("限定签到范围时须填写活动地点的坐标。");
        if (d.Audience == SignupAudience.Team && d.AudienceTeamId is null) throw new DomainException("请选择可报名的队伍。");
        Title = title;
        Content = string.IsNullOrWhiteSpace(d.Content) ? null : d.Content.Trim();
        Category = d.Category.Trim();
        Tags = Volunteers.Volunteer.Clean(d.Tags);
        VenueId = d.VenueId;
        Address = string.IsNullOrWhiteSpace(d.Address) ? null : d.Address.Trim();
        Latitude = d.Latitude;
        Longitude = d.Longitude;
        GeofenceMeters = d.GeofenceMeters;
        // Kept in UTC whatever offset the client sent (PostgreSQL stores timestamptz from UTC values only).
        StartsAt = d.StartsAt.ToUniversalTime();
        EndsAt = d.EndsAt.ToUniversalTime();
        SignupOpensAt = d.SignupOpensAt.ToUniversalTime();
        SignupClosesAt = d.SignupClosesAt.ToUniversalTime();
        Seats = d.Seats;
        Audience = d.Audience;
        AudienceTeamId = d.Audience == SignupAudience.Team ? d.AudienceTeamId : null;
        RequiredSkills = Volunteers.Volunteer.Clean(d.RequiredSkills);
        RequiresApproval = d.RequiresApproval;
        ContactName = string.IsNullOrWhiteSpace(d.ContactName) ? null : d.ContactName.Trim();
        ContactPhone = string.IsNullOrWhiteSpace(d.ContactPhone) ? null : d.ContactPhone.Trim();
        ProjectId = d.ProjectId;
        UpdatedAt = now;
    }
}
