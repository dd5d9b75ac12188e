using System.ComponentModel.DataAnnotations;
using CivicPractice.Domain.Identity;
using CivicPractice.Domain.Volunteers;

namespace CivicPractice.Web.Features.Volunteers;

/// <summary>The profile fields a volunteer fills in and may later correct.</summary>
public class VolunteerProfileForm
{
    [Required(ErrorMessage = "请填写姓名。")]
    [StringLength(30, MinimumLength = 2, ErrorMessage = "姓名为 2 到 30 个字。")]
    [Display(Name = "姓名")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "请选择政治面貌。")]
    [EnumDataType(typeof(PoliticalStatus), ErrorMessage = "政治面貌无效。")]
    [Display(Name = "政治面貌")]
    public PoliticalStatus? PoliticalStatus { get; set; }

    [MaxLength(20, ErrorMessage = "专业技能最多选 20 项。")]
    public List<string> Skills { get; set; } = [];

    [MaxLength(20, ErrorMessage = "服务意向最多选 20 项。")]
    public List<string> Interests { get; set; } = [];

    [MaxLength(20, ErrorMessage = "人员标签最多选 20 项。")]
    public List<string> Tags { get; set; } = [];

    [MaxLength(10, ErrorMessage = "可服务时间最多选 10 项。")]
    public List<string> Availability { get; set; } = [];

    public VolunteerProfile ToProfile() => new(Name ?? "", PoliticalStatus ?? Domain.Volunteers.PoliticalStatus.Masses, Skills, Interests, Tags, Availability);
}

/// <summary>Registration, by the person on the portal or by an admin in the console.</summary>
public class VolunteerRegistrationForm : VolunteerProfileForm
{
    [Required(ErrorMessage = "请填写身份证号码。")]
    [StringLength(18, MinimumLength = 18, ErrorMessage = "身份证号码应为 18 位。")]
    [Display(Name = "身份证号码")]
    public string? IdNumber { get; set; }

    [Required(ErrorMessage = "请填写手机号。")]
    [RegularExpression(@"^\s*1[3-9]\d{9}\s*$", ErrorMessage = MobileNumber.Invalid)]
    [Display(Name = "手机号")]
    public string? Phone { get; set; }

    /// <summary>The station (where the person lives) or base (where they work) they register at.</summary>
    [Required(ErrorMessage = "请选择所属实践站或实践基地。")]
    [Display(Name = "所属单位")]
    public Guid? UnitId { get; set; }

    [Range(typeof(bool), "true", "true", ErrorMessage = "请阅读并同意《个人信息处理规则》。")]
    public bool Consent { get; set; }
}

public sealed class SelfRegistrationRequest : VolunteerRegistrationForm
{
    [Required(ErrorMessage = "请填写短信验证码。")]
    [RegularExpression(@"^\d{6}$", ErrorMessage = "验证码为 6 位数字。")]
    [Display(Name = "验证码")]
    public string? Code { get; set; }
}

public sealed class AdminRegistrationRequest : VolunteerRegistrationForm;

public sealed class RegistrationCodeRequest
{
    [Required(ErrorMessage = "请填写手机号。")]
    [RegularExpression(@"^\s*1[3-9]\d{9}\s*$", ErrorMessage = MobileNumber.Invalid)]
    public string? Phone { get; set; }

    [Required(ErrorMessage = "请选择县（区）。")]
    [RegularExpression(@"^\d{6}$", ErrorMessage = "县（区）代码无效。")]
    public string? CountyCode { get; set; }
}

public sealed class RejectRequest
{
    [Required(ErrorMessage = "请填写驳回原因。")]
    [StringLength(200, MinimumLength = 2, ErrorMessage = "驳回原因为 2 到 200 个字。")]
    public string? Reason { get; set; }
}

public enum PiiField
{
    IdNumber = 1,
    Phone = 2,
}

public sealed class RevealRequest
{
    [Required(ErrorMessage = "请选择要查看的字段。")]
    [EnumDataType(typeof(PiiField), ErrorMessage = "字段无效。")]
    public PiiField? Field { get; set; }
}

/// <summary>
/// A volunteer as staff see them. Age, never the birth date: the birth date is digits 7–14 of the ID number and,
/// beside the mask, would give the number back (see <see cref="ChineseIdNumber.Mask"/>).
/// </summary>
public sealed record VolunteerRow(
    Guid Id, string? Number, string Name, Gender? Gender, int? Age, string PhoneMasked, string IdMasked,
    PoliticalStatus PoliticalStatus, Guid UnitId, string UnitName, VolunteerStatus Status, List<string> Tags, DateTimeOffset CreatedAt)
{
    public string StatusName => VolunteerLabels.Of(Status);
    public string PoliticalStatusName => VolunteerLabels.Of(PoliticalStatus);
    public string GenderName => Gender is { } g ? VolunteerLabels.Of(g) : "";
}

public sealed record VolunteerDetail(
    VolunteerRow Summary, List<string> Skills, List<string> Interests, List<string> Availability, RegistrationSource Source,
    string ConsentText, DateTimeOffset ConsentAt, string? ReviewNote, DateTimeOffset? ReviewedAt, DateTimeOffset? WithdrawnAt);

public sealed record RegistrationResult(Guid VolunteerId, VolunteerStatus Status, string? Number, string UnitName)
{
    public string StatusName => VolunteerLabels.Of(Status);
}

public sealed record VolunteerQuery(
    string? Search = null, VolunteerStatus? Status = null, PoliticalStatus? PoliticalStatus = null, string? Skill = null,
    string? Tag = null, Guid? UnitId = null, int? Page = null, int? PageSize = null);

public sealed record OptionLists(
    string CountyName, string CountyCode, IReadOnlyList<StationChoice> Stations, IReadOnlyList<string> Skills,
    IReadOnlyList<string> Interests, IReadOnlyList<string> Tags, IReadOnlyList<string> Availability, string ConsentText);

/// <summary>A unit a person may register at: a station under its institute's name, or a base under <see cref="BaseGroup"/>.</summary>
public sealed record StationChoice(Guid Id, string Name, string InstituteName)
{
    public const string BaseGroup = "实践基地（机关、企事业单位、学校等）";
}
