using System.ComponentModel.DataAnnotations;
using CivicPractice.Domain.Identity;
using CivicPractice.Domain.Organization;

namespace CivicPractice.Web.Features.Accounts;

/// <summary>Appoint a person to a role on a unit; creates their account on first appointment.</summary>
public sealed class GrantRoleRequest
{
    [Required(ErrorMessage = "请填写姓名。")]
    [StringLength(30, MinimumLength = 2, ErrorMessage = "姓名为 2 到 30 个字。")]
    [Display(Name = "姓名")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "请填写手机号。")]
    [RegularExpression(@"^\s*1[3-9]\d{9}\s*$", ErrorMessage = MobileNumber.Invalid)]
    [Display(Name = "手机号")]
    public string? Phone { get; set; }

    [Required(ErrorMessage = "请选择角色。")]
    [EnumDataType(typeof(RoleKind), ErrorMessage = "角色无效。")]
    [Display(Name = "角色")]
    public RoleKind? Role { get; set; }

    [Required(ErrorMessage = "请选择所在单位。")]
    [Display(Name = "所在单位")]
    public Guid? UnitId { get; set; }

    /// <summary>Optional: left empty, a strong password is generated and sent by SMS.</summary>
    [StringLength(128, MinimumLength = PasswordRules.MinLength, ErrorMessage = PasswordRules.Requirement)]
    [Display(Name = "初始密码")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }
}

public sealed class ResetPasswordRequest
{
    [Required(ErrorMessage = "请填写新密码。")]
    [StringLength(128, MinimumLength = PasswordRules.MinLength, ErrorMessage = PasswordRules.Requirement)]
    [DataType(DataType.Password)]
    public string? Password { get; set; }
}

public sealed record AccountRow(
    Guid AssignmentId, Guid UserId, string Name, string PhoneMasked, RoleKind Role, Guid UnitId, string UnitName,
    OrgUnitType UnitType, bool LockedOut, DateTimeOffset GrantedAt)
{
    public string RoleName => RoleLabels.Of(Role);
    public string UnitTypeName => OrgUnitLabels.Of(UnitType);
}

public sealed record AccountQuery(string? Search = null, RoleKind? Role = null, Guid? UnitId = null, int? Page = null, int? PageSize = null);
