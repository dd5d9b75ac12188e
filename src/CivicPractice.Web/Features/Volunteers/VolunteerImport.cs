using System.Globalization;
using CivicPractice.Domain.Common;
using CivicPractice.Domain.Identity;
using CivicPractice.Domain.Organization;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Data;
using CivicPractice.Web.Infrastructure;
using MiniExcelLibs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CivicPractice.Web.Features.Volunteers;

public sealed record ImportRowError(int Row, string Name, string Reason);

/// <summary>
/// The outcome of one file. <see cref="Errors"/> holds the first rejected rows only (at most
/// <see cref="VolunteerImportOptions.MaxErrorsShown"/>); <see cref="ErrorCount"/> counts them all, and the full list is an
/// Excel report at <see cref="ReportUrl"/>, which only the person who imported may download.
/// </summary>
public sealed record ImportResult(int Total, int Imported, int Skipped, int ErrorCount, IReadOnlyList<ImportRowError> Errors, Guid? ReportId)
{
    public string Summary => $"共 {Total} 行：导入 {Imported} 人，已登记跳过 {Skipped} 人，有误 {ErrorCount} 行。";

    public string? ReportUrl => ReportId is { } id ? VolunteerImporter.ReportUrl(id) : null;
}

/// <summary>Limits of one import (<c>Civic:Import</c>): they bound the work, the memory and the answer a single file can cost.</summary>
public sealed class VolunteerImportOptions
{
    /// <summary>Data rows in one file, blank ones included (the header row does not count).</summary>
    public int MaxRows { get; set; } = 50_000;

    /// <summary>Rejected rows listed in the answer; the downloadable report holds all of them.</summary>
    public int MaxErrorsShown { get; set; } = 200;
}

public sealed record ImportProgress(int Done, int Total);

/// <summary>
/// Bulk registration from the county's Excel template. Every row is checked (ID number rules, phone, political
/// status, a station or base inside the importer's subtree, duplicates in the file and in the county); good rows are
/// registered and approved in batches (the importing admin vouches for them), bad rows are reported with their
/// row number and reason. A person already registered is skipped, so running the same file twice adds nobody.
/// </summary>
public sealed partial class VolunteerImporter(AppDbContext db, PiiProtector pii, TimeProvider clock, IFileStore files, IOptions<VolunteerImportOptions> options)
{
    /// <summary>Error reports live under the importer's own folder, so a report id is of no use to anyone else.</summary>
    private const string ReportFolder = "import-reports";
    /// <summary>The template has 9 columns; a sheet claiming thousands would make every row a large dictionary.</summary>
    private const int MaxColumns = 64;
    /// <summary>Unpacked XML of all sheets and shared strings; 50 000 filled template rows take about 30 MB.</summary>
    private const long MaxUnpackedBytes = 256L * 1024 * 1024;
    private static readonly TimeSpan ReportLifetime = TimeSpan.FromDays(1);

    public static readonly string[] Headers = ["姓名", "身份证号码", "手机号", "政治面貌", UnitHeader, "服务意向", "专业技能", "人员标签", "可服务时间"];
    /// <summary>The station or base column; templates handed out before bases took volunteers call it <see cref="LegacyUnitHeader"/>.</summary>
    private const string UnitHeader = "所属单位";
    private const string LegacyUnitHeader = "所属实践站";
    private const int BatchSize = 1000;
    private static readonly char[] ListSeparators = ['、', ',', '，', ';', '；', '|', ' '];

    /// <summary>
    /// The example row of the template: the standard's own example number (GB 11643). A row carrying it is never
    /// imported, so a template sent back with the example still in it adds nobody.
    /// </summary>
    public const string ExampleIdNumber = "11010519491231002X";
    private const string ListsSheet = "选项";
    private static readonly string[] PoliticalNames = ["中共党员", "中共预备党员", "共青团员", "民主党派", "无党派人士", "群众"];

