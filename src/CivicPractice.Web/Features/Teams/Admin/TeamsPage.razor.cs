using System.ComponentModel.DataAnnotations;
using BootstrapBlazor.Components;
using CivicPractice.Domain.Identity;
using CivicPractice.Domain.Teams;
using CivicPractice.Web.Components;
using Microsoft.AspNetCore.Components;

namespace CivicPractice.Web.Features.Teams.Admin;

/// <summary>The team console: the team tree of what the person manages, team facts, members and their roles.</summary>
public partial class TeamsPage : AdminPageBase
{
    private static readonly int[] pageSizes = [20, 50, 100];
    private static readonly char[] Separators = ['、', ',', '，', ';', '；'];

    [Inject] private SwalService Swal { get; set; } = default!;
    [Inject] private DownloadService Download { get; set; } = default!;

    private List<TreeViewItem<TeamNode>> roots = [];
    private TeamDto? team;
    private Table<TeamMemberRow>? members;
    private string? memberStatus = "";
    private string? memberSearch;
    private Modal teamModal = default!;
    private Modal inviteModal = default!;
    private TeamForm form = new();
    private TeamKind? creatingKind;
    private bool editingTier;
    private string teamDialogTitle = "";
    // Properties, not fields: inside a ValidateForm, BootstrapBlazor looks the bound member up as a property and fails on a field.
    public string? ServiceItemsText { get; set; }
    public string? ServiceObjectsText { get; set; }
    private string? inviteSearch;
    private IReadOnlyList<(Guid Id, string Label)>? candidates;

    private static readonly List<SelectedItem> statusItems =
    [
        new("", "在队及待处理"), new(nameof(MembershipStatus.Active), "在队"), new(nameof(MembershipStatus.Applied), "申请中"),
        new(nameof(MembershipStatus.Invited), "已邀请"), new(nameof(MembershipStatus.Left), "已离队"),
    ];

    private bool IsAdmin => Scope.Role is { } r && RoleLabels.IsAdmin(r);
    private TeamTierNames tiers = TeamTierNames.Default;

    private IEnumerable<TeamKind> SubKinds => team is null || !IsAdmin ? [] : team.Kind switch
    {
        TeamKind.Corps => [TeamKind.Detachment],
        TeamKind.Brigade => [TeamKind.Detachment, TeamKind.Section, TeamKind.Squad],
        TeamKind.Squadron or TeamKind.BaseTeam => [TeamKind.Squad],
        TeamKind.Detachment => [TeamKind.Section],
        _ => [],
    };

    private static TeamMemberRow EmptyMember() => new(Guid.Empty, Guid.Empty, null, "", "", "", MemberRole.Member, MembershipStatus.Active, false, null);

    protected override async Task OnPageInitializedAsync()
    {
        tiers = await InScopeAsync(sp => sp.GetRequiredService<TeamService>().TierNamesAsync());
        await LoadTreeAsync();
        if (roots.Count > 0) await SelectAsync(roots[0].Value.Id);
    }

    private async Task LoadTreeAsync()
    {
        var all = await InScopeAsync(sp => sp.GetRequiredService<TeamService>().ManageableAsync());
        var ids = all.Select(t => t.Id).ToHashSet();
        var nodes = all.Select(t => new TeamNode { Id = t.Id, ParentId = t.ParentTeamId is { } p && ids.Contains(p) ? p : null, Name = t.Name, Kind = t.Kind }).ToList();
        roots = nodes.CascadingTree(null, (n, parent) => n.ParentId == parent?.Value.Id,
            n => new TreeViewItem<TeamNode>(n)
            {
                Text = n.Name,
                Icon = Team.IsTierKind(n.Kind) ? "fa-solid fa-flag" : "fa-solid fa-people-group",
                IsExpand = n.Kind is TeamKind.Corps,
            }).ToList();
    }

    private async Task SelectAsync(Guid id)
    {
        team = await AttemptAsync(() => InScopeAsync(sp => sp.GetRequiredService<TeamService>().GetAsync(id)), toast: true);
        StateHasChanged();
        if (members is not null) await members.QueryAsync();
    }

    private Task<QueryData<TeamMemberRow>> QueryMembersAsync(QueryPageOptions options) => InScopeAsync(async sp =>
    {
        if (team is null) return new QueryData<TeamMemberRow> { Items = [], TotalCount = 0 };
        var page = await sp.GetRequiredService<TeamService>().MembersAsync(team.Id,
            Enum.TryParse<MembershipStatus>(memberStatus, out var s) ? s : null, memberSearch, options.PageIndex, options.PageItems);
        return new QueryData<TeamMemberRow> { Items = page.Items, TotalCount = page.Total, IsSearch = true, IsFiltered = true, IsSorted = true };
    });

    private async Task ReloadMembersAsync()
    {
        if (members is not null) await members.QueryAsync();
    }

    private async Task RefreshAsync()
    {
        team = await InScopeAsync(sp => sp.GetRequiredService<TeamService>().GetAsync(team!.Id));
        await ReloadMembersAsync();
    }

    private async Task OpenCreate(TeamKind kind)
    {
        creatingKind = kind;
        editingTier = false;
        form = new TeamForm();
        ServiceItemsText = ServiceObjectsText = null;
        teamDialogTitle = $"在“{team!.Name}”下新增{tiers.Of(kind)}";
        FormError = null;
        await teamModal.Show();
    }

