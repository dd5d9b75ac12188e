using System.Security.Cryptography;
using CivicPractice.Domain.Identity;
using CivicPractice.Web.Data;
using CivicPractice.Web.Features.Audit;
using CivicPractice.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Features.Identity;

public sealed record SignInOutcome(bool Succeeded, string? Error = null, bool LockedOut = false)
{
    public static readonly SignInOutcome Ok = new(true);
}

/// <summary>
/// Password and SMS-code sign-in for the login page and the API alike. Every attempt, good or bad, is
/// written to the audit log; five bad passwords lock the account for 15 minutes (<see cref="PasswordAttempts"/>).
/// </summary>
public sealed class SignInService(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    AppDbContext db,
    PiiProtector pii,
    VerificationCodes codes,
    AccountService accounts,
    PasswordAttempts attempts,
    TimeProvider clock)
{
    public const string WrongCredentials = "手机号或密码错误。";

    /// <summary>A hash of a random password, judged for unknown phones so that they cost the same work as known ones.</summary>
    private static string? unknownAccountHash;

    public Task<AppUser?> FindByPhoneAsync(string phone) => users.FindByNameAsync(PhoneIndex(phone));

    public string PhoneIndex(string phone) => pii.PhoneIndex(phone);

    /// <summary>
    /// A wrong password and an unknown phone get the same answer after the same hashing work, so neither the
    /// message nor its time tells who has an account. The user row is only ever changed with single conditional
    /// UPDATEs (never <c>UserManager.UpdateAsync</c>), so parallel attempts neither race nor fail.
    /// </summary>
    public async Task<SignInOutcome> PasswordAsync(string phone, string password)
    {
        phone = MobileNumber.Normalize(phone);
        if (!MobileNumber.IsValid(phone)) return new(false, MobileNumber.Invalid);
        var user = await FindByPhoneAsync(phone);
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), unknownAccountHash ??= users.PasswordHasher.HashPassword(new AppUser(), AccountService.NewPassword()), password);
            await AuditAsync(null, null, AuditActions.SignInFailed, $"未知账号 {MobileNumber.Mask(phone)}");
            return new(false, WrongCredentials);
        }
        var attempt = await attempts.ReserveAsync(user.Id);
        if (attempt is null)
        {
            await AuditAsync(user, user.CountyId, AuditActions.LockedOut, "账号锁定期间尝试登录");
            return new(false, LockedMessage(await attempts.LockoutEndAsync(user.Id)), LockedOut: true);
        }
        var verdict = user.PasswordHash is null ? PasswordVerificationResult.Failed : users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            if (attempt.LockedUntil is { } until)
            {
                await AuditAsync(user, user.CountyId, AuditActions.SignInFailed, $"密码错误，连续输错 {attempt.Number} 次，账号锁定 15 分钟");
                return new(false, LockedMessage(until), LockedOut: true);
            }
            await AuditAsync(user, user.CountyId, AuditActions.SignInFailed, "密码错误");
            return new(false, WrongCredentials);
        }
        await attempts.ForgiveAsync(attempt);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            var rehashed = users.PasswordHasher.HashPassword(user, password);
            await db.Users.Where(u => u.Id == user.Id && u.PasswordHash == user.PasswordHash).ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, rehashed));
        }
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "pwd");
        await AuditAsync(user, user.CountyId, AuditActions.SignIn, "密码登录");
        return SignInOutcome.Ok;
    }

    /// <summary>
    /// Sends a 6-digit code. Answers the same whether or not the phone has an account, so the form cannot be
    /// used to find out who is registered.
    /// </summary>
    public async Task<string?> SendCodeAsync(string phone, CancellationToken ct = default)
    {
        var user = MobileNumber.IsValid(phone) ? await FindByPhoneAsync(phone) : null;
        var county = user?.CountyId ?? (MobileNumber.IsValid(phone) ? (await VolunteerByPhoneAsync(phone))?.CountyId : null);
        return await codes.SendAsync(phone, CodePurpose.SignIn, county, deliver: county is not null, ct);
    }

    /// <summary>
    /// A volunteer registered by an admin or an import has no account yet: their first SMS sign-in opens one,
    /// linked to their record (and holding the volunteer role once they are approved).
    /// </summary>
    private async Task<AppUser?> ProvisionVolunteerAsync(string phone)
    {
        var volunteer = await VolunteerByPhoneAsync(phone);
        if (volunteer is null) return null;
        var user = await accounts.CreateAsync(volunteer.CountyId, phone, volunteer.Name, AccountService.NewPassword());
        using var _ = db.Scope.AsSystem();
        var tracked = await db.Volunteers.FirstAsync(v => v.Id == volunteer.Id);
        tracked.LinkAccount(user.Id);
        if (tracked.Status == Domain.Volunteers.VolunteerStatus.Approved)
        {
            db.RoleAssignments.Add(new RoleAssignment(tracked.CountyId, user.Id, RoleKind.Volunteer, tracked.UnitId, clock.GetUtcNow()));
        }
        await db.SaveChangesAsync();
        return user;
    }

    /// <summary>An existing account (say, a staff member) proves the phone and so takes up its unlinked volunteer record.</summary>
    private async Task<AppUser> LinkVolunteerAsync(AppUser user, string phone)
    {
        var volunteer = await VolunteerByPhoneAsync(phone);
        if (volunteer is null || volunteer.CountyId != user.CountyId) return user;
        using var _ = db.Scope.AsSystem();
        var tracked = await db.Volunteers.FirstAsync(v => v.Id == volunteer.Id);
        tracked.LinkAccount(user.Id);
        if (tracked.Status == Domain.Volunteers.VolunteerStatus.Approved
            && !await db.RoleAssignments.AnyAsync(r => r.UserId == user.Id && r.Role == RoleKind.Volunteer && r.OrgUnitId == tracked.UnitId))
        {
            db.RoleAssignments.Add(new RoleAssignment(tracked.CountyId, user.Id, RoleKind.Volunteer, tracked.UnitId, clock.GetUtcNow()));
        }
        await db.SaveChangesAsync();
        return user;
    }

    private async Task<Domain.Volunteers.Volunteer?> VolunteerByPhoneAsync(string phone)
    {
        var index = PhoneIndex(phone);
        using var _ = db.Scope.AsSystem();
        return await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(v => v.PhoneIndex == index && v.UserId == null && v.Status != Domain.Volunteers.VolunteerStatus.Withdrawn);
    }

    public async Task<SignInOutcome> SmsCodeAsync(string phone, string code)
    {
        phone = MobileNumber.Normalize(phone);
        if (!MobileNumber.IsValid(phone)) return new(false, MobileNumber.Invalid);
        var user = await FindByPhoneAsync(phone);
        var check = await codes.ConsumeAsync(phone, code, CodePurpose.SignIn);
        if (check == CodeCheck.Ok) user = user is null ? await ProvisionVolunteerAsync(phone) : await LinkVolunteerAsync(user, phone);
        if (check != CodeCheck.Ok || user is null)
        {
            await AuditAsync(user, user?.CountyId, AuditActions.SignInFailed, check == CodeCheck.Wrong ? "验证码错误" : "验证码无效或已过期");
            return new(false, VerificationCodes.Describe(check == CodeCheck.Ok ? CodeCheck.ExpiredOrMissing : check));
        }
        if (await users.IsLockedOutAsync(user))
        {
            return new(false, LockedMessage(user.LockoutEnd), LockedOut: true);
        }
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "sms");
        await AuditAsync(user, user.CountyId, AuditActions.SignIn, "验证码登录");
        return SignInOutcome.Ok;
    }

    /// <summary>
    /// Deleting the cookie in this browser is not enough: a copy of it would still work. A new security stamp makes
    /// every cookie issued before it worthless at its next request (<see cref="SessionValidator"/>). The stamp is the
    /// person's, so this signs out all their sessions, on every device.
    /// </summary>
    public async Task SignOutAsync(AppUser? user)
    {
        await signIn.SignOutAsync();
        if (user is null) return;
        await SessionValidator.RenewStampAsync(db, user.Id);
        await AuditAsync(user, user.CountyId, AuditActions.SignOut, null);
    }

    private string LockedMessage(DateTimeOffset? lockoutEnd)
    {
        var until = lockoutEnd ?? clock.GetUtcNow().AddMinutes(15);
        var minutes = Math.Max(1, (int)Math.Ceiling((until - clock.GetUtcNow()).TotalMinutes));
        return $"账号已被锁定，请 {minutes} 分钟后再试，或联系管理员。";
    }

    private async Task AuditAsync(AppUser? user, Guid? countyId, string action, string? summary)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            CountyId = countyId,
            At = clock.GetUtcNow(),
            UserId = user?.Id,
            UserName = user?.DisplayName,
            Action = action,
            EntityType = "Account",
            EntityId = user?.Id.ToString(),
            Summary = summary,
            IpAddress = db.Scope.IpAddress,
        });
        await db.SaveChangesAsync();
    }
}