    /// <summary>
    /// The template: the header row and one example row (never imported); the ID and phone columns formatted as text, so
    /// Excel keeps all 18 digits as typed; drop-downs for political status, unit and the county's option lists, whose
    /// choices stand on the sheet “选项”; the stations and bases the admin may use; and the instructions.
    /// </summary>
    public async Task<byte[]> TemplateAsync(CancellationToken ct = default)
    {
        var countyId = db.Scope.CountyId ?? throw new NotFoundException("县（区）");
        var stations = await db.OrgUnits.AsNoTracking().Where(u => u.IsActive && (u.Type == OrgUnitType.Station || u.Type == OrgUnitType.Base))
            .OrderBy(u => u.Type).ThenBy(u => u.Path).Select(u => new { u.Name, u.Code, u.Type }).ToListAsync(ct);
        var rules = await VolunteerOptionRules.LoadAsync(db, countyId, ct);
        var duplicated = stations.GroupBy(s => s.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        // A unit's choice is its name, or “name（code）” where two units share the name; the import reads all three forms.
        var stationChoices = stations.Select(s => duplicated.Contains(s.Name) ? $"{s.Name}（{s.Code}）" : s.Name).ToList();
        string[] Options(VolunteerOptionKind kind) => [.. rules.Names(kind)];
        var lists = new (string Header, IReadOnlyList<string> Values)[]
        {
            ("政治面貌", PoliticalNames), (UnitHeader, stationChoices), ("服务意向", Options(VolunteerOptionKind.Interest)),
            ("专业技能", Options(VolunteerOptionKind.Skill)), ("人员标签", Options(VolunteerOptionKind.Tag)), ("可服务时间", Options(VolunteerOptionKind.Availability)),
        };
        string Pick(VolunteerOptionKind kind, int skip) => Options(kind).Skip(skip).FirstOrDefault() ?? "";
        var example = new Dictionary<string, object?>
        {
            ["姓名"] = "张三（示例）", ["身份证号码"] = ExampleIdNumber, ["手机号"] = "13800138000", ["政治面貌"] = "中共党员",
            [UnitHeader] = stationChoices.FirstOrDefault() ?? "", ["服务意向"] = string.Join("、", Options(VolunteerOptionKind.Interest).Take(2)),
            ["专业技能"] = Pick(VolunteerOptionKind.Skill, 0), ["人员标签"] = Pick(VolunteerOptionKind.Tag, 0), ["可服务时间"] = Pick(VolunteerOptionKind.Availability, 0),
        };
        var longest = lists.Max(l => l.Values.Count);
        var sheets = new Dictionary<string, object>
        {
            ["志愿者"] = new[] { example },
            [ListsSheet] = Enumerable.Range(0, longest).Select(i => lists.ToDictionary(l => l.Header, l => (object?)l.Values.ElementAtOrDefault(i))).ToList(),
            ["单位列表"] = stations.Select(s => new Dictionary<string, object?> { ["单位名称"] = s.Name, ["单位编码"] = s.Code, ["类型"] = OrgUnitLabels.Of(s.Type) }).ToList(),
            ["填写说明"] = new[]
            {
                new Dictionary<string, object?> { ["说明"] = "每行一名志愿者；第二行是示例（身份证号码为国家标准中的示例号码），导入时自动忽略，可以保留或删除。" },
                new Dictionary<string, object?> { ["说明"] = "身份证号码、手机号两列已设为文本格式，请直接输入完整号码；从别处粘贴时请用“选择性粘贴—值”，以免号码变成科学计数法。" },
                new Dictionary<string, object?> { ["说明"] = "政治面貌、所属单位请从下拉列表中选择；所属单位是志愿者居住地的实践站（村/社区），或工作单位的实践基地（机关、企业、学校等），也可填写“单位列表”中的编码。" },
                new Dictionary<string, object?> { ["说明"] = "服务意向、专业技能、人员标签、可服务时间可从下拉列表选择，多项用顿号“、”分隔，只能填写“选项”表中列出的内容。" },
                new Dictionary<string, object?> { ["说明"] = "导入即视为申请人已线下签署《志愿者个人信息处理规则》纸质同意书。" },
            },
        };
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheets, cancellationToken: ct);
        var validations = new List<ListValidation>();
        for (var i = 0; i < lists.Length; i++)
        {
            if (lists[i].Values.Count == 0) continue;
            var column = XlsxSheetFormat.ColumnName(i + 1);
            var strict = i < 2;
            validations.Add(new ListValidation(Array.IndexOf(Headers, lists[i].Header) + 1, $"'{ListsSheet}'!${column}$2:${column}${lists[i].Values.Count + 1}", strict,
                strict ? "请从下拉列表中选择。" : "可从下拉列表选择一项；填写多项时用顿号“、”分隔。"));
        }
        return XlsxSheetFormat.Apply(stream.ToArray(), "志愿者", TextColumns, validations, options.Value.MaxRows + 1);
    }

