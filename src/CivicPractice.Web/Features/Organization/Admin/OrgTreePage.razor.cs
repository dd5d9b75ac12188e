using BootstrapBlazor.Components;
using CivicPractice.Domain.Common;
using CivicPractice.Domain.Organization;
using CivicPractice.Web.Components;
using CivicPractice.Web.Data;
using CivicPractice.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace CivicPractice.Web.Features.Organization.Admin;

/// <summary>
/// The organisation tree console: browse (lazy tree), search, add, edit, move with subtree, deactivate,
/// and the venues of each unit. Every operation calls the same handler as the API, on its own context.
/// </summary>
public partial class OrgTreePage : AdminPageBase
{
    [Inject] private SwalService Swal { get; set; } = default!;

    private TreeView<OrgNode>? tree;
    private List<TreeViewItem<OrgNode>> roots = [];
    private readonly Dictionary<Guid, TreeViewItem<OrgNode>> loaded = [];
    private string? searchText;
    private List<OrgUnitDto>? searchResults;
    private int searchTotal;
    private bool includeInactive;

    private OrgUnitDto? selected;
    private IReadOnlyList<OrgUnitDto> ancestors = [];
    private List<OrgUnitDto> children = [];
    private IReadOnlyList<VenueDto> venues = [];
    private int childPopulation;

    private Modal unitModal = default!;
    private Modal moveModal = default!;
    private Modal venueModal = default!;
    private OrgUnitForm unitForm = new();
    private OrgUnitType? creatingType;
    private string unitDialogTitle = "";
    private List<SelectedItem> moveTargets = [];
    private string? moveTargetId;
    private VenueForm venueForm = new();
    private Guid? editingVenueId;

    /// <summary>The county's active service platforms (county settings), plus a retired one the edited venue still has.</summary>
    private List<SelectedItem> platforms = [];

    private IEnumerable<OrgUnitType> ChildTypes => selected is null
        ? []
        : Enum.GetValues<OrgUnitType>().Where(t => OrgTreeRules.CanBeChildOf(t, selected.Type));

    protected override async Task OnPageInitializedAsync()
    {
        await ReloadAsync();
        if (roots.Count == 1) await SelectAsync(roots[0].Value.Id);
    }

    private async Task ReloadAsync()
    {
        loaded.Clear();
        var top = await Query(db => OrgUnitHandlers.ListAsync(db, new OrgUnitQuery(IncludeInactive: includeInactive)));
        roots = [.. top.Items.Select(u => ToItem(u, expand: true))];
        foreach (var root in roots)
        {
            root.Items = await ChildrenOfAsync(root.Value.Id);
        }
        if (searchResults is not null) await SearchAsync();
        StateHasChanged();
    }

    private TreeViewItem<OrgNode> ToItem(OrgUnitDto u, bool expand = false)
    {
        var item = new TreeViewItem<OrgNode>(OrgNode.From(u))
        {
            Text = u.IsActive ? u.Name : $"{u.Name}（已停用）",
            Icon = OrgNode.IconOf(u.Type),
            HasChildren = u.ChildCount > 0,
            IsExpand = expand,
            IsActive = selected?.Id == u.Id,
        };
        loaded[u.Id] = item;
        return item;
    }

    private async Task<List<TreeViewItem<OrgNode>>> ChildrenOfAsync(Guid parentId)
    {
        var page = await Query(db => OrgUnitHandlers.ListAsync(db, new OrgUnitQuery(ParentId: parentId, IncludeInactive: includeInactive, PageSize: Paging.MaxSize)));
        return [.. page.Items.Select(u => ToItem(u))];
    }

    private async Task<IEnumerable<TreeViewItem<OrgNode>>> ExpandAsync(TreeViewItem<OrgNode> node) => await ChildrenOfAsync(node.Value.Id);

    private async Task SearchAsync()
    {
        if (string.IsNullOrWhiteSpace(searchText))
        {
            await ClearSearchAsync();
            return;
        }
        var page = await Query(db => OrgUnitHandlers.ListAsync(db, new OrgUnitQuery(Search: searchText, IncludeInactive: includeInactive, PageSize: 100)));
        searchResults = [.. page.Items];
        searchTotal = page.Total;
        StateHasChanged();
    }

