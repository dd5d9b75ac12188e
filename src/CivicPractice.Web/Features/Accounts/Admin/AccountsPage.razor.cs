using BootstrapBlazor.Components;
using CivicPractice.Domain.Common;
using CivicPractice.Domain.Identity;
using CivicPractice.Web.Components;
using CivicPractice.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace CivicPractice.Web.Features.Accounts.Admin;

/// <summary>账号与权限: list, appoint, revoke, unlock and reset, through <see cref="AccountManagement"/> like the API.</summary>
public partial class AccountsPage : AdminPageBase
{
    private static readonly int[] pageSizes = [20, 50, 100];

    [Inject] private SwalService Swal { get; set; } = default!;

    private Table<AccountRow> table = default!;
    private Modal grantModal = default!;
    private string? search;
    private string? roleFilter = "";
    private GrantInput grant = new();
    private List<SelectedItem> unitItems = [];

    private static readonly List<SelectedItem> roleFilterItems =
        [new("", "全部角色"), .. RoleRules.Grantable.Select(r => new SelectedItem(r.ToString(), RoleLabels.Of(r)))];

    /// <summary>Only roles no wider than the person's own can be granted.</summary>
    private List<SelectedItem> grantRoleItems => [.. RoleRules.Grantable
        .Where(r => RoleLabels.Breadth(r) >= RoleLabels.Breadth(Scope.Role ?? RoleKind.Volunteer))
        .Select(r => new SelectedItem(r.ToString(), RoleLabels.Of(r)))];

    private static AccountRow EmptyRow() => new(Guid.Empty, Guid.Empty, "", "", RoleKind.Volunteer, Guid.Empty, "", default, false, default);

    private Task<QueryData<AccountRow>> QueryAsync(QueryPageOptions options) => InScopeAsync(async sp =>
    {
        var page = await sp.GetRequiredService<AccountManagement>().ListAsync(new AccountQuery(
            search, Enum.TryParse<RoleKind>(roleFilter, out var r) ? r : null, null, options.PageIndex, options.PageItems));
        return new QueryData<AccountRow> { Items = page.Items, TotalCount = page.Total, IsSearch = true, IsFiltered = true, IsSorted = true };
    });

    private Task ReloadAsync() => table.QueryAsync();

    private async Task OpenGrantAsync()
    {
        grant = new GrantInput();
        unitItems = [];
        FormError = null;
        await grantModal.Show();
    }

    private async Task RoleChangedAsync(SelectedItem item)
    {
        grant.Unit = null;
        unitItems = Enum.TryParse<RoleKind>(item.Value, out var role)
            ? [.. (await InScopeAsync(sp => sp.GetRequiredService<AccountManagement>().UnitChoicesAsync(role))).Select(u => new SelectedItem(u.Id.ToString(), u.Name))]
            : [];
        if (unitItems.Count == 1) grant.Unit = unitItems[0].Value;
        StateHasChanged();
    }

    private async Task GrantAsync(Microsoft.AspNetCore.Components.Forms.EditContext _)
    {
        var request = new GrantRoleRequest
        {
            Name = grant.Name, Phone = grant.Phone,
            Role = Enum.TryParse<RoleKind>(grant.Role, out var role) ? role : null,
            UnitId = Guid.TryParse(grant.Unit, out var unit) ? unit : null,
        };
        var errors = ValidationFilter<GrantRoleRequest>.Validate(request);
        if (errors.Count > 0)
        {
            FormError = errors.First().Value[0];
            return;
        }
        var row = await Run(sp => sp.GetRequiredService<AccountManagement>().GrantAsync(request));
        if (row is null) return;
        await grantModal.Close();
        await Toast.Success("授权成功", $"{row.Name} 已成为{row.UnitName}的{row.RoleName}，已发送短信通知。");
        await ReloadAsync();
    }

    private async Task RevokeAsync(AccountRow row)
    {
        var confirmed = await Swal.ShowModal(new SwalOption
        {
            Category = SwalCategory.Warning,
            Title = $"确定撤销 {row.Name} 的“{row.RoleName}”角色吗？",
            Content = $"撤销后，{row.Name} 将不能再管理{row.UnitName}；账号和历史记录保留。",
        });
        if (!confirmed) return;
        if (await Run(async sp => { await sp.GetRequiredService<AccountManagement>().RevokeAsync(row.AssignmentId); return row; }, toast: true) is null) return;
        await Toast.Success("已撤销", $"{row.Name} · {row.RoleName}");
        await ReloadAsync();
    }

    private async Task UnlockAsync(AccountRow row)
    {
        if (await Run(async sp => { await sp.GetRequiredService<AccountManagement>().UnlockAsync(row.UserId); return row; }, toast: true) is null) return;
        await Toast.Success("已解锁", row.Name);
        await ReloadAsync();
    }

    private async Task ResetAsync(AccountRow row)
    {
        var confirmed = await Swal.ShowModal(new SwalOption
        {
            Category = SwalCategory.Warning,
            Title = $"确定重置 {row.Name} 的密码吗？",
            Content = $"原密码立即失效，{row.Name} 的所有登录会话将退出；平台会短信通知本人（{row.PhoneMasked}）用验证码登录后设置新密码。您不会看到新密码。",
        });
        if (!confirmed) return;
        if (await Run(async sp => { await sp.GetRequiredService<AccountManagement>().ResetPasswordAsync(row.UserId); return row; }, toast: true) is null) return;
        await Toast.Success("密码已重置", $"已短信通知 {row.Name}（{row.PhoneMasked}）");
    }

    /// <summary>The form as the page binds it: selects hold strings; <see cref="GrantRoleRequest"/> is built on submit.</summary>
    private sealed class GrantInput
    {
        [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "请填写姓名。")]
        [System.ComponentModel.DataAnnotations.StringLength(30, MinimumLength = 2, ErrorMessage = "姓名为 2 到 30 个字。")]
        [System.ComponentModel.DataAnnotations.Display(Name = "姓名")]
        public string? Name { get; set; }

        [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "请填写手机号。")]
        [System.ComponentModel.DataAnnotations.RegularExpression(@"^\s*1[3-9]\d{9}\s*$", ErrorMessage = MobileNumber.Invalid)]
        [System.ComponentModel.DataAnnotations.Display(Name = "手机号")]
        public string? Phone { get; set; }

        [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "请选择角色。")]
        [System.ComponentModel.DataAnnotations.Display(Name = "角色")]
        public string? Role { get; set; }

        [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "请选择所在单位。")]
        [System.ComponentModel.DataAnnotations.Display(Name = "所在单位")]
        public string? Unit { get; set; }
    }

    private Task<T?> Run<T>(Func<IServiceProvider, Task<T>> work, bool toast = false) where T : class => AttemptAsync(() => InScopeAsync(work), toast);
}