    /// <summary>身份证号码 and 手机号 (1-based): long digit strings Excel would otherwise turn into numbers.</summary>
    private static readonly int[] TextColumns = [Array.IndexOf(Headers, "身份证号码") + 1, Array.IndexOf(Headers, "手机号") + 1];

    public async Task<ImportResult> ImportAsync(Stream file, string importerName, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var limits = options.Value;
        if (!file.CanSeek)
        {
            var copy = new MemoryStream();
            await file.CopyToAsync(copy, ct);
            file = copy;
        }
        // The package is measured before MiniExcel reads it: an oversized file is refused before any work is done for
        // it, in time and memory bounded by the caps rather than by what the file claims.
        XlsxShape.Size size;
        var start = file.Position;
        try
        {
            size = XlsxShape.Measure(file, limits.MaxRows + 1, MaxColumns, MaxUnpackedBytes);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Unreadable();
        }
        file.Position = start;
        // Rare: a program wrote an ID number as a number with all its digits. Those cells become text, before the reader
        // turns them into doubles that keep 15 of the 18 digits.
        if (!size.TooLarge && size.Rows <= limits.MaxRows + 1 && size.LongDigits) file = XlsxShape.LongDigitsAsText(file);
        if (size.Rows > limits.MaxRows + 1)
        {
            throw new Domain.Common.DomainException($"文件超过 {limits.MaxRows} 行（不含表头，空行也计入），超出单次导入的上限，请拆分为多个文件后分批导入。");
        }
        if (size.TooLarge) throw new Domain.Common.DomainException("文件的列数或内容超出导入模板的范围，请使用本页提供的模板，或拆分为多个文件后分批导入。");
        var rowCount = Math.Max(size.Rows - 1, 0);

        var countyId = db.Scope.CountyId ?? throw new NotFoundException("县（区）");
        var stations = await db.OrgUnits.AsNoTracking().Where(u => u.IsActive && (u.Type == OrgUnitType.Station || u.Type == OrgUnitType.Base)).ToListAsync(ct);
        var byCode = stations.GroupBy(s => s.Code, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var byName = stations.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.ToList());
        var optionRules = await VolunteerOptionRules.LoadAsync(db, countyId, ct);
        var squadrons = await Teams.TierTeams.OfMemberUnitsAsync(db, [.. stations.Select(s => s.Id)], ct);
        var countyCode = await db.Counties.Where(c => c.Id == countyId).Select(c => c.Code).FirstAsync(ct);
        var known = await ExistingIndexesAsync(countyId, ct);
        var seenInFile = new Dictionary<string, int>();
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow();
        var consent = await VolunteerConsent.StoredAsync(db, VolunteerConsent.AdminEntered(importerName) + "（表格导入）", ct);
        var errors = new List<RejectedRow>();
        var batch = new List<Volunteer>();
        var enlisted = new List<Domain.Teams.TeamMember>();
        int imported = 0, skipped = 0;
        var nextNumber = await LastNumberAsync(countyId, countyCode, ct);
        // All or nothing: a registration or approval racing the import cannot leave half a file behind.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // One audit line for the file (below), not a before/after line per volunteer and team membership.
        using var summaryAudit = db.SummaryAuditOnly();

        var i = -1;
        foreach (var row in ReadRows(file, ct))
        {
            if (!row.ContainsKey(UnitHeader) && row.TryGetValue(LegacyUnitHeader, out var legacy)) row[UnitHeader] = legacy;
            if (++i == 0 && !Headers.Take(5).All(row.ContainsKey))
            {
                throw new Domain.Common.DomainException("表头与模板不一致，请下载最新模板后重新填写。须包含：" + string.Join("、", Headers.Take(5)) + "。");
            }
            var rowNumber = i + 2; // the header is row 1
            var name = Text(row, "姓名");
            if (name.Length == 0 && Headers.All(h => Text(row, h).Length == 0)) continue; // blank line
            var idText = Text(row, "身份证号码");
            if (string.Equals(idText, ExampleIdNumber, StringComparison.OrdinalIgnoreCase)) continue; // the template's example
            string? Reject(string reason)
            {
                errors.Add(new RejectedRow(new ImportRowError(rowNumber, name, reason), [.. Headers.Select(h => Text(row, h))]));
                return null;
            }
            if (Array.Find(Headers, h => !TextRules.IsAllowed(Text(row, h))) is { } dirty) { Reject(TextRules.Refused(dirty)); continue; }
            if (name.Length is < 2 or > 30) { Reject("姓名应为 2 到 30 个字。"); continue; }
            if (row.TryGetValue("身份证号码", out var idCell) && idCell is double number && Math.Abs(number) >= 1e15)
            {
                Reject("身份证号码被 Excel 存成了数字，只保留了前 15 位，后几位已丢失。请把该列设为“文本”格式（本页模板已设好）后重新填写完整号码。");
                continue;
            }
            if (!ChineseIdNumber.TryParse(idText, today, out var id, out var idError)) { Reject(idError); continue; }
            var phone = MobileNumber.Normalize(Text(row, "手机号"));
            if (!MobileNumber.IsValid(phone)) { Reject(MobileNumber.Invalid); continue; }
            if (ParsePolitical(Text(row, "政治面貌")) is not { } political) { Reject("政治面貌无效，应为：中共党员、中共预备党员、共青团员、民主党派、无党派人士、群众。"); continue; }
            var stationKey = Text(row, UnitHeader);
            OrgUnit? station = byCode.GetValueOrDefault(stationKey);
            // “name（code）”, as the template's drop-down offers units that share a name.
            if (station is null && StationChoice().Match(stationKey) is { Success: true } choice
                && byCode.GetValueOrDefault(choice.Groups["code"].Value) is { } coded && coded.Name == choice.Groups["name"].Value.Trim())
            {
                station = coded;
            }
            if (station is null && byName.TryGetValue(stationKey, out var named))
            {
                if (named.Count > 1) { Reject($"单位名称“{stationKey}”有重名，请填写单位编码。"); continue; }
                station = named[0];
            }
            if (station is null) { Reject(stationKey.Length == 0 ? "请填写所属单位（实践站或实践基地）。" : $"找不到实践站或实践基地“{stationKey}”，或不在您的管理范围内。"); continue; }

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
            if (optionRules.Refusal(profile) is { } notAnOption) { Reject(notAnOption); continue; }
            var volunteer = Volunteer.Register(station, profile, pii.Protect(id!, phone), consent, RegistrationSource.Import, now);
            volunteer.Approve(countyCode + (++nextNumber).ToString("D7", CultureInfo.InvariantCulture), db.Scope.UserId ?? Guid.Empty, now);
            batch.Add(volunteer);
            // Approved, so a member of the station's 中队 (or the base's team) like every approved volunteer.
            if (squadrons.TryGetValue(station.Id, out var squadron)) enlisted.Add(Domain.Teams.TeamMember.Enlist(squadron, volunteer.Id, now));
            if (batch.Count >= BatchSize)
            {
                imported += await FlushAsync(batch, enlisted, ct);
                progress?.Report(new ImportProgress(i + 1, rowCount));
            }
        }
        imported += await FlushAsync(batch, enlisted, ct);
        // The report is written before the commit: an import whose report could not be kept does not happen either.
        var reportId = errors.Count == 0 ? (Guid?)null : await SaveReportAsync(errors, ct);
        var result = new ImportResult(imported + skipped + errors.Count, imported, skipped, errors.Count, [.. errors.Take(limits.MaxErrorsShown).Select(e => e.Error)], reportId);
        db.AuditEntries.Add(new Audit.AuditEntry
        {
            CountyId = countyId, At = clock.GetUtcNow(), UserId = db.Scope.UserId, UserName = db.Scope.UserName, IpAddress = db.Scope.IpAddress,
            Action = Audit.AuditActions.Import, EntityType = nameof(Volunteer), Summary = "导入志愿者名单，" + result.Summary,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        progress?.Report(new ImportProgress(rowCount, rowCount));
        return result;
    }

    public static string ReportUrl(Guid reportId) => $"/api/v1/volunteers/import/reports/{reportId}";

    /// <summary>
    /// The full error report of an import by the current person; null for anyone else. Reports are kept a day: each new
    /// report of the same person removes their older ones. A report repeats ID and phone numbers, so it is stored
    /// encrypted with the personal-data key, like those numbers in the database.
    /// </summary>
    public async Task<byte[]?> ReportAsync(Guid reportId, CancellationToken ct = default)
    {
        if (db.Scope.UserId is not { } user) return null;
        var sealedReport = await files.ReadAsync($"{ReportFolder}/{user:N}/{reportId:N}{ReportExtension}", ct);
        return sealedReport is null ? null : Convert.FromBase64String(pii.Decrypt(System.Text.Encoding.ASCII.GetString(sealedReport)));
    }

    private const string ReportExtension = ".xlsx.sealed";

    private async Task<Guid> SaveReportAsync(IReadOnlyList<RejectedRow> errors, CancellationToken ct)
    {
        var folder = $"{ReportFolder}/{db.Scope.UserId ?? Guid.Empty:N}";
        await files.DeleteOlderThanAsync(folder, clock.GetUtcNow() - ReportLifetime, ct);
        var id = Guid.CreateVersion7();
        var report = pii.Encrypt(Convert.ToBase64String(await ErrorReportAsync(errors, ct)));
        await files.SaveAsync($"{folder}/{id:N}{ReportExtension}", System.Text.Encoding.ASCII.GetBytes(report), ct);
        return id;
    }

    /// <summary>A rejected row: the answer's line, and the row's cells as read, for the report.</summary>
    private sealed record RejectedRow(ImportRowError Error, string[] Values);

    /// <summary>
    /// The rejected rows as a sheet the clerk corrects and imports again as it is: every template column as it was
    /// filled in (ID and phone formatted as text), then 错误原因 and the original 行号, which the import ignores.
    /// </summary>
    private static async Task<byte[]> ErrorReportAsync(IEnumerable<RejectedRow> errors, CancellationToken ct = default)
    {
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(errors.Select(e =>
        {
            var line = new Dictionary<string, object?>();
            for (var i = 0; i < Headers.Length; i++) line[Headers[i]] = e.Values[i];
            line["错误原因"] = e.Error.Reason;
            line["原行号"] = e.Error.Row;
            return line;
        }), sheetName: "错误报告", cancellationToken: ct);
        return XlsxSheetFormat.Apply(stream.ToArray(), "错误报告", TextColumns, [], 0);
    }

    /// <summary>
    /// The sheet's rows one at a time as MiniExcel reads them from the package; whatever a broken or foreign file makes
    /// the reader throw, the person gets one plain answer.
    /// </summary>
    private static IEnumerable<IDictionary<string, object?>> ReadRows(Stream file, CancellationToken ct)
    {
        IEnumerator<object> rows;
        try
        {
            rows = file.Query(useHeaderRow: true).GetEnumerator();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Unreadable();
        }
        using (rows)
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                bool more;
                try
                {
                    more = rows.MoveNext();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    throw Unreadable();
                }
                if (!more) yield break;
                yield return (IDictionary<string, object?>)rows.Current;
            }
        }
    }