    private Task ClearSearchAsync()
    {
        searchText = null;
        searchResults = null;
        StateHasChanged();
        return Task.CompletedTask;
    }

    private async Task SelectAsync(Guid id)
    {
        try
        {
            await using var db = await DbFactory.CreateDbContextAsync();
            selected = await OrgUnitHandlers.GetAsync(db, id);
            ancestors = await OrgUnitHandlers.AncestorsAsync(db, id);
            children = [.. (await OrgUnitHandlers.ListAsync(db, new OrgUnitQuery(ParentId: id, IncludeInactive: true, PageSize: Paging.MaxSize))).Items];
            childPopulation = children.Where(c => c.IsActive).Sum(c => c.ResidentPopulation);
            venues = await VenueHandlers.ListAsync(db, id);
        }
        catch (NotFoundException ex)
        {
            selected = null;
            await Toast.Error("未找到", ex.Message);
        }
        // Called from BootstrapBlazor's Func callbacks (tree click), which do not re-render this page by themselves.
        StateHasChanged();
    }

    private async Task OpenCreate(OrgUnitType type)
    {
        creatingType = type;
        unitForm = new OrgUnitForm();
        unitDialogTitle = $"在“{selected!.Name}”下新增{OrgUnitLabels.Of(type)}";
        FormError = null;
        await unitModal.Show();
    }

    private async Task OpenEdit()
    {
        creatingType = null;
        unitForm = OrgUnitForm.From<OrgUnitForm>(selected!);
        unitDialogTitle = $"编辑“{selected!.Name}”";
        FormError = null;
        await unitModal.Show();
    }

    private async Task SaveUnitAsync(Microsoft.AspNetCore.Components.Forms.EditContext _)
    {
        var parent = selected!;
        var saved = await Run(async db => creatingType is { } type
            ? await OrgUnitHandlers.CreateAsync(db, new CreateOrgUnitRequest
            {
                ParentId = parent.Id, Type = type, Name = unitForm.Name, Code = unitForm.Code, Address = unitForm.Address,
                Latitude = unitForm.Latitude, Longitude = unitForm.Longitude, ResidentPopulation = unitForm.ResidentPopulation, PartyMembers = unitForm.PartyMembers,
                ContactName = unitForm.ContactName, ContactPhone = unitForm.ContactPhone, OpeningHours = unitForm.OpeningHours, ManagerName = unitForm.ManagerName,
            }, Clock.GetUtcNow())
            : await OrgUnitHandlers.UpdateAsync(db, parent.Id, unitForm, Clock.GetUtcNow()));
        if (saved is null) return;
        await unitModal.Close();
        await Toast.Success("保存成功", creatingType is null ? $"已更新“{saved.Name}”。" : $"已新增“{saved.Name}”。");
        await RefreshNodeAsync(creatingType is null ? saved.ParentId : parent.Id);
        await SelectAsync(creatingType is null ? saved.Id : parent.Id);
    }

    private async Task OpenMoveAsync()
    {
        FormError = null;
        moveTargetId = null;
        var targets = await Query(db => OrgUnitHandlers.MoveTargetsAsync(db, selected!.Id));
        moveTargets = [.. targets.Select(t => new SelectedItem(t.Id.ToString(), $"{t.Name}（{t.TypeName}）"))];
        await moveModal.Show();
    }

    private async Task MoveAsync()
    {
        if (!Guid.TryParse(moveTargetId, out var target)) return;
        var oldParent = selected!.ParentId;
        var moved = await Run(db => OrgUnitHandlers.MoveAsync(db, selected!.Id, target, Clock.GetUtcNow()));
        if (moved is null) return;
        await moveModal.Close();
        await Toast.Success("移动成功", $"“{moved.Name}”及其下级已移动。");
        await RefreshNodeAsync(oldParent);
        await RefreshNodeAsync(target);
        await SelectAsync(moved.Id);
    }