/// <summary>Creates sign-in accounts: phone as login (by its blind index), encrypted phone, role assignments.</summary>
public sealed class AccountService(UserManager<AppUser> users, PiiProtector pii, TimeProvider clock)
{
    public string PhoneIndex(string phone) => pii.PhoneIndex(phone);

    public async Task<AppUser> CreateAsync(Guid countyId, string phone, string displayName, string password)
    {
        phone = MobileNumber.Normalize(phone);
        if (!MobileNumber.IsValid(phone)) throw new Domain.Common.DomainException(MobileNumber.Invalid);
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            CountyId = countyId,
            UserName = PhoneIndex(phone),
            DisplayName = displayName,
            PhoneCipher = pii.Encrypt(phone),
            PhoneMasked = MobileNumber.Mask(phone),
            CreatedAt = clock.GetUtcNow(),
            LockoutEnabled = true,
        };
        IdentityResult result;
        try
        {
            result = await users.CreateAsync(user, password);
        }
        catch (DbUpdateException)
        {
            throw new Domain.Common.DomainException("该手机号刚刚已开通账号，请勿重复提交。", Domain.Common.DomainErrorKind.Conflict);
        }
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            throw new Domain.Common.DomainException("该手机号刚刚已开通账号，请勿重复提交。", Domain.Common.DomainErrorKind.Conflict);
        }
        if (!result.Succeeded) throw new Domain.Common.DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
        return user;
    }

    /// <summary>
    /// Replaces the password without the old one (the caller has proven the right to: an admin's reset, an SMS code, the
    /// current password). The new security stamp that comes with it ends every session of the person.
    /// </summary>
    public async Task SetPasswordAsync(AppUser user, string password)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded) throw new Domain.Common.DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>12 characters from all four classes, so it always meets the policy.</summary>
    public static string NewPassword()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789", symbols = "@#$%&*!";
        const string all = lower + upper + digits + symbols;
        var chars = new[] { Pick(lower), Pick(upper), Pick(digits), Pick(symbols) }.Concat(Enumerable.Range(0, 8).Select(_ => Pick(all))).ToArray();
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);

        static char Pick(string set) => set[RandomNumberGenerator.GetInt32(set.Length)];
    }
}