    private async Task OpenEdit()
    {
        creatingKind = null;
        editingTier = Team.IsTierKind(team!.Kind);
        form = new TeamForm
        {
            Name = team.Name, LeadUnitName = team.LeadUnitName, Category = team.Category, Introduction = team.Introduction,
            ServiceItems = team.ServiceItems, ServiceObjects = team.ServiceObjects,
        };
        ServiceItemsText = string.Join("、", team.ServiceItems);
        ServiceObjectsText = string.Join("、", team.ServiceObjects);
        teamDialogTitle = $"编辑“{team.Name}”";
        FormError = null;
        await teamModal.Show();
    }

    private async Task SaveTeamAsync(Microsoft.AspNetCore.Components.Forms.EditContext _)
    {
        form.ServiceItems = Split(ServiceItemsText);
        form.ServiceObjects = Split(ServiceObjectsText);
        var parentId = team!.Id;
        var saved = await AttemptAsync(() => InScopeAsync(sp => creatingKind is { } kind
            ? sp.GetRequiredService<TeamService>().CreateAsync(new CreateTeamRequest
            {
                Kind = kind, ParentTeamId = parentId, Name = form.Name, LeadUnitName = form.LeadUnitName, Category = form.Category,
                ServiceItems = form.ServiceItems, ServiceObjects = form.ServiceObjects, Introduction = form.Introduction,
            })
            : sp.GetRequiredService<TeamService>().UpdateAsync(parentId, form)));
        if (saved is null) return;
        await teamModal.Close();
        await Toast.Success("保存成功", saved.Name);
        await LoadTreeAsync();
        await SelectAsync(saved.Id);
    }

    private async Task UploadLogoAsync(Microsoft.AspNetCore.Components.Forms.InputFileChangeEventArgs e)
    {
        if (e.File.Size > TeamService.MaxLogoBytes)
        {
            FormError = "队徽图片须小于 1 MB。";
            return;
        }
        using var buffer = new MemoryStream();
        await using (var upload = e.File.OpenReadStream(TeamService.MaxLogoBytes)) await upload.CopyToAsync(buffer);
        var saved = await AttemptAsync(() => InScopeAsync(sp => sp.GetRequiredService<TeamService>().SetLogoAsync(team!.Id, buffer.ToArray())));
        if (saved is null) return;
        team = saved;
        await Toast.Success("队徽已更新", saved.Name);
    }

    private async Task DeactivateAsync()
    {
        var current = team!;
        if (!await Swal.ShowModal(new SwalOption { Category = SwalCategory.Warning, Title = $"确定解散“{current.Name}”吗？", Content = "解散后不能再招募队员，队员记录保留。" })) return;
        if (await AttemptAsync(() => InScopeAsync(sp => sp.GetRequiredService<TeamService>().DeactivateAsync(current.Id)), toast: true) is null) return;
        await Toast.Success("已解散", current.Name);
        await LoadTreeAsync();
        await SelectAsync(current.Id);
    }

    private async Task OpenInviteAsync()
    {
        inviteSearch = null;
        candidates = null;
        FormError = null;
        await inviteModal.Show();
    }

    private async Task FindAsync()
    {
        candidates = await InScopeAsync(sp => sp.GetRequiredService<TeamService>().FindVolunteersAsync(inviteSearch ?? ""));
        StateHasChanged();
    }

    private async Task AddAsync(Guid volunteerId, bool enlist)
    {
        var row = await AttemptAsync(() => InScopeAsync(sp => sp.GetRequiredService<TeamService>().AddAsync(team!.Id, new AddMemberRequest { VolunteerId = volunteerId, Enlist = enlist })));
        if (row is null) return;
        await inviteModal.Close();
        await Toast.Success(enlist ? "已入队" : "已发出邀请", row.Name);
        await RefreshAsync();
    }

    private async Task ApproveAsync(TeamMemberRow row) => await Change(sp => sp.GetRequiredService<TeamService>().ApproveAsync(team!.Id, row.Id), "已通过入队申请");

    private async Task AssignAsync(TeamMemberRow row, MemberRole role, bool backbone) =>
        await Change(sp => sp.GetRequiredService<TeamService>().AssignAsync(team!.Id, row.Id, new AssignMemberRequest { Role = role, IsBackbone = backbone }), "已更新");

    private async Task RemoveAsync(TeamMemberRow row)
    {
        if (!await Swal.ShowModal(new SwalOption { Category = SwalCategory.Warning, Title = $"确定将 {row.Name} 移出队伍吗？", Content = "队员的服务记录保留。" })) return;
        await Change(sp => sp.GetRequiredService<TeamService>().RemoveAsync(team!.Id, row.Id), "已移出");
    }

    private async Task Change(Func<IServiceProvider, Task<TeamMemberRow>> work, string message)
    {
        var row = await AttemptAsync(() => InScopeAsync(work), toast: true);
        if (row is null) return;
        await Toast.Success(message, row.Name);
        await RefreshAsync();
    }

    private async Task ExportRosterAsync()
    {
        var bytes = await InScopeAsync(sp => sp.GetRequiredService<TeamService>().RosterAsync(team!.Id));
        await Download.DownloadFromStreamAsync($"{team!.Name}-名册.xlsx", new MemoryStream(bytes));
    }

    private static List<string> Split(string? text) => [.. (text ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>A team as the tree shows it; the key keeps the tree's state across reloads.</summary>
    public sealed class TeamNode
    {
        [Key] public Guid Id { get; init; }
        public Guid? ParentId { get; init; }
        public string Name { get; init; } = "";
        public TeamKind Kind { get; init; }
    }
}
