using System.ComponentModel.DataAnnotations;
using BootstrapBlazor.Components;
using CivicPractice.Domain.Organization;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Components;
using CivicPractice.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Features.Volunteers.Admin;

/// <summary>The volunteer register of the admin's subtree: search, filter, review, reveal (audited), add.</summary>
public partial class VolunteersPage : AdminPageBase
{
    private static readonly int[] pageSizes = [20, 50, 100];

    [Inject] private DownloadService Download { get; set; } = default!;
    private const long MaxImportBytes = 20 * 1024 * 1024;
    private Modal importModal = default!;
    private bool importing;
    private int importDone;
    private int importTotal;
    private ImportResult? importResult;

    private Table<VolunteerRow> table = default!;
    private Modal detailModal = default!;
    private Modal rejectModal = default!;
    private Modal createModal = default!;
    private string? search;
    private string? status = "";
    private string? political = "";
    private string? tag = "";
    private string? skill = "";
    private List<SelectedItem> skillItems = [new("", "全部")];
    private string? unit = "";
    private List<SelectedItem> tagItems = [new("", "全部")];
    private List<SelectedItem> unitItems = [new("", "全部")];
    private List<SelectedItem> stationItems = [];
    private VolunteerDetail? detail;
    private string? revealedId;
    private string? revealedPhone;
    private VolunteerRow? rejecting;
    private RejectRequest reject = new();
    private CreateInput create = new();

    private static readonly List<SelectedItem> statusItems =
        [new("", "全部"), .. Enum.GetValues<VolunteerStatus>().Select(s => new SelectedItem(s.ToString(), VolunteerLabels.Of(s)))];
    private static readonly List<SelectedItem> politicalItems =
        [new("", "全部"), .. Enum.GetValues<PoliticalStatus>().Select(s => new SelectedItem(s.ToString(), VolunteerLabels.Of(s)))];
    private static readonly List<SelectedItem> politicalChoices =
        [.. Enum.GetValues<PoliticalStatus>().Select(s => new SelectedItem(s.ToString(), VolunteerLabels.Of(s)))];

    private static VolunteerRow EmptyRow() => new(Guid.Empty, null, "", null, null, "", "", PoliticalStatus.Masses, Guid.Empty, "", VolunteerStatus.Pending, [], default);

    protected override async Task OnPageInitializedAsync()
    {
        var units = await InScopeAsync(sp => sp.GetRequiredService<Data.AppDbContext>().OrgUnits
            .Where(u => u.IsActive && (u.Type == OrgUnitType.Institute || u.Type == OrgUnitType.Station || u.Type == OrgUnitType.Base))
            .OrderBy(u => u.Type).ThenBy(u => u.Path)
            .Select(u => new { u.Id, u.Name, u.Type }).ToListAsync());
        unitItems = [new("", "全部"), .. units.Select(u => new SelectedItem(u.Id.ToString(), u.Name))];
        stationItems = [.. units.Where(u => Volunteer.CanBelongTo(u.Type)).Select(u => new SelectedItem(u.Id.ToString(), u.Name) { GroupName = OrgUnitLabels.Of(u.Type) })];
        var options = stationItems.Count == 0 ? null
            : await InScopeAsync(sp => sp.GetRequiredService<VolunteerService>().OptionsForStationAsync(Guid.Parse(stationItems[0].Value)));
        if (options is not null)
        {
            tagItems = [new("", "全部"), .. options.Tags.Select(t => new SelectedItem(t, t))];
            skillItems = [new("", "全部"), .. options.Skills.Select(t => new SelectedItem(t, t))];
        }
    }

    /// <summary>The pager's text: "1 - 20 共 1,552 条", or past the count cap "1 - 20 共 10,000+ 条".</summary>
    private string pageInfo = "";

    private Task<QueryData<VolunteerRow>> QueryAsync(QueryPageOptions options) => InScopeAsync(async sp =>
    {
        var page = await sp.GetRequiredService<VolunteerService>().ListAsync(Query() with { Page = options.PageIndex, PageSize = options.PageItems });
        var first = page.Items.Count == 0 ? 0 : (page.Page - 1) * page.PageSize + 1;
        pageInfo = $"{first:N0} - {first + Math.Max(0, page.Items.Count - 1):N0} 共 {page.Total:N0}{(page.TotalCapped ? "+" : "")} 条";
        return new QueryData<VolunteerRow> { Items = page.Items, TotalCount = page.Total, IsSearch = true, IsFiltered = true, IsSorted = true };
    });

    private VolunteerQuery Query() => new(
        search,
        Enum.TryParse<VolunteerStatus>(status, out var s) ? s : null,
        Enum.TryParse<PoliticalStatus>(political, out var p) ? p : null,
        string.IsNullOrEmpty(skill) ? null : skill,
        string.IsNullOrEmpty(tag) ? null : tag,
        Guid.TryParse(unit, out var u) ? u : null);

    private Task ReloadAsync() => table.QueryAsync();

    private async Task OpenDetailAsync(VolunteerRow row)
    {
        revealedId = null;
        revealedPhone = null;
        detail = await Run(sp => sp.GetRequiredService<VolunteerService>().GetAsync(row.Id), toast: true);
        if (detail is not null) await detailModal.Show();
    }

