using System.Globalization;
using CivicPractice.Domain.Identity;
using CivicPractice.Domain.Organization;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Data;
using CivicPractice.Web.Infrastructure;
using MiniExcelLibs;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Features.Volunteers;

public sealed record ImportRowError(int Row, string Name, string Reason);

public sealed record ImportResult(int Total, int Imported, int Skipped, IReadOnlyList<ImportRowError> Errors)
{
    public string Summary => $"共 {Total} 行：导入 {Imported} 人，已登记跳过 {Skipped} 人，有误 {Errors.Count} 行。";
}

public sealed record ImportProgress(int Done, int Total);

/// <summary>
/// Bulk registration from the county's Excel template. Every row is checked (ID number rules, phone, political
/// status, a station inside the importer's subtree, duplicates in the file and in the county); good rows are
/// registered and approved in batches (the importing admin vouches for them), bad rows are reported with their
/// row number and reason. A person already registered is skipped, so running the same file twice adds nobody.
/// </summary>
public sealed class VolunteerImporter(AppDbContext db, PiiProtector pii, TimeProvider clock)
{
    public static readonly string[] Headers = ["姓名", "身份证号码", "手机号", "政治面貌", "所属实践站", "服务意向", "专业技能", "人员标签", "可服务时间"];
    private const int BatchSize = 1000;
    private static readonly char[] ListSeparators = ['、', ',', '，', ';', '；', '|', ' '];

