using BootstrapBlazor.Components;
using CivicPractice.Web.Components;
using CivicPractice.Web.Infrastructure;

namespace CivicPractice.Web.Features.Audit.Admin;

/// <summary>The county's audit log with filters by action, object, date and person; paged on the server.</summary>
public partial class AuditLogPage : AdminPageBase
{
    private static readonly int[] pageSizes = [20, 50, 100];

    private Table<AuditEntryDto> table = default!;
    private Modal detailModal = default!;
    private AuditEntryDto? detail;
    private string? action = "";
    private string? entityType = "";
    private DateTime? from;
    private DateTime? to;
    private string? search;

    private static readonly List<SelectedItem> actions =
    [
        new("", "全部"),
        .. new[] { AuditActions.Create, AuditActions.Update, AuditActions.Delete, AuditActions.SignIn, AuditActions.SignInFailed, AuditActions.LockedOut, AuditActions.SignOut, AuditActions.Reveal, AuditActions.Export, AuditActions.BulkExport, AuditActions.Import }
            .Select(a => new SelectedItem(a, AuditActions.Label(a))),
    ];

    private static readonly List<SelectedItem> entityTypes =
        [new("", "全部"), new("OrgUnit", "单位"), new("Venue", "阵地"), new("RoleAssignment", "角色授权"), new("Account", "账号"),
         new("Volunteer", "志愿者"), new("Team", "队伍"), new("TeamMember", "队员"), new("VolunteerOption", "选项列表")];

    private async Task<QueryData<AuditEntryDto>> QueryAsync(QueryPageOptions options)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        var page = await AuditFeature.QueryAsync(db, new AuditQuery(
            string.IsNullOrEmpty(action) ? null : action,
            string.IsNullOrEmpty(entityType) ? null : entityType,
            from is { } f ? ChinaTime.StartOf(f) : null,
            to is { } t ? ChinaTime.StartOf(t.AddDays(1)) : null,
            search, options.PageIndex, options.PageItems));
        return new QueryData<AuditEntryDto> { Items = page.Items, TotalCount = page.Total, IsSearch = true, IsFiltered = true, IsSorted = true };
    }

    private Task ReloadAsync() => table.QueryAsync();

    // The table asks for a blank row object (for its search model); the DTO has no parameterless constructor.
    private static AuditEntryDto EmptyRow() => new(Guid.Empty, default, null, "", null, null, null, null, null, null);

    private async Task ShowDetail(AuditEntryDto entry)
    {
        detail = entry;
        await detailModal.Show();
    }

    private static string TimeText(DateTimeOffset at) => ChinaTime.Format(at, seconds: true);

    private static string EntityName(string? type) => type switch
    {
        "OrgUnit" => "单位",
        "Venue" => "阵地",
        "RoleAssignment" => "角色授权",
        "County" => "县（区）",
        "Account" => "账号",
        "Volunteer" => "志愿者",
        "Team" => "队伍",
        "TeamMember" => "队员",
        "VolunteerOption" => "选项列表",
        _ => type ?? "",
    };
}
