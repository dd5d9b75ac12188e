using System.ComponentModel.DataAnnotations;
using CivicPractice.Domain.Teams;

namespace CivicPractice.Web.Features.Teams;

public class TeamForm
{
    [Required(ErrorMessage = "请填写队伍名称。")]
    [StringLength(80, MinimumLength = 2, ErrorMessage = "队伍名称为 2 到 80 个字。")]
    [Display(Name = "队伍名称")]
    public string? Name { get; set; }

    [StringLength(80, ErrorMessage = "牵头单位最长 80 个字。")]
    [Display(Name = "牵头单位")]
    public string? LeadUnitName { get; set; }

    [StringLength(30, ErrorMessage = "服务类别最长 30 个字。")]
    [Display(Name = "服务类别")]
    public string? Category { get; set; }

    [MaxLength(20, ErrorMessage = "服务项目最多 20 项。")]
    public List<string> ServiceItems { get; set; } = [];

    [MaxLength(20, ErrorMessage = "服务对象最多 20 项。")]
    public List<string> ServiceObjects { get; set; } = [];

    [StringLength(1000, ErrorMessage = "队伍简介最长 1000 个字。")]
    [Display(Name = "队伍简介")]
    [Infrastructure.MultilineText]
    public string? Introduction { get; set; }

    public TeamDetails ToDetails() => new(LeadUnitName, Category, ServiceItems, ServiceObjects, Introduction);
}

public sealed class CreateTeamRequest : TeamForm
{
    [Required(ErrorMessage = "请选择队伍类型。")]
    [EnumDataType(typeof(TeamKind), ErrorMessage = "队伍类型无效。")]
    public TeamKind? Kind { get; set; }

    [Required(ErrorMessage = "请选择上级队伍。")]
    public Guid? ParentTeamId { get; set; }
}

public sealed class AddMemberRequest
{
    [Required(ErrorMessage = "请选择志愿者。")]
    public Guid? VolunteerId { get; set; }

    /// <summary>Invite (the volunteer accepts) or enlist directly (an admin setting up the team).</summary>
    public bool Enlist { get; set; }
}

public sealed class AssignMemberRequest
{
    [Required(ErrorMessage = "请选择职务。")]
    [EnumDataType(typeof(MemberRole), ErrorMessage = "职务无效。")]
    public MemberRole? Role { get; set; }

    public bool IsBackbone { get; set; }
}

public sealed record TeamDto(
    Guid Id, TeamKind Kind, string Name, Guid? ParentTeamId, Guid OrgUnitId, string UnitName, string? LeadUnitName, string? Category,
    List<string> ServiceItems, List<string> ServiceObjects, string? Introduction, bool HasLogo, bool IsActive, int MemberCount, int BackboneCount, int PendingCount)
{
    /// <summary>The kind as the team's county names it (<see cref="TeamTierNames"/>).</summary>
    public string KindName { get; init; } = TeamLabels.Of(Kind);
}

public sealed record TeamMemberRow(
    Guid Id, Guid VolunteerId, string? Number, string Name, string PhoneMasked, string UnitName, MemberRole Role, MembershipStatus Status,
    bool IsBackbone, DateTimeOffset? JoinedAt)
{
    public string RoleName => TeamLabels.Of(Role);
    public string StatusName => TeamLabels.Of(Status);
}

public sealed record MyMembership(Guid MemberId, Guid TeamId, string TeamName, TeamKind Kind, MemberRole Role, MembershipStatus Status)
{
    /// <summary>The kind as the team's county names it (<see cref="TeamTierNames"/>).</summary>
    public string KindName { get; init; } = TeamLabels.Of(Kind);
    public string StatusName => TeamLabels.Of(Status);
    public string RoleName => TeamLabels.Of(Role);
}