    /// <summary>The template: the header row, one example row, and a second sheet listing the stations the admin may use.</summary>
    public async Task<byte[]> TemplateAsync(CancellationToken ct = default)
    {
        var stations = await db.OrgUnits.AsNoTracking().Where(u => u.IsActive && u.Type == OrgUnitType.Station).OrderBy(u => u.Path)
            .Select(u => new { u.Name, u.Code }).ToListAsync(ct);
        var example = new Dictionary<string, object?>
        {
            ["姓名"] = "张三", ["身份证号码"] = "11010519491231002X", ["手机号"] = "13800138000", ["政治面貌"] = "中共党员",
            ["所属实践站"] = stations.FirstOrDefault()?.Code ?? "", ["服务意向"] = "敬老爱老、文明倡导", ["专业技能"] = "医疗护理",
            ["人员标签"] = "在职党员", ["可服务时间"] = "周末",
        };
        var sheets = new Dictionary<string, object>
        {
            ["志愿者"] = new[] { example },
            ["实践站列表"] = stations.Select(s => new Dictionary<string, object?> { ["实践站名称"] = s.Name, ["实践站编码"] = s.Code }).ToList(),
            ["填写说明"] = new[]
            {
                new Dictionary<string, object?> { ["说明"] = "每行一名志愿者；第一行为示例，导入前请删除。" },
                new Dictionary<string, object?> { ["说明"] = "所属实践站填写“实践站列表”中的编码或名称；名称重复时请填写编码。" },
                new Dictionary<string, object?> { ["说明"] = "政治面貌：中共党员、中共预备党员、共青团员、民主党派、无党派人士、群众。" },
                new Dictionary<string, object?> { ["说明"] = "服务意向、专业技能、人员标签、可服务时间可填多项，用顿号“、”分隔。" },
                new Dictionary<string, object?> { ["说明"] = "导入即视为申请人已线下签署《志愿者个人信息处理规则》纸质同意书。" },
            },
        };
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheets, cancellationToken: ct);
        return stream.ToArray();
    }

    public async Task<ImportResult> ImportAsync(Stream file, string importerName, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        List<IDictionary<string, object?>> rows;
        try
        {
            rows = [.. (await file.QueryAsync(useHeaderRow: true, cancellationToken: ct)).Cast<IDictionary<string, object?>>()];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever a broken or foreign file makes the reader throw, the person gets one plain answer.
            throw new Domain.Common.DomainException("无法读取该文件，请使用本页提供的 Excel 模板（.xlsx）。");
        }
        if (rows.Count > 0 && !Headers.Take(5).All(h => rows[0].ContainsKey(h)))
        {
            throw new Domain.Common.DomainException("表头与模板不一致，请下载最新模板后重新填写。须包含：" + string.Join("、", Headers.Take(5)) + "。");
        }

        var countyId = db.Scope.CountyId ?? throw new NotFoundException("县（区）");
        var stations = await db.OrgUnits.AsNoTracking().Where(u => u.IsActive && u.Type == OrgUnitType.Station).ToListAsync(ct);
        var byCode = stations.GroupBy(s => s.Code, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var byName = stations.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.ToList());
        var squadrons = await Teams.TierTeams.OfStationsAsync(db, [.. stations.Select(s => s.Id)], ct);
        var countyCode = await db.Counties.Where(c => c.Id == countyId).Select(c => c.Code).FirstAsync(ct);
        var known = await ExistingIndexesAsync(countyId, ct);
        var seenInFile = new Dictionary<string, int>();
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow();
        var consent = VolunteerConsent.AdminEntered(importerName) + "（表格导入）";
        var errors = new List<ImportRowError>();
        var batch = new List<Volunteer>();
        var enlisted = new List<Domain.Teams.TeamMember>();
        int imported = 0, skipped = 0;
        var nextNumber = await LastNumberAsync(countyId, countyCode, ct);
        // All or nothing: a registration or approval racing the import cannot leave half a file behind.
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var rowNumber = i + 2; // the header is row 1
            var name = Text(row, "姓名");
            if (name.Length == 0 && Headers.All(h => Text(row, h).Length == 0)) continue; // blank line
            string? Reject(string reason)
            {
                errors.Add(new ImportRowError(rowNumber, name, reason));
                return null;
            }
            if (name.Length is < 2 or > 30) { Reject("姓名应为 2 到 30 个字。"); continue; }
            if (!ChineseIdNumber.TryParse(Text(row, "身份证号码"), today, out var id, out var idError)) { Reject(idError); continue; }
            var phone = MobileNumber.Normalize(Text(row, "手机号"));
            if (!MobileNumber.IsValid(phone)) { Reject(MobileNumber.Invalid); continue; }
            if (ParsePolitical(Text(row, "政治面貌")) is not { } political) { Reject("政治面貌无效，应为：中共党员、中共预备党员、共青团员、民主党派、无党派人士、群众。"); continue; }
            var stationKey = Text(row, "所属实践站");
            OrgUnit? station = byCode.GetValueOrDefault(stationKey);
            if (station is null && byName.TryGetValue(stationKey, out var named))
            {
                if (named.Count > 1) { Reject($"实践站名称“{stationKey}”有重名，请填写实践站编码。"); continue; }
                station = named[0];
            }
            if (station is null) { Reject(stationKey.Length == 0 ? "请填写所属实践站。" : $"找不到实践站“{stationKey}”，或不在您的管理范围内。"); continue; }

            var idIndex = pii.IdIndex(id!);
            var phoneIndex = pii.PhoneIndex(phone);
            if (seenInFile.TryGetValue(idIndex, out var firstRow)) { Reject($"与第 {firstRow} 行的身份证号码重复。"); continue; }
            if (seenInFile.TryGetValue(phoneIndex, out var phoneRow)) { Reject($"与第 {phoneRow} 行的手机号重复。"); continue; }
            seenInFile[idIndex] = rowNumber;
            seenInFile[phoneIndex] = rowNumber;
            if (known.Ids.Contains(idIndex))
            {
                skipped++;
                continue;
            }
            if (known.Phones.Contains(phoneIndex)) { Reject("该手机号已被本县其他志愿者使用。"); continue; }

            var profile = new VolunteerProfile(name, political, List(row, "专业技能"), List(row, "服务意向"), List(row, "人员标签"), List(row, "可服务时间"));
            var volunteer = Volunteer.Register(station, profile, pii.Protect(id!, phone), consent, RegistrationSource.Import, now);
            volunteer.Approve(countyCode + (++nextNumber).ToString("D7", CultureInfo.InvariantCulture), db.Scope.UserId ?? Guid.Empty, now);
            batch.Add(volunteer);
            // Approved, so a member of the station's 中队 like every approved volunteer.
            if (squadrons.TryGetValue(station.Id, out var squadron)) enlisted.Add(Domain.Teams.TeamMember.Enlist(squadron, volunteer.Id, now));
            if (batch.Count >= BatchSize)
            {
                imported += await FlushAsync(batch, enlisted, ct);
                progress?.Report(new ImportProgress(i + 1, rows.Count));
            }
        }
        imported += await FlushAsync(batch, enlisted, ct);
        await tx.CommitAsync(ct);
        progress?.Report(new ImportProgress(rows.Count, rows.Count));
        return new ImportResult(imported + skipped + errors.Count, imported, skipped, errors);
    }

    /// <summary>The rejected rows as a sheet staff can fix and import again.</summary>
    public static async Task<byte[]> ErrorReportAsync(ImportResult result, CancellationToken ct = default)
    {
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(result.Errors.Select(e => new Dictionary<string, object?> { ["行号"] = e.Row, ["姓名"] = e.Name, ["原因"] = e.Reason }).ToList(), cancellationToken: ct);
        return stream.ToArray();
    }

    /// <summary>The filtered list as staff see it: personal fields masked.</summary>
    public static async Task<byte[]> ExportAsync(IAsyncEnumerable<VolunteerRow> rows, CancellationToken ct = default)
    {
        var today = ChinaTime.Today(TimeProvider.System);
        var list = new List<Dictionary<string, object?>>();
        await foreach (var r in rows.WithCancellation(ct))
        {
            list.Add(new Dictionary<string, object?>
            {
                ["志愿者编号"] = r.Number, ["姓名"] = r.Name, ["性别"] = r.GenderName,
                ["年龄"] = r.BirthDate is { } b ? ChinaTime.Age(b, today) : null,
                ["手机号"] = r.PhoneMasked, ["身份证号码"] = r.IdMasked, ["政治面貌"] = r.PoliticalStatusName, ["所属实践站"] = r.StationName,
                ["人员标签"] = string.Join("、", r.Tags), ["状态"] = r.StatusName,
                ["注册时间"] = ChinaTime.Format(r.CreatedAt),
            });
        }
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(list, sheetName: "志愿者", cancellationToken: ct);
        return stream.ToArray();
    }

    private async Task<int> FlushAsync(List<Volunteer> batch, List<Domain.Teams.TeamMember> enlisted, CancellationToken ct)
    {
        if (batch.Count == 0) return 0;
        var count = batch.Count;
        db.Volunteers.AddRange(batch);
        db.TeamMembers.AddRange(enlisted);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new Domain.Common.DomainException("导入期间有人同时登记或审核了志愿者，本次导入未生效，请重新导入。", Domain.Common.DomainErrorKind.Conflict);
        }
        db.ChangeTracker.Clear();
        batch.Clear();
        enlisted.Clear();
        return count;
    }

    private async Task<(HashSet<string> Ids, HashSet<string> Phones)> ExistingIndexesAsync(Guid countyId, CancellationToken ct)
    {
        using var _ = db.Scope.AsSystem();
        var rows = await db.Volunteers.Where(v => v.CountyId == countyId && v.IdIndex != null).Select(v => new { v.IdIndex, v.PhoneIndex }).ToListAsync(ct);
        return ([.. rows.Select(r => r.IdIndex!)], [.. rows.Where(r => r.PhoneIndex != null).Select(r => r.PhoneIndex!)]);
    }

    private async Task<long> LastNumberAsync(Guid countyId, string countyCode, CancellationToken ct)
    {
        using var _ = db.Scope.AsSystem();
        var last = await db.Volunteers.Where(v => v.CountyId == countyId && v.Number != null).OrderByDescending(v => v.Number).Select(v => v.Number).FirstOrDefaultAsync(ct);
        return last is null ? 0 : long.Parse(last[countyCode.Length..], CultureInfo.InvariantCulture);
    }

    private static PoliticalStatus? ParsePolitical(string text) =>
        Enum.GetValues<PoliticalStatus>().Cast<PoliticalStatus?>().FirstOrDefault(p => VolunteerLabels.Of(p!.Value) == text
            || (text == "党员" && p == PoliticalStatus.PartyMember) || (text == "团员" && p == PoliticalStatus.LeagueMember));

    private static string Text(IDictionary<string, object?> row, string header) =>
        row.TryGetValue(header, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? "" : "";

    private static List<string> List(IDictionary<string, object?> row, string header) =>
        [.. Text(row, header).Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