    private static Domain.Common.DomainException Unreadable() => new("无法读取该文件，请使用本页提供的 Excel 模板（.xlsx）。");

    /// <summary>The filtered list as staff see it (personal fields masked), written row by row as the rows arrive.</summary>
    public static async Task ExportAsync(IAsyncEnumerable<VolunteerRow> rows, Stream target, CancellationToken ct = default)
    {
        await target.SaveAsAsync(Lines(rows, ct), sheetName: "志愿者", cancellationToken: ct);

        static async IAsyncEnumerable<Dictionary<string, object?>> Lines(IAsyncEnumerable<VolunteerRow> rows, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
        {
            await foreach (var r in rows.WithCancellation(ct))
            {
                yield return new Dictionary<string, object?>
                {
                    ["志愿者编号"] = r.Number, ["姓名"] = r.Name, ["性别"] = r.GenderName,
                    ["年龄"] = r.Age,
                    ["手机号"] = r.PhoneMasked, ["身份证号码"] = r.IdMasked, ["政治面貌"] = r.PoliticalStatusName, [UnitHeader] = r.UnitName,
                    ["人员标签"] = string.Join("、", r.Tags), ["状态"] = r.StatusName,
                    ["注册时间"] = ChinaTime.Format(r.CreatedAt),
                };
            }
        }
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

    /// <summary>A cell as text; a whole number as its digits (a phone typed into a General cell arrives as a double).</summary>
    private static string Text(IDictionary<string, object?> row, string header) => row.TryGetValue(header, out var value)
        ? TextRules.Normalize(value is double d && d == Math.Floor(d) && Math.Abs(d) < 1e15
            ? d.ToString("0", CultureInfo.InvariantCulture)
            : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")
        : "";

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<name>.+)[（(](?<code>[0-9A-Za-z]+)[）)]$")]
    private static partial System.Text.RegularExpressions.Regex StationChoice();

    private static List<string> List(IDictionary<string, object?> row, string header) =>
        [.. Text(row, header).Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
