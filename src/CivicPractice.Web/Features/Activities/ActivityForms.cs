using System.ComponentModel.DataAnnotations;
using CivicPractice.Domain.Activities;

namespace CivicPractice.Web.Features.Activities;

/// <summary>An activity as its organiser fills it in; the domain checks the rules between the fields again.</summary>
public class ActivityForm
{
    [Required(ErrorMessage = "请填写活动名称。")]
    [StringLength(ActivityPolicies.MaxTitleLength, MinimumLength = 2, ErrorMessage = "活动名称为 2 到 60 个字。")]
    [Display(Name = "活动名称")]
    public string? Title { get; set; }

    [StringLength(ActivityPolicies.MaxContentLength, ErrorMessage = "活动内容最长 5000 个字。")]
    [Display(Name = "活动内容")]
    public string? Content { get; set; }

    [Required(ErrorMessage = "请选择活动类别。")]
    [StringLength(30, ErrorMessage = "活动类别最长 30 个字。")]
    [Display(Name = "活动类别")]
    public string? Category { get; set; }

    [MaxLength(10, ErrorMessage = "标签最多 10 个。")]
    public List<string> Tags { get; set; } = [];

    public Guid? VenueId { get; set; }

    [StringLength(200, ErrorMessage = "活动地址最长 200 个字。")]
    [Display(Name = "活动地址")]
    public string? Address { get; set; }

    [Range(-90.0, 90.0, ErrorMessage = "纬度应在 -90 到 90 之间。")]
    public double? Latitude { get; set; }

    [Range(-180.0, 180.0, ErrorMessage = "经度应在 -180 到 180 之间。")]
    public double? Longitude { get; set; }

    [Range(50, 10_000, ErrorMessage = "签到范围应在 50 到 10000 米之间。")]
    public int? GeofenceMeters { get; set; }

    [Required(ErrorMessage = "请填写开始时间。")]
    public DateTimeOffset? StartsAt { get; set; }

    [Required(ErrorMessage = "请填写结束时间。")]
    public DateTimeOffset? EndsAt { get; set; }

    /// <summary>Defaults to now: sign-up opens when the activity is published.</summary>
    public DateTimeOffset? SignupOpensAt { get; set; }

    /// <summary>Defaults to the start.</summary>
    public DateTimeOffset? SignupClosesAt { get; set; }

    [Range(ActivityPolicies.MinSeats, ActivityPolicies.MaxSeats, ErrorMessage = "招募人数应在 1 到 5000 之间。")]
    public int Seats { get; set; }

    [EnumDataType(typeof(SignupAudience), ErrorMessage = "报名范围无效。")]
    public SignupAudience Audience { get; set; } = SignupAudience.County;

    public Guid? AudienceTeamId { get; set; }

    [MaxLength(10, ErrorMessage = "技能要求最多 10 项。")]
    public List<string> RequiredSkills { get; set; } = [];

    public bool RequiresApproval { get; set; }

    [StringLength(30, ErrorMessage = "联系人最长 30 个字。")]
    public string? ContactName { get; set; }

    [RegularExpression(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$", ErrorMessage = "请输入正确的联系电话（手机号或带区号的固定电话）。")]
    public string? ContactPhone { get; set; }

    public ActivityDetails ToDetails(DateTimeOffset now) => new(
        Title ?? "", Content, Category ?? "", Tags, VenueId, Address, Latitude, Longitude, GeofenceMeters,
        StartsAt!.Value, EndsAt!.Value, SignupOpensAt ?? now, SignupClosesAt ?? StartsAt!.Value, Seats, Audience, AudienceTeamId,
        RequiredSkills, RequiresApproval, ContactName, ContactPhone, null);
}

public sealed class CreateActivityRequest : ActivityForm
{
    [Required(ErrorMessage = "请选择发布单位。")]
    public Guid? UnitId { get; set; }

    /// <summary>The team that organises it (optional; one of the unit's subtree).</summary>
    public Guid? TeamId { get; set; }
}

public sealed record ActivityDto(
    Guid Id, Guid OrgUnitId, string UnitName, Guid? TeamId, string Title, string? Content, string Category, List<string> Tags,
    string? Address, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset SignupOpensAt, DateTimeOffset SignupClosesAt,
    int Seats, int ConfirmedCount, SignupAudience Audience, bool RequiresApproval, string? ContactName, string? ContactPhone,
    ActivityStatus Status, string? CancelReason)
{
    public string StatusName => ActivityStateMachine.Label(Status);
    public int SeatsLeft => Math.Max(0, Seats - ConfirmedCount);
}

public sealed record SignupDto(Guid Id, Guid ActivityId, SignupStatus Status, long Sequence, DateTimeOffset CreatedAt, DateTimeOffset? CheckedInAt, DateTimeOffset? CheckedOutAt)
{
    public string StatusName => SignupLabels.Of(Status);

    public static SignupDto Of(Signup s) => new(s.Id, s.ActivityId, s.Status, s.Sequence, s.CreatedAt, s.CheckedInAt, s.CheckedOutAt);
}

/// <summary>A sign-up as the organiser sees it: the volunteer's number, name and masked phone.</summary>
public sealed record SignupRow(Guid Id, Guid VolunteerId, string? Number, string Name, string PhoneMasked, SignupStatus Status, long Sequence,
    DateTimeOffset CreatedAt, DateTimeOffset? CheckedInAt, DateTimeOffset? CheckedOutAt)
{
    public string StatusName => SignupLabels.Of(Status);
}

public static class SignupLabels
{
    public static string Of(SignupStatus status) => status switch
    {
        SignupStatus.Confirmed => "报名成功",
        SignupStatus.WaitListed => "候补中",
        SignupStatus.PendingApproval => "待审核",
        SignupStatus.Cancelled => "已取消",
        SignupStatus.Rejected => "未通过",
        _ => status.ToString(),
    };
}

/// <summary>The address a calendar app subscribes to.</summary>
public sealed record CalendarLink(string Url);
