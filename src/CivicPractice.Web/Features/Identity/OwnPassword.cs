using System.ComponentModel.DataAnnotations;
using CivicPractice.Domain.Common;
using CivicPractice.Domain.Identity;
using CivicPractice.Web.Data;
using CivicPractice.Web.Features.Audit;
using CivicPractice.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace CivicPractice.Web.Features.Identity;

/// <summary>
/// A signed-in person sets their own password: with the current one, or — for accounts opened or reset by an admin,
/// whose password nobody knows — with an SMS code sent to their own phone. Other sessions end; this one continues.
/// </summary>
public sealed class OwnPassword(UserManager<AppUser> users, SignInManager<AppUser> signIn, AccountService accounts, VerificationCodes codes, PasswordAttempts attempts, PiiProtector pii, AppDbContext db, TimeProvider clock)
{
    private const string Locked = "密码错误次数过多，账号已锁定 15 分钟；可改用短信验证码设置密码。";

    public async Task<string?> SendCodeAsync(AppUser user, CancellationToken ct = default) =>
        await codes.SendAsync(pii.Decrypt(user.PhoneCipher), CodePurpose.Password, user.CountyId, deliver: true, ct);

    public async Task ChangeAsync(AppUser user, ChangePasswordRequest r, CancellationToken ct = default)
    {
        if (!string.IsNullOrEmpty(r.CurrentPassword))
        {
            // A guess of the current password is a sign-in try: it counts towards the same lockout.
            var attempt = await attempts.ReserveAsync(user.Id, ct)
                ?? throw new DomainException(Locked, DomainErrorKind.Conflict);
            if (!await users.CheckPasswordAsync(user, r.CurrentPassword))
            {
                throw new DomainException(attempt.LockedUntil is null ? "当前密码不正确。" : Locked);
            }
            await attempts.ForgiveAsync(attempt, ct);
        }
        else
        {
            var check = await codes.ConsumeAsync(pii.Decrypt(user.PhoneCipher), r.Code, CodePurpose.Password, ct);
            if (check != CodeCheck.Ok) throw new DomainException(VerificationCodes.Describe(check));
        }
        await accounts.SetPasswordAsync(user, r.NewPassword!);
        // The new security stamp ended every other session; this one gets a fresh cookie.
        await signIn.RefreshSignInAsync(user);
        db.AuditEntries.Add(new AuditEntry
        {
            CountyId = user.CountyId, At = clock.GetUtcNow(), UserId = user.Id, UserName = user.DisplayName, Action = AuditActions.Update,
            EntityType = "Account", EntityId = user.Id.ToString(), Summary = "本人修改登录密码", IpAddress = db.Scope.IpAddress,
        });
        await db.SaveChangesAsync(ct);
    }
}

public sealed class ChangePasswordRequest : IValidatableObject
{
    /// <summary>The current password; or leave it empty and give <see cref="Code"/>.</summary>
    [StringLength(128, ErrorMessage = "密码过长。")]
    [DataType(DataType.Password)]
    public string? CurrentPassword { get; set; }

    /// <summary>The code sent to the person's own phone by <c>POST /api/v1/me/password/code</c>.</summary>
    [RegularExpression(@"^\d{6}$", ErrorMessage = "验证码为 6 位数字。")]
    public string? Code { get; set; }

    [Required(ErrorMessage = "请填写新密码。")]
    [StringLength(128, MinimumLength = PasswordRules.MinLength, ErrorMessage = PasswordRules.Requirement)]
    [DataType(DataType.Password)]
    public string? NewPassword { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(CurrentPassword) && string.IsNullOrEmpty(Code))
        {
            yield return new ValidationResult("请填写当前密码，或获取短信验证码。", [nameof(CurrentPassword)]);
        }
        if (NewPassword is { } p && !PasswordRules.IsStrong(p))
        {
            yield return new ValidationResult(PasswordRules.Requirement, [nameof(NewPassword)]);
        }
    }
}
