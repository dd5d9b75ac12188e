using CivicPractice.Domain.Common;
using CivicPractice.Domain.Identity;
using CivicPractice.Web.Data;
using CivicPractice.Web.Features.Audit;
using CivicPractice.Web.Features.Identity;
using CivicPractice.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Features.Accounts;

/// <summary>
/// 账号与权限: who holds which role on which unit, inside the caller's subtree. Appointing creates the account on
/// first use (the person signs in by SMS code and sets their own password); revoking, unlocking and password resets
/// are audited. No admin ever learns or chooses another person's password.
/// </summary>
public sealed class AccountManagement(AppDbContext db, UserManager<AppUser> users, AccountService accounts, SmsService sms, PiiProtector pii, TimeProvider clock)
{
    private CurrentScope Scope => db.Scope;

    public async Task<Paged<AccountRow>> ListAsync(AccountQuery q, CancellationToken ct = default)
    {
        var rows = Rows();
        if (q.Role is { } role) rows = rows.Where(x => x.r.Role == role);
        if (q.UnitId is { } unitId)
        {
            var path = await db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.Path).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("单位");
            rows = rows.Where(x => x.u.Path.StartsWith(path));
        }
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var s = q.Search.Trim();
            var digits = new string(s.Where(char.IsAsciiDigit).ToArray());
            rows = digits.Length == 4 && digits == s
                ? rows.Where(x => x.p.PhoneMasked.EndsWith(digits))
                : rows.Where(x => x.p.DisplayName.Contains(s) || x.u.Name.Contains(s));
        }
        var (page, size) = Paging.Normalize(q.Page, q.PageSize);
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderBy(x => x.r.Role).ThenBy(x => x.u.Path).ThenBy(x => x.p.DisplayName)
            .Skip((page - 1) * size).Take(size)
            .Select(ToRow(clock.GetUtcNow()))
            .ToListAsync(ct);
        return new Paged<AccountRow>(items, total, page, size);
    }

    /// <summary>Member-initialised (not a positional record) so EF can keep composing filters over it.</summary>
    private sealed class Joined
    {
        public required RoleAssignment r { get; init; }
        public required Domain.Organization.OrgUnit u { get; init; }
        public required AppUser p { get; init; }
    }

    private IQueryable<Joined> Rows() =>
        from r in db.RoleAssignments
        join u in db.OrgUnits on r.OrgUnitId equals u.Id
        join p in db.Users on r.UserId equals p.Id
        select new Joined { r = r, u = u, p = p };

    private static System.Linq.Expressions.Expression<Func<Joined, AccountRow>> ToRow(DateTimeOffset now) =>
        x => new AccountRow(x.r.Id, x.p.Id, x.p.DisplayName, x.p.PhoneMasked, x.r.Role, x.u.Id, x.u.Name, x.u.Type,
            x.p.LockoutEnd != null && x.p.LockoutEnd > now, x.r.CreatedAt);

    /// <summary>Active units inside the caller's subtree on which the role can be held, for the appointment form.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> UnitChoicesAsync(RoleKind role, CancellationToken ct = default)
    {
        var types = Enum.GetValues<Domain.Organization.OrgUnitType>().Where(t => RoleRules.CanHoldOn(role, t)).ToList();
        // Named with their parent (所 / 站) so staff can tell same-named villages apart; the parent may lie outside the scope.
        var units = await db.OrgUnits.AsNoTracking().Where(u => u.IsActive && types.Contains(u.Type))
            .OrderBy(u => u.Path)
            .Select(u => new { u.Id, u.Name, Parent = db.OrgUnits.Where(p => p.Id == u.ParentId).Select(p => p.Name).FirstOrDefault() })
            .Take(5000).ToListAsync(ct);
        return [.. units.Select(u => (u.Id, u.Parent is null ? u.Name : $"{u.Parent} / {u.Name}"))];
    }

    public async Task<AccountRow> GrantAsync(GrantRoleRequest r, CancellationToken ct = default)
    {
        var unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == r.UnitId, ct) ?? throw new NotFoundException("单位");
        if (!unit.IsActive) throw new DomainException("该单位已停用，不能授予角色。", DomainErrorKind.Conflict);
        RoleRules.EnsureCanGrant(Scope.Role ?? RoleKind.Volunteer, Scope.Path, r.Role!.Value, unit.Type, unit.Path);
        var phone = MobileNumber.Normalize(r.Phone);
        var user = await users.FindByNameAsync(accounts.PhoneIndex(phone));
        if (user is not null && user.CountyId != unit.CountyId)
        {
            // The same answer as an account out of reach in this county: appointing must not tell which county holds a phone.
            throw new DomainException("该手机号已开通账号，且其现有权限超出您的管理范围，请联系上级管理员授权。", DomainErrorKind.Conflict);
        }
        // Adding a role to someone else's existing account is only for accounts wholly inside the caller's reach:
        // otherwise a narrow role could be used as a handle on a wider account (reset, unlock).
        if (user is not null && !await IsWithinReachAsync(user.Id, ct))
        {
            throw new DomainException("该手机号已开通账号，且其现有权限超出您的管理范围，请联系上级管理员授权。", DomainErrorKind.Conflict);
        }
        // A new account gets a random password nobody is told: the person signs in by SMS code and sets their own.
        user ??= await accounts.CreateAsync(unit.CountyId, phone, r.Name!.Trim(), AccountService.NewPassword());
        if (await db.RoleAssignments.AnyAsync(a => a.UserId == user.Id && a.Role == r.Role && a.OrgUnitId == unit.Id, ct))
        {
            throw new DomainException($"{user.DisplayName} 已是{unit.Name}的{RoleLabels.Of(r.Role.Value)}。", DomainErrorKind.Conflict);
        }
        var assignment = new RoleAssignment(unit.CountyId, user.Id, r.Role.Value, unit.Id, clock.GetUtcNow());
        db.RoleAssignments.Add(assignment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new DomainException("该授权刚刚已被保存，请勿重复提交。", DomainErrorKind.Conflict);
        }
        await users.UpdateSecurityStampAsync(user);
        await sms.SendAsync(unit.CountyId, phone, SmsTemplate.RoleGranted, new Dictionary<string, string>
        {
            ["name"] = user.DisplayName, ["unit"] = unit.Name, ["role"] = RoleLabels.Of(r.Role.Value),
        }, ct);
        return await Rows().Where(x => x.r.Id == assignment.Id).Select(ToRow(clock.GetUtcNow())).FirstAsync(ct);
    }

    public async Task RevokeAsync(Guid assignmentId, CancellationToken ct = default)
    {
        var found = await (from a in db.RoleAssignments
                           join u in db.OrgUnits on a.OrgUnitId equals u.Id
                           where a.Id == assignmentId
                           select a).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("角色授权");
        if (found.UserId == Scope.UserId) throw new DomainException("不能撤销您自己的角色，请联系上级管理员。", DomainErrorKind.Conflict);
        if (RoleLabels.Breadth(found.Role) < RoleLabels.Breadth(Scope.Role ?? RoleKind.Volunteer)) throw new DomainException("您不能撤销比自己权限更大的角色。", DomainErrorKind.Conflict);
        db.RoleAssignments.Remove(found);
        await db.SaveChangesAsync(ct);
        var user = await users.FindByIdAsync(found.UserId.ToString());
        if (user is not null) await users.UpdateSecurityStampAsync(user);
    }

    public async Task UnlockAsync(Guid userId, CancellationToken ct = default)
    {
        var user = await ManagedUserAsync(userId, ct);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await AuditAsync(user, "解除账号锁定", ct);
    }

    /// <summary>
    /// Voids the person's password (a random one nobody is told replaces it), ends their sessions and tells them by SMS
    /// to sign in with a code and set a new one. The admin never sees or chooses the new password.
    /// </summary>
    public async Task ResetPasswordAsync(Guid userId, CancellationToken ct = default)
    {
        var user = await ManagedUserAsync(userId, ct);
        if (user.Id == Scope.UserId) throw new DomainException("请在“修改密码”中修改自己的密码。", DomainErrorKind.Conflict);
        if (!sms.CanDeliver) throw new DomainException("平台尚未配置短信通道，无法通知本人，暂不能重置密码。", DomainErrorKind.Conflict);
        await accounts.SetPasswordAsync(user, AccountService.NewPassword());
        await AuditAsync(user, "重置密码（已短信通知本人）", ct);
        await sms.SendAsync(user.CountyId, pii.Decrypt(user.PhoneCipher), SmsTemplate.PasswordReset, new Dictionary<string, string> { ["name"] = user.DisplayName }, ct);
    }

    /// <summary>
    /// A person is managed by the caller only when every role they hold sits inside the caller's subtree and is no
    /// wider than the caller's own; one narrow role in the subtree must not open a county admin's account to a station admin.
    /// </summary>
    private async Task<AppUser> ManagedUserAsync(Guid userId, CancellationToken ct)
    {
        var managed = await IsWithinReachAsync(userId, ct);
        return (managed ? await users.FindByIdAsync(userId.ToString()) : null) ?? throw new NotFoundException("账号");
    }

    /// <summary>
    /// Every role the person holds lies in the caller's subtree and is no wider than the caller's. An account with no
    /// role at all (a pending or rejected self-registration, a former staff member) belongs to nobody's subtree: only the
    /// county admin, or the unit of the volunteer record the account is linked to, may reach it.
    /// </summary>
    private async Task<bool> IsWithinReachAsync(Guid userId, CancellationToken ct)
    {
        var county = Scope.CountyId;
        List<(RoleKind Role, string Path)> roles;
        List<string> volunteerPaths;
        using (Scope.AsSystem())
        {
            if (!await db.Users.AnyAsync(u => u.Id == userId && u.CountyId == county, ct)) return false;
            roles = [.. (await (from a in db.RoleAssignments
                                join u in db.OrgUnits on a.OrgUnitId equals u.Id
                                where a.UserId == userId && a.CountyId == county
                                select new { a.Role, u.Path }).ToListAsync(ct)).Select(x => (x.Role, x.Path))];
            volunteerPaths = roles.Count > 0 ? [] : await db.Volunteers.Where(v => v.UserId == userId && v.CountyId == county).Select(v => v.UnitPath).ToListAsync(ct);
        }
        var mine = Scope.Role ?? RoleKind.Volunteer;
        if (roles.Count == 0)
        {
            return mine == RoleKind.CountyAdmin || volunteerPaths.Any(p => p.StartsWith(Scope.Path, StringComparison.Ordinal));
        }
        return roles.All(r => r.Path.StartsWith(Scope.Path, StringComparison.Ordinal) && RoleLabels.Breadth(r.Role) >= RoleLabels.Breadth(mine));
    }

    private async Task AuditAsync(AppUser user, string summary, CancellationToken ct)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            CountyId = user.CountyId, At = clock.GetUtcNow(), UserId = Scope.UserId, UserName = Scope.UserName,
            Action = AuditActions.Update, EntityType = "Account", EntityId = user.Id.ToString(),
            Summary = $"{summary}：{user.DisplayName}（{user.PhoneMasked}）", IpAddress = Scope.IpAddress,
        });
        await db.SaveChangesAsync(ct);
    }
}
