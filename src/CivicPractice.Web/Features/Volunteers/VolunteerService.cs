using System.Text.Json;
using CivicPractice.Domain.Common;
using CivicPractice.Domain.Identity;
using CivicPractice.Domain.Organization;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Data;
using CivicPractice.Web.Features.Audit;
using CivicPractice.Web.Features.Identity;
using CivicPractice.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Features.Volunteers;

/// <summary>
/// Real-name volunteer registration (portal, console, import), review, PIPL reveal/export/correct/withdraw.
/// Used by the API and the pages alike. Reads go through the scope filters; cross-scope uniqueness checks
/// deliberately look past them and reveal only the holding station's name.
/// </summary>
public sealed class VolunteerService(
    AppDbContext db, PiiProtector pii, VerificationCodes codes, AccountService accounts, UserManager<AppUser> users, TimeProvider clock,
    IConfiguration config)
{
    private CurrentScope Scope => db.Scope;

    public async Task<OptionLists?> OptionsAsync(string? countyCode, CancellationToken ct = default)
    {
        using var _ = Scope.AsSystem();
        var county = await db.Counties.Where(c => c.IsActive && (countyCode == null || c.Code == countyCode)).OrderBy(c => c.Code).FirstOrDefaultAsync(ct);
        if (county is null) return null;
        var units = await db.OrgUnits.AsNoTracking()
            .Where(u => u.CountyId == county.Id && u.IsActive && (u.Type == OrgUnitType.Institute || u.Type == OrgUnitType.Station || u.Type == OrgUnitType.Base))
            .OrderBy(u => u.SortOrder).Select(u => new { u.Id, u.ParentId, u.Type, u.Name, u.SortOrder }).ToListAsync(ct);
        var institutes = units.Where(u => u.Type == OrgUnitType.Institute).ToDictionary(u => u.Id);
        var stations = units.Where(u => u.Type == OrgUnitType.Station && u.ParentId is { } p && institutes.ContainsKey(p))
            .OrderBy(u => institutes[u.ParentId!.Value].SortOrder).ThenBy(u => u.SortOrder)
            .Select(u => new StationChoice(u.Id, u.Name, institutes[u.ParentId!.Value].Name))
            // Staff of agencies, enterprises and schools register with their employer's base (seed 004).
            .Concat(units.Where(u => u.Type == OrgUnitType.Base).Select(u => new StationChoice(u.Id, u.Name, StationChoice.BaseGroup)))
            .ToList();
        var options = await db.VolunteerOptions.AsNoTracking().Where(o => o.CountyId == county.Id && o.IsActive).OrderBy(o => o.SortOrder).ToListAsync(ct);
        List<string> Of(VolunteerOptionKind k) => [.. options.Where(o => o.Kind == k).Select(o => o.Name)];
        return new OptionLists(county.Name, county.Code, stations, Of(VolunteerOptionKind.Skill), Of(VolunteerOptionKind.Interest),
            Of(VolunteerOptionKind.Tag), Of(VolunteerOptionKind.Availability), VolunteerConsent.Text);
    }

    /// <summary>The option lists of the county a station or base belongs to (for a volunteer correcting their data).</summary>
    public async Task<OptionLists?> OptionsForStationAsync(Guid stationId, CancellationToken ct = default)
    {
        string? code;
        using (Scope.AsSystem())
        {
            code = await (from u in db.OrgUnits join c in db.Counties on u.CountyId equals c.Id where u.Id == stationId select c.Code).FirstOrDefaultAsync(ct);
        }
        return code is null ? null : await OptionsAsync(code, ct);
    }

    public async Task<string?> SendRegistrationCodeAsync(string phone, string countyCode, CancellationToken ct = default)
    {
        Guid? countyId;
        using (Scope.AsSystem())
        {
            countyId = await db.Counties.Where(c => c.Code == countyCode && c.IsActive).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        }
        if (countyId is null) throw new NotFoundException("县（区）");
        return await codes.SendAsync(phone, CodePurpose.Register, countyId, deliver: true, ct);
    }

    /// <summary>Self-service registration: the phone is proven by an SMS code; the unit is any active station or base of the county.</summary>
    public async Task<RegistrationResult> RegisterSelfAsync(SelfRegistrationRequest r, CancellationToken ct = default)
    {
        using var _ = Scope.AsSystem();
        var station = await MemberUnitAsync(r.UnitId, ct);
        ValidateIdentity(r, out var id, out var phone);
        // The code comes first: only the phone's owner may learn whether an ID or phone is already registered.
        var check = await codes.ConsumeAsync(phone, r.Code, CodePurpose.Register, ct);
        if (check != CodeCheck.Ok) throw new DomainException(VerificationCodes.Describe(check));
        await EnsureNotRegisteredAsync(station.CountyId, id, phone, ct);
        var consent = await VolunteerConsent.StoredAsync(db, VolunteerConsent.Text, ct);
        // The account and the record stand or fall together: a registration refused by a concurrent one leaves no account.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var volunteer = await CreateAsync(station, r, id, phone, consent, RegistrationSource.SelfService, linkAccount: true, ct);
        await transaction.CommitAsync(ct);
        return new RegistrationResult(volunteer.Id, volunteer.Status, volunteer.Number, station.Name);
    }

    /// <summary>An admin registers a person at a station or base of their own subtree.</summary>
    public async Task<VolunteerDetail> RegisterByAdminAsync(AdminRegistrationRequest r, RegistrationSource source = RegistrationSource.Admin, CancellationToken ct = default)
    {
        var station = await MemberUnitAsync(r.UnitId, ct);
        ValidateIdentity(r, out var id, out var phone);
        // The unit first: a refused registration must not have told the admin who is registered where.
        if (!station.IsActive) throw new DomainException($"所选{OrgUnitLabels.Of(station.Type)}已停用，请选择其他单位。", DomainErrorKind.Conflict);
        await EnsureNotRegisteredAsync(station.CountyId, id, phone, ct, nameAnyStation: false);
        // No account is opened or linked here: the phone is not proven. The person's first SMS sign-in links it.
        var consent = await VolunteerConsent.StoredAsync(db, VolunteerConsent.AdminEntered(Scope.UserName ?? "管理员"), ct);
        var volunteer = await CreateAsync(station, r, id, phone, consent, source, linkAccount: false, ct);
        return await GetAsync(volunteer.Id, ct);
    }

    /// <summary>The station or base a volunteer is registered at (in the caller's scope).</summary>
    private async Task<OrgUnit> MemberUnitAsync(Guid? unitId, CancellationToken ct) =>
        await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == unitId && (u.Type == OrgUnitType.Station || u.Type == OrgUnitType.Base), ct)
        ?? throw new NotFoundException("实践站或实践基地");

    /// <summary>
    /// One page in the list's order: pending first, newest first, the id last so people registered in the same instant
    /// (an import, the demo) keep one order and pages never repeat or skip anyone. The order has its index
    /// (CountyId, Status, CreatedAt DESC, Id DESC, Name). The count stops at the cap: past it the page says "10,000+"
    /// instead of counting a whole county on every page.
    /// </summary>
    public async Task<Paged<VolunteerRow>> ListAsync(VolunteerQuery q, CancellationToken ct = default)
    {
        var subtree = await SubtreePathAsync(q.UnitId, ct);
        var (rows, selective) = Filter(q, subtree);
        var (page, size) = Paging.Normalize(q.Page, q.PageSize);
        var cap = config.GetValue("Civic:Lists:CountCap", Paging.CountCap);
        var counted = await rows.Take(cap + 1).CountAsync(ct);
        // The order index serves the county-wide list. A subtree (a station admin, a unit filter) and a search an index
        // answers with a few rows (phone tail, number, name by trigrams) are read through their own index and sorted, so
        // they cost what they hold, whatever the county's size. Their first key is then an expression: left as a column,
        // the planners (SQLite always, PostgreSQL when it misjudges the path range) walk the order index through the
        // whole county instead, to save a sort, and look each row up.
        var ordered = selective || subtree is not null || !Scope.IsCountyWide
            ? rows.OrderBy(v => (int)v.Status + 0).ThenByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id)
            : rows.OrderBy(v => v.Status).ThenByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id);
        var items = await Project(ordered).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<VolunteerRow>(items, Math.Min(counted, cap), page, size, TotalCapped: counted > cap);
    }

    /// <summary>All rows of a filtered list, for export; the caller streams them.</summary>
    public async Task<IAsyncEnumerable<VolunteerRow>> ExportRowsAsync(VolunteerQuery q, CancellationToken ct = default) =>
        Project(Filter(q, await SubtreePathAsync(q.UnitId, ct)).Rows.OrderBy(v => v.Number)).AsAsyncEnumerable();

    /// <summary>
    /// The filtered list as an Excel file (masked), and an audit line saying who took it, with which filter and how many
    /// rows: a roster leaves the system in bulk, so the log keeps it as it keeps each reveal and self-export.
    /// Rows stream from the database into a temporary file (deleted when the returned stream is closed), so memory stays
    /// flat whatever the row count; the audit line is written before any of it leaves.
    /// </summary>
    public async Task<Stream> ExportListAsync(VolunteerQuery q, CancellationToken ct = default)
    {
        var unitName = q.UnitId is { } unitId ? await db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.Name).FirstOrDefaultAsync(ct) : null;
        var rows = 0;
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"civic-export-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 64 * 1024, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            await VolunteerImporter.ExportAsync(Counted(await ExportRowsAsync(q, ct)), file, ct);
            db.AuditEntries.Add(new AuditEntry
            {
                CountyId = Scope.CountyId, At = clock.GetUtcNow(), UserId = Scope.UserId, UserName = Scope.UserName, Action = AuditActions.BulkExport,
                EntityType = nameof(Volunteer), Summary = $"导出志愿者名册 {rows} 人；筛选：{DescribeFilter(q, unitName)}", IpAddress = Scope.IpAddress,
            });
            await db.SaveChangesAsync(ct);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }

        async IAsyncEnumerable<VolunteerRow> Counted(IAsyncEnumerable<VolunteerRow> source)
        {
            await foreach (var row in source.WithCancellation(ct))
            {
                rows++;
                yield return row;
            }
        }
    }

    /// <summary>The filter in words, as the console shows it; search text is kept as typed (a name or a number, never an ID).</summary>
    private static string DescribeFilter(VolunteerQuery q, string? unitName)
    {
        var parts = new List<string>();
        if (unitName is not null) parts.Add($"单位“{unitName}”");
        if (q.Status is { } status) parts.Add($"状态“{VolunteerLabels.Of(status)}”");
        if (q.PoliticalStatus is { } political) parts.Add($"政治面貌“{VolunteerLabels.Of(political)}”");
        if (!string.IsNullOrWhiteSpace(q.Skill)) parts.Add($"专业技能“{q.Skill.Trim()}”");
        if (!string.IsNullOrWhiteSpace(q.Tag)) parts.Add($"人员标签“{q.Tag.Trim()}”");
        if (!string.IsNullOrWhiteSpace(q.Search)) parts.Add($"搜索“{q.Search.Trim()}”");
        return parts.Count == 0 ? "全部（管理范围内）" : string.Join("，", parts);
    }

    public async Task<VolunteerDetail> GetAsync(Guid id, CancellationToken ct = default) =>
        await Detail(db.Volunteers.AsNoTracking().Where(v => v.Id == id)).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("志愿者");

    public async Task<VolunteerDetail> ApproveAsync(Guid id, CancellationToken ct = default)
    {
        var volunteer = await db.Volunteers.FirstOrDefaultAsync(v => v.Id == id, ct) ?? throw new NotFoundException("志愿者");
        await ApproveAsync(volunteer, ct);
        return await GetAsync(id, ct);
    }

    public async Task<VolunteerDetail> RejectAsync(Guid id, string reason, CancellationToken ct = default)
    {
        var volunteer = await db.Volunteers.FirstOrDefaultAsync(v => v.Id == id, ct) ?? throw new NotFoundException("志愿者");
        volunteer.Reject(reason, Scope.UserId ?? Guid.Empty, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>Shows one personal field of one person in clear, and writes down who looked.</summary>
    public async Task<string> RevealAsync(Guid id, PiiField field, CancellationToken ct = default)
    {
        var volunteer = await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct) ?? throw new NotFoundException("志愿者");
        var cipher = field == PiiField.IdNumber ? volunteer.IdCipher : volunteer.PhoneCipher;
        if (cipher is null) throw new DomainException("该志愿者已注销，个人信息已删除。", DomainErrorKind.Conflict);
        var label = field == PiiField.IdNumber ? "身份证号码" : "手机号码";
        await AuditAsync(AuditActions.Reveal, volunteer, $"查看 {volunteer.Name}（{volunteer.Number ?? "待审核"}）的{label}", ct);
        return pii.Decrypt(cipher);
    }

    public async Task<VolunteerDetail?> MineAsync(CancellationToken ct = default)
    {
        var mine = await MyRecordAsync(ct);
        if (mine is null) return null;
        // A pending volunteer holds no role yet, so their scope covers nothing: read their own row by id.
        using var _ = Scope.AsSystem();
        return await Detail(db.Volunteers.AsNoTracking().Where(v => v.Id == mine.Id)).FirstAsync(ct);
    }

    /// <summary>PIPL right of access: everything we hold about the person, in clear, as JSON.</summary>
    public async Task<byte[]> ExportMineAsync(CancellationToken ct = default)
    {
        var v = await MyRecordAsync(ct) ?? throw new NotFoundException("志愿者信息");
        var station = await db.OrgUnits.IgnoreQueryFilters().Where(u => u.Id == v.UnitId).Select(u => u.Name).FirstAsync(ct);
        var consent = await db.ConsentNotices.Where(n => n.Id == v.ConsentNoticeId).Select(n => n.Text).FirstAsync(ct);
        await AuditAsync(AuditActions.Export, v, $"{v.Name} 导出本人信息", ct);
        return JsonSerializer.SerializeToUtf8Bytes(new
        {
            志愿者编号 = v.Number,
            姓名 = v.Name,
            身份证号码 = v.IdCipher is null ? null : pii.Decrypt(v.IdCipher),
            手机号码 = v.PhoneCipher is null ? null : pii.Decrypt(v.PhoneCipher),
            性别 = v.Gender is { } g ? VolunteerLabels.Of(g) : null,
            出生日期 = v.BirthDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            政治面貌 = VolunteerLabels.Of(v.PoliticalStatus),
            所属单位 = station,
            专业技能 = v.Skills,
            服务意向 = v.Interests,
            人员标签 = v.Tags,
            可服务时间 = v.Availability,
            状态 = VolunteerLabels.Of(v.Status),
            注册时间 = v.CreatedAt,
            同意的个人信息处理规则 = consent,
            同意时间 = v.ConsentAt,
        }, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public async Task<VolunteerDetail> CorrectMineAsync(VolunteerProfileForm form, CancellationToken ct = default)
    {
        var v = await MyRecordAsync(ct) ?? throw new NotFoundException("志愿者信息");
        var profile = form.ToProfile();
        (await VolunteerOptionRules.LoadAsync(db, v.CountyId, ct)).Check(profile, held: v);
        v.Correct(profile, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return (await MineAsync(ct))!;
    }

    /// <summary>
    /// 注销: personal fields erased (volunteer, account, and their copies in the audit log), records and events kept,
    /// the volunteer role removed.
    /// </summary>
    public async Task WithdrawMineAsync(CancellationToken ct = default)
    {
        var v = await MyRecordAsync(ct) ?? throw new NotFoundException("志愿者信息");
        var userId = v.UserId;
        List<string?> traces = [v.Name, v.IdMasked, ChineseIdNumber.Mask(v.IdMasked), v.PhoneMasked];
        Guid? anonymised = null;
        v.Withdraw(clock.GetUtcNow());
        if (userId is { } uid)
        {
            var roles = await db.RoleAssignments.IgnoreQueryFilters().Where(r => r.UserId == uid).ToListAsync(ct);
            db.RoleAssignments.RemoveRange(roles.Where(r => r.Role == RoleKind.Volunteer));
            if (roles.All(r => r.Role == RoleKind.Volunteer))
            {
                var user = await users.FindByIdAsync(uid.ToString());
                if (user is not null)
                {
                    traces.AddRange([user.DisplayName, user.PhoneMasked]);
                    anonymised = user.Id;
                    user.UserName = $"withdrawn.{user.Id:N}";
                    user.NormalizedUserName = user.UserName.ToUpperInvariant();
                    user.PhoneCipher = "";
                    user.PhoneMasked = "";
                    user.DisplayName = Volunteer.ErasedName;
                    user.LockoutEnd = DateTimeOffset.MaxValue;
                    user.SecurityStamp = Guid.NewGuid().ToString("N");
                }
            }
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await EraseFromAuditAsync(v, anonymised, traces, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// The person's lines stay (what happened, when, by whom) with their name, masks and profile replaced by the
    /// erased marker: lines about the volunteer record and, when the account was anonymised, the account's own.
    /// Earlier names are found in the record's snapshots, so a corrected name is erased as well.
    /// </summary>
    private async Task EraseFromAuditAsync(Volunteer v, Guid? account, List<string?> traces, CancellationToken ct)
    {
        var volunteerId = v.Id.ToString();
        var accountId = account?.ToString();
        var lines = await db.AuditEntries.IgnoreQueryFilters()
            .Where(a => a.CountyId == v.CountyId && ((a.EntityType == nameof(Volunteer) && a.EntityId == volunteerId)
                || (account != null && (a.UserId == account || (a.EntityType == "Account" && a.EntityId == accountId)))))
            .ToListAsync(ct);
        foreach (var line in lines.Where(a => a.EntityType == nameof(Volunteer)))
        {
            traces.AddRange([AuditRedaction.Value(line.Before, nameof(Volunteer.Name)), AuditRedaction.Value(line.After, nameof(Volunteer.Name))]);
        }
        traces.RemoveAll(t => t == Volunteer.ErasedName);
        foreach (var line in lines)
        {
            var fields = line.EntityType == nameof(Volunteer) ? Volunteer.ErasedOnWithdrawal : NoFields;
            AuditRedaction.Erase(line, fields, traces, Volunteer.ErasedName, eraseOperator: account is not null && line.UserId == account);
        }
        await db.SaveChangesAsync(ct);
    }

    private static readonly IReadOnlySet<string> NoFields = new HashSet<string>();

    private async Task<Volunteer?> MyRecordAsync(CancellationToken ct)
    {
        var me = Scope.UserId ?? throw new NotFoundException("志愿者信息");
        return await db.Volunteers.IgnoreQueryFilters().Where(v => v.UserId == me && v.Status != VolunteerStatus.Withdrawn).FirstOrDefaultAsync(ct);
    }

    private void ValidateIdentity(VolunteerRegistrationForm r, out ChineseIdNumber id, out string phone)
    {
        var today = ChinaTime.Today(clock);
        if (!ChineseIdNumber.TryParse(r.IdNumber, today, out var parsed, out var error)) throw new DomainException(error);
        id = parsed!;
        phone = MobileNumber.Normalize(r.Phone);
        if (!MobileNumber.IsValid(phone)) throw new DomainException(MobileNumber.Invalid);
    }

    /// <summary>A person registers once per county: the answer names the station that holds them, nothing else.</summary>
    /// <param name="nameAnyStation">Self-registration (the phone's owner, proven by code) learns the holding station;
    /// an admin learns it only when it lies in their own subtree — otherwise a duplicate check would locate anyone.</param>
    private async Task EnsureNotRegisteredAsync(Guid countyId, ChineseIdNumber id, string phone, CancellationToken ct, bool nameAnyStation = true)
    {
        var idIndex = pii.IdIndex(id);
        var phoneIndex = pii.PhoneIndex(phone);
        var holder = await (from v in db.Volunteers.IgnoreQueryFilters()
                            join u in db.OrgUnits.IgnoreQueryFilters() on v.UnitId equals u.Id
                            where v.CountyId == countyId && (v.IdIndex == idIndex || v.PhoneIndex == phoneIndex)
                            select new { u.Name, v.UnitPath, SameId = v.IdIndex == idIndex }).FirstOrDefaultAsync(ct);
        if (holder is null) return;
        if (!nameAnyStation && !holder.UnitPath.StartsWith(Scope.Path, StringComparison.Ordinal))
        {
            throw new DomainException(holder.SameId
                ? "该身份证号码已在本县其他单位登记为志愿者，不能重复登记；如需变更所属单位，请联系县文明实践中心。"
                : "该手机号已被本县其他单位的一位志愿者使用，请更换手机号。", DomainErrorKind.Conflict);
        }
        throw new DomainException(holder.SameId
            ? $"该身份证号码已在本县“{holder.Name}”登记为志愿者，请勿重复注册；如需变更所属单位，请与其联系。"
            : $"该手机号已被本县“{holder.Name}”的一位志愿者使用，请更换手机号或与其联系。", DomainErrorKind.Conflict);
    }

    private async Task<Volunteer> CreateAsync(OrgUnit station, VolunteerRegistrationForm r, ChineseIdNumber id, string phone, ConsentNotice consent, RegistrationSource source, bool linkAccount, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var volunteer = Volunteer.Register(station, r.ToProfile(), pii.Protect(id, phone), consent, source, now);
        if (linkAccount)
        {
            var user = await users.FindByNameAsync(pii.PhoneIndex(phone));
            if (user is not null && user.CountyId != station.CountyId) throw new DomainException("该手机号已在其他县（区）开通账号，请更换手机号。", DomainErrorKind.Conflict);
            user ??= await accounts.CreateAsync(station.CountyId, phone, volunteer.Name, AccountService.NewPassword());
            volunteer.LinkAccount(user.Id);
        }
        db.Volunteers.Add(volunteer);
        await SaveAsync(ct);
        var autoApprove = await db.Counties.IgnoreQueryFilters().Where(c => c.Id == station.CountyId).Select(c => c.AutoApproveVolunteers).FirstAsync(ct);
        if (autoApprove) await ApproveAsync(volunteer, ct);
        return volunteer;
    }

    /// <summary>Approval gives the next county-unique number; a concurrent approval that took it makes us retry with the next.</summary>
    private async Task ApproveAsync(Volunteer volunteer, CancellationToken ct)
    {
        var countyCode = await db.Counties.IgnoreQueryFilters().Where(c => c.Id == volunteer.CountyId).Select(c => c.Code).FirstAsync(ct);
        for (var attempt = 0; ; attempt++)
        {
            var last = await db.Volunteers.IgnoreQueryFilters().Where(v => v.CountyId == volunteer.CountyId && v.Number != null)
                .OrderByDescending(v => v.Number).Select(v => v.Number).FirstOrDefaultAsync(ct);
            var next = (last is null ? 0 : long.Parse(last[countyCode.Length..], System.Globalization.CultureInfo.InvariantCulture)) + 1 + attempt;
            volunteer.Approve(countyCode + next.ToString("D7", System.Globalization.CultureInfo.InvariantCulture), Scope.UserId ?? Guid.Empty, clock.GetUtcNow());
            if (volunteer.UserId is { } uid && !await db.RoleAssignments.IgnoreQueryFilters().AnyAsync(a => a.UserId == uid && a.Role == RoleKind.Volunteer && a.OrgUnitId == volunteer.UnitId, ct))
            {
                db.RoleAssignments.Add(new RoleAssignment(volunteer.CountyId, uid, RoleKind.Volunteer, volunteer.UnitId, clock.GetUtcNow()));
            }
            await Teams.TierTeams.EnlistApprovedAsync(db, volunteer, clock.GetUtcNow(), ct);
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Another approval took the number: start again from the stored row with the next one.
                foreach (var added in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added && e.Entity is RoleAssignment or Domain.Teams.TeamMember).ToList()) added.State = EntityState.Detached;
                await db.Entry(volunteer).ReloadAsync(ct);
            }
            catch (DbUpdateException)
            {
                throw new DomainException("审核人数较多，编号分配繁忙，请稍后重试。", DomainErrorKind.Conflict);
            }
        }
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new DomainException("该身份证号码或手机号刚刚已被登记，请勿重复提交。", DomainErrorKind.Conflict);
        }
    }

    private async Task<string?> SubtreePathAsync(Guid? unitId, CancellationToken ct) => unitId is { } id
        ? await db.OrgUnits.Where(u => u.Id == id).Select(u => u.Path).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("单位")
        : null;

    /// <summary>The filtered rows, and whether an index narrows them to a few (a search by phone tail, number or a long name).</summary>
    private (IQueryable<Volunteer> Rows, bool Selective) Filter(VolunteerQuery q, string? subtree)
    {
        var search = string.IsNullOrWhiteSpace(q.Search) ? null : q.Search.Trim();
        var byName = search is not null && !search.All(char.IsAsciiDigit);
        var rows = (byName ? VolunteerNameSearch.Source(db, search!) : db.Volunteers).AsNoTracking();
        if (subtree is not null)
        {
            // A range, as the scope filter does, so the (CountyId, UnitPath) index serves it.
            var end = CurrentScope.EndOfPrefix(subtree);
            rows = rows.Where(v => string.Compare(v.UnitPath, subtree) >= 0 && string.Compare(v.UnitPath, end) < 0);
        }
        if (q.Status is { } status) rows = rows.Where(v => v.Status == status);
        if (q.PoliticalStatus is { } ps) rows = rows.Where(v => v.PoliticalStatus == ps);
        if (!string.IsNullOrWhiteSpace(q.Skill)) rows = rows.Where(v => v.Skills.Contains(q.Skill));
        if (!string.IsNullOrWhiteSpace(q.Tag)) rows = rows.Where(v => v.Tags.Contains(q.Tag));
        if (search is null) return (rows, false);
        if (byName) return (VolunteerNameSearch.Containing(db, rows, search), VolunteerNameSearch.IsIndexed(search));
        if (search.Length == Volunteer.TailLength) return (rows.Where(v => v.PhoneTail == search), true);
        return (rows.Where(v => v.Number == search), true);
    }

    // The station join stays filtered: IgnoreQueryFilters anywhere in a query lifts the filters of the whole query.
    // A volunteer in scope always has their station in scope (same path).
    // Age and mask are computed as rows are read: the birth date never leaves the server, and masks stored in an
    // older, wider form are narrowed the same way.
    private IQueryable<VolunteerRow> Project(IQueryable<Volunteer> rows)
    {
        var today = ChinaTime.Today(clock);
        return from v in rows
               join u in db.OrgUnits on v.UnitId equals u.Id
               select new VolunteerRow(v.Id, v.Number, v.Name, v.Gender, AgeOn(v.BirthDate, today), v.PhoneMasked, ChineseIdNumber.Mask(v.IdMasked),
                   v.PoliticalStatus, v.UnitId, u.Name, v.Status, v.Tags, v.CreatedAt);
    }

    private IQueryable<VolunteerDetail> Detail(IQueryable<Volunteer> rows)
    {
        var today = ChinaTime.Today(clock);
        return from v in rows
               join u in db.OrgUnits on v.UnitId equals u.Id
               join n in db.ConsentNotices on v.ConsentNoticeId equals n.Id
               select new VolunteerDetail(
                   new VolunteerRow(v.Id, v.Number, v.Name, v.Gender, AgeOn(v.BirthDate, today), v.PhoneMasked, ChineseIdNumber.Mask(v.IdMasked),
                       v.PoliticalStatus, v.UnitId, u.Name, v.Status, v.Tags, v.CreatedAt),
                   v.Skills, v.Interests, v.Availability, v.Source, n.Text, v.ConsentAt, v.ReviewNote, v.ReviewedAt, v.WithdrawnAt);
    }

    private static int? AgeOn(DateOnly? birth, DateOnly today) => birth is { } b ? ChinaTime.Age(b, today) : null;

    private async Task AuditAsync(string action, Volunteer v, string summary, CancellationToken ct)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            CountyId = v.CountyId, At = clock.GetUtcNow(), UserId = Scope.UserId, UserName = Scope.UserName, Action = action,
            EntityType = nameof(Volunteer), EntityId = v.Id.ToString(), Summary = summary, IpAddress = Scope.IpAddress,
        });
        await db.SaveChangesAsync(ct);
    }
}
