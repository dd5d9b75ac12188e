using System.ComponentModel.DataAnnotations;
using CivicPractice.Domain.Organization;

namespace CivicPractice.Web.Features.Organization;

/// <summary>The editable facts of a unit, as the API and the console form both take them.</summary>
public class OrgUnitForm
{
    [Required(ErrorMessage = "请填写单位名称。")]
    [StringLength(60, MinimumLength = 2, ErrorMessage = "单位名称为 2 到 60 个字。")]
    [Display(Name = "单位名称")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "请填写单位编码。")]
    [RegularExpression(@"^[A-Za-z0-9\-]{1,32}$", ErrorMessage = "单位编码只能由字母、数字和连字符组成，最长 32 位。")]
    [Display(Name = "单位编码")]
    public string? Code { get; set; }

    [StringLength(200, ErrorMessage = "地址最长 200 个字。")]
    [Display(Name = "地址")]
    public string? Address { get; set; }

    // Doubles, not ints: an int range converts the value and overflows on 1e308, and rounds 90.5 down into range.
    [Range(-90.0, 90.0, ErrorMessage = "纬度应在 -90 到 90 之间。")]
    [Display(Name = "纬度")]
    public double? Latitude { get; set; }

    [Range(-180.0, 180.0, ErrorMessage = "经度应在 -180 到 180 之间。")]
    [Display(Name = "经度")]
    public double? Longitude { get; set; }

    [Range(0, 20_000_000, ErrorMessage = "常住人口应在 0 到 2000 万之间。")]
    [Display(Name = "常住人口")]
    public int ResidentPopulation { get; set; }

    /// <summary>Party members and cadres on the unit's books (a base: its employer's), for the party members' registration rate.</summary>
    [Range(0, 1_000_000, ErrorMessage = "党员人数应在 0 到 100 万之间。")]
    [Display(Name = "党员人数")]
    public int PartyMembers { get; set; }

    [StringLength(30, ErrorMessage = "联系人最长 30 个字。")]
    [Display(Name = "联系人")]
    public string? ContactName { get; set; }

    [RegularExpression(@"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$", ErrorMessage = "请输入正确的联系电话（手机号或带区号的固定电话）。")]
    [Display(Name = "联系电话")]
    public string? ContactPhone { get; set; }

    [StringLength(100, ErrorMessage = "开放时间最长 100 个字。")]
    [Display(Name = "开放时间")]
    public string? OpeningHours { get; set; }

    [StringLength(30, ErrorMessage = "负责人最长 30 个字。")]
    [Display(Name = "负责人")]
    public string? ManagerName { get; set; }

    public OrgUnitDetails ToDetails() => new(Name ?? "", Code ?? "", Address, Latitude, Longitude, ResidentPopulation, ContactName, ContactPhone, OpeningHours, ManagerName, PartyMembers);

    public static T From<T>(OrgUnitDto u) where T : OrgUnitForm, new() => new()
    {
        Name = u.Name, Code = u.Code, Address = u.Address, Latitude = u.Latitude, Longitude = u.Longitude,
        ResidentPopulation = u.ResidentPopulation, ContactName = u.ContactName, ContactPhone = u.ContactPhone,
        OpeningHours = u.OpeningHours, ManagerName = u.ManagerName, PartyMembers = u.PartyMembers,
    };
}

public sealed class CreateOrgUnitRequest : OrgUnitForm
{
    [Required(ErrorMessage = "请选择上级单位。")]
    public Guid? ParentId { get; set; }

    [Required(ErrorMessage = "请选择单位类型。")]
    [EnumDataType(typeof(OrgUnitType), ErrorMessage = "单位类型无效。")]
    [Display(Name = "单位类型")]
    public OrgUnitType? Type { get; set; }
}

public sealed class UpdateOrgUnitRequest : OrgUnitForm;

public sealed class MoveOrgUnitRequest
{
    [Required(ErrorMessage = "请选择新的上级单位。")]
    public Guid? NewParentId { get; set; }
}

public sealed class VenueForm
{
    [Required(ErrorMessage = "请填写阵地名称。")]
    [StringLength(60, MinimumLength = 2, ErrorMessage = "阵地名称为 2 到 60 个字。")]
    [Display(Name = "阵地名称")]
    public string? Name { get; set; }

    /// <summary>One of the county's service platforms (county settings).</summary>
    [Required(ErrorMessage = "请选择所属平台。")]
    [StringLength(ServicePlatforms.MaxLength, ErrorMessage = "所属平台名称最长 30 个字。")]
    [Display(Name = "所属平台")]
    public string? Platform { get; set; }

    [StringLength(60, ErrorMessage = "产权单位最长 60 个字。")]
    [Display(Name = "产权单位")]
    public string? OwnerName { get; set; }

    [StringLength(200, ErrorMessage = "地址最长 200 个字。")]
    [Display(Name = "地址")]
    public string? Address { get; set; }

    [Range(0, 100_000, ErrorMessage = "容纳人数应在 0 到 100000 之间。")]
    [Display(Name = "容纳人数")]
    public int Capacity { get; set; }

    [StringLength(100, ErrorMessage = "开放时间最长 100 个字。")]
    [Display(Name = "开放时间")]
    public string? OpeningHours { get; set; }

    [StringLength(30, ErrorMessage = "管理员最长 30 个字。")]
    [Display(Name = "管理员")]
    public string? ManagerName { get; set; }

    public VenueDetails ToDetails() => new(Name ?? "", Platform ?? "", OwnerName, Address, Capacity, OpeningHours, ManagerName);
}

public sealed record OrgUnitDto(
    Guid Id, Guid? ParentId, OrgUnitType Type, string Name, string Code, int Depth,
    string? Address, double? Latitude, double? Longitude, int ResidentPopulation, string? ContactName,
    string? ContactPhone, string? OpeningHours, string? ManagerName, bool IsActive, int ChildCount, int PartyMembers)
{
    public string TypeName => OrgUnitLabels.Of(Type);
}

public sealed record VenueDto(
    Guid Id, Guid OrgUnitId, string Name, string Platform, string? OwnerName,
    string? Address, int Capacity, string? OpeningHours, string? ManagerName, bool IsActive)
{
    public string PlatformName => Platform;
}