    private async Task DeactivateAsync()
    {
        var unit = selected!;
        var confirmed = await Swal.ShowModal(new SwalOption
        {
            Category = SwalCategory.Warning,
            Title = $"确定停用“{unit.Name}”吗？",
            Content = "停用后该单位不再出现在门户和下拉选择中，已有记录全部保留，可随时重新启用。",
        });
        if (!confirmed) return;
        if (await Run(db => OrgUnitHandlers.DeactivateAsync(db, unit.Id, Clock.GetUtcNow()), toast: true) is null) return;
        await Toast.Success("已停用", unit.Name);
        await RefreshNodeAsync(unit.ParentId);
        await SelectAsync(unit.Id);
    }

    private async Task ActivateAsync()
    {
        var unit = selected!;
        if (await Run(db => OrgUnitHandlers.ActivateAsync(db, unit.Id, Clock.GetUtcNow()), toast: true) is null) return;
        await Toast.Success("已启用", unit.Name);
        await RefreshNodeAsync(unit.ParentId);
        await SelectAsync(unit.Id);
    }

    private async Task LoadPlatformsAsync(string? current)
    {
        var names = await Query(db => VenueHandlers.PlatformsAsync(db, Scope.CountyId ?? Guid.Empty));
        platforms = [.. names.Append(current).OfType<string>().Distinct().Select(p => new SelectedItem(p, p))];
    }

    private async Task OpenCreateVenue()
    {
        editingVenueId = null;
        await LoadPlatformsAsync(null);
        venueForm = new VenueForm { Platform = platforms.FirstOrDefault()?.Value };
        FormError = null;
        await venueModal.Show();
    }

    private async Task OpenEditVenue(VenueDto v)
    {
        editingVenueId = v.Id;
        await LoadPlatformsAsync(v.Platform);
        venueForm = new VenueForm
        {
            Name = v.Name, Platform = v.Platform, OwnerName = v.OwnerName, Address = v.Address, Capacity = v.Capacity,
            OpeningHours = v.OpeningHours, ManagerName = v.ManagerName,
        };
        FormError = null;
        await venueModal.Show();
    }

    private async Task SaveVenueAsync(Microsoft.AspNetCore.Components.Forms.EditContext _)
    {
        var unitId = selected!.Id;
        var saved = await Run(db => editingVenueId is { } id
            ? VenueHandlers.UpdateAsync(db, id, venueForm, Clock.GetUtcNow())
            : VenueHandlers.CreateAsync(db, unitId, venueForm, Clock.GetUtcNow()));
        if (saved is null) return;
        await venueModal.Close();
        await Toast.Success("保存成功", saved.Name);
        await SelectAsync(unitId);
    }

    private async Task DeactivateVenueAsync(VenueDto v)
    {
        var confirmed = await Swal.ShowModal(new SwalOption { Category = SwalCategory.Warning, Title = $"确定停用阵地“{v.Name}”吗？", Content = "停用后不再用于活动排期，记录保留。" });
        if (!confirmed) return;
        if (await Run(db => VenueHandlers.DeactivateAsync(db, v.Id, Clock.GetUtcNow()), toast: true) is null) return;
        await Toast.Success("已停用", v.Name);
        await SelectAsync(selected!.Id);
    }

    /// <summary>Reloads one loaded node's children so the tree shows the change without losing its open branches.</summary>
    private async Task RefreshNodeAsync(Guid? parentId)
    {
        if (parentId is not { } id || !loaded.TryGetValue(id, out var node)) return;
        node.Items = await ChildrenOfAsync(id);
        node.HasChildren = node.Items.Count > 0;
        node.IsExpand = true;
        if (searchResults is not null) await SearchAsync();
        StateHasChanged();
    }

    private async Task<T> Query<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        return await work(db);
    }

    private Task<T?> Run<T>(Func<AppDbContext, Task<T>> work, bool toast = false) where T : class => AttemptAsync(() => Query(work), toast);
}