    private async Task RevealAsync(PiiField field)
    {
        var value = await Run(sp => sp.GetRequiredService<VolunteerService>().RevealAsync(detail!.Summary.Id, field), toast: true);
        if (field == PiiField.IdNumber) revealedId = value;
        else revealedPhone = value;
    }

    private async Task ApproveAsync(VolunteerRow row)
    {
        var approved = await Run(sp => sp.GetRequiredService<VolunteerService>().ApproveAsync(row.Id), toast: true);
        if (approved is null) return;
        await Toast.Success("审核通过", $"{approved.Summary.Name} 的志愿者编号为 {approved.Summary.Number}。");
        await ReloadAsync();
    }

    private async Task OpenRejectAsync(VolunteerRow row)
    {
        rejecting = row;
        reject = new RejectRequest();
        FormError = null;
        await rejectModal.Show();
    }

    private async Task RejectAsync(Microsoft.AspNetCore.Components.Forms.EditContext _)
    {
        if (await Run(sp => sp.GetRequiredService<VolunteerService>().RejectAsync(rejecting!.Id, reject.Reason!)) is null) return;
        await rejectModal.Close();
        await Toast.Success("已驳回", rejecting!.Name);
        await ReloadAsync();
    }

    private async Task OpenCreateAsync()
    {
        create = new CreateInput();
        FormError = null;
        await createModal.Show();
    }

    private async Task CreateAsync(Microsoft.AspNetCore.Components.Forms.EditContext _)
    {
        var request = new AdminRegistrationRequest
        {
            Name = create.Name, IdNumber = create.IdNumber?.Trim(), Phone = create.Phone, Consent = create.Consent,
            PoliticalStatus = Enum.TryParse<PoliticalStatus>(create.Political, out var p) ? p : null,
            UnitId = Guid.TryParse(create.Station, out var st) ? st : null,
        };
        var errors = Infrastructure.ValidationFilter<AdminRegistrationRequest>.Validate(request);
        if (errors.Count > 0)
        {
            FormError = errors.First().Value[0];
            return;
        }
        var created = await Run(sp => sp.GetRequiredService<VolunteerService>().RegisterByAdminAsync(request));
        if (created is null) return;
        await createModal.Close();
        await Toast.Success("已登记", $"{created.Summary.Name}（{created.Summary.StatusName}）");
        await ReloadAsync();
    }

    private async Task OpenImportAsync()
    {
        importResult = null;
        importDone = importTotal = 0;
        FormError = null;
        await importModal.Show();
    }

    private async Task DownloadTemplateAsync()
    {
        var bytes = await InScopeAsync(sp => sp.GetRequiredService<VolunteerImporter>().TemplateAsync());
        await Download.DownloadFromStreamAsync("志愿者导入模板.xlsx", new MemoryStream(bytes));
    }

    private async Task ImportAsync(Microsoft.AspNetCore.Components.Forms.InputFileChangeEventArgs e)
    {
        FormError = null;
        importResult = null;
        if (e.File.Size > MaxImportBytes)
        {
            FormError = "文件超过 20 MB，请分批导入。";
            return;
        }
        importing = true;
        importDone = 0;
        importTotal = 1;
        StateHasChanged();
        try
        {
            using var buffer = new MemoryStream();
            await using (var upload = e.File.OpenReadStream(MaxImportBytes)) await upload.CopyToAsync(buffer);
            buffer.Position = 0;
            var progress = new Progress<ImportProgress>(p =>
            {
                importDone = p.Done;
                importTotal = p.Total;
                _ = InvokeAsync(StateHasChanged);
            });
            importResult = await AttemptAsync(() => InScopeAsync(sp => sp.GetRequiredService<VolunteerImporter>().ImportAsync(buffer, Scope.UserName ?? "管理员", progress)));
            if (importResult is not null) await ReloadAsync();
        }
        finally
        {
            importing = false;
        }
    }

    private async Task ExportAsync()
    {
        await using var file = await InScopeAsync(sp => sp.GetRequiredService<VolunteerService>().ExportListAsync(Query()));
        await Download.DownloadFromStreamAsync($"志愿者名册-{DateTime.UtcNow.AddHours(8):yyyyMMdd}.xlsx", file);
    }

    private Task<T?> Run<T>(Func<IServiceProvider, Task<T>> work, bool toast = false) where T : class => AttemptAsync(() => InScopeAsync(work), toast);

    private static string Time(DateTimeOffset at) => ChinaTime.Format(at);

    private static string SourceName(RegistrationSource s) => s switch
    {
        RegistrationSource.SelfService => "本人在线注册",
        RegistrationSource.Admin => "管理员录入",
        RegistrationSource.Import => "表格导入",
        _ => s.ToString(),
    };

    private sealed class CreateInput
    {
        [Required(ErrorMessage = "请填写姓名。")]
        [Display(Name = "姓名")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "请填写身份证号码。")]
        [Display(Name = "身份证号码")]
        public string? IdNumber { get; set; }

        [Required(ErrorMessage = "请填写手机号。")]
        [Display(Name = "手机号")]
        public string? Phone { get; set; }

        [Required(ErrorMessage = "请选择政治面貌。")]
        [Display(Name = "政治面貌")]
        public string? Political { get; set; }

        [Required(ErrorMessage = "请选择所属实践站或实践基地。")]
        [Display(Name = "所属单位")]
        public string? Station { get; set; }

        public bool Consent { get; set; }
    }
}
