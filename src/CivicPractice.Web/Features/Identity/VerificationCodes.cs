using System.Security.Cryptography;
using System.Text;
using CivicPractice.Domain.Identity;
using CivicPractice.Web.Data;
using CivicPractice.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Features.Identity;

public enum CodePurpose
{
    SignIn = 1,
    Register = 2,
    /// <summary>A signed-in person sets a password without knowing the old one (accounts opened by SMS).</summary>
    Password = 3,
}

public enum CodeCheck
{
    Ok,
    ExpiredOrMissing,
    Wrong,
}

/// <summary>
/// SMS one-time codes: 6 digits, 5 minutes, one per minute per phone and purpose (and no more texts per phone per
/// hour than <c>Civic:RateLimits:SmsPerPhone</c> allows), 5 tries; only a hash is stored, and a used code cannot be replayed.
/// </summary>
public sealed class VerificationCodes(AppDbContext db, PiiProtector pii, SmsService sms, TimeProvider clock, PhoneRateLimiter limits)
{
    public const int LifetimeMinutes = 5;
    public const int ResendSeconds = 60;
    /// <summary>Tries per code, the right one included.</summary>
    public const int MaxAttempts = 5;

    /// <summary>Returns an error to show, or null. With <paramref name="deliver"/> false the code is recorded but not sent
    /// (a sign-in code for a phone with no account: the answer must look the same).</summary>
    public async Task<string?> SendAsync(string phone, CodePurpose purpose, Guid? countyId, bool deliver, CancellationToken ct = default)
    {
        phone = MobileNumber.Normalize(phone);
        if (!MobileNumber.IsValid(phone)) return MobileNumber.Invalid;
        var index = pii.PhoneIndex(phone);
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        // "Is there a code younger than a minute?" and writing the new one must not interleave for one phone, or
        // parallel requests all find none and all send. One process decides them one at a time (see SendGate).
        using (await SendGate.EnterAsync(index + "|" + (int)purpose, ct))
        {
            var now = clock.GetUtcNow();
            var recent = await db.SmsCodes.Where(c => c.PhoneIndex == index && c.Purpose == purpose).OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(ct);
            if (recent is not null && now - recent.CreatedAt < TimeSpan.FromSeconds(ResendSeconds))
            {
                return $"验证码已发送，请 {ResendSeconds} 秒后再试。";
            }
            if (!limits.TrySendText(index)) return "该手机号获取验证码过于频繁，请稍后再试。";
            db.SmsCodes.Add(new SmsCode { PhoneIndex = index, Purpose = purpose, CodeHash = Hash(index, code), CreatedAt = now, ExpiresAt = now.AddMinutes(LifetimeMinutes) });
            await db.SaveChangesAsync(ct);
        }
        if (deliver)
        {
            var template = purpose switch
            {
                CodePurpose.Register => SmsTemplate.RegisterCode,
                CodePurpose.Password => SmsTemplate.PasswordCode,
                _ => SmsTemplate.SignInCode,
            };
            await sms.SendAsync(countyId, phone, template, new Dictionary<string, string>
            {
                ["code"] = code,
                ["minutes"] = LifetimeMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }, ct);
        }
        return null;
    }

    /// <summary>
    /// Checks and, when right, consumes the newest open code of the phone for the purpose. Both steps are single
    /// conditional updates in the database, so parallel guesses cannot exceed the attempt limit and a right code
    /// is used once, however many requests carry it at the same moment.
    /// </summary>
    public async Task<CodeCheck> ConsumeAsync(string phone, string? code, CodePurpose purpose, CancellationToken ct = default)
    {
        var index = pii.PhoneIndex(phone);
        var now = clock.GetUtcNow();
        var pending = await db.SmsCodes.AsNoTracking().Where(c => c.PhoneIndex == index && c.Purpose == purpose && c.UsedAt == null)
            .OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        if (pending is null || pending.ExpiresAt < now) return CodeCheck.ExpiredOrMissing;
        // Every try spends one of the attempts before it is judged.
        var spent = await db.SmsCodes.Where(c => c.Id == pending.Id && c.UsedAt == null && c.FailedAttempts < MaxAttempts)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.FailedAttempts, c => c.FailedAttempts + 1), ct);
        if (spent == 0) return CodeCheck.ExpiredOrMissing;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(pending.CodeHash), Encoding.ASCII.GetBytes(Hash(index, code?.Trim() ?? ""))))
        {
            return CodeCheck.Wrong;
        }
        var used = await db.SmsCodes.Where(c => c.Id == pending.Id && c.UsedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.UsedAt, now), ct);
        return used == 1 ? CodeCheck.Ok : CodeCheck.ExpiredOrMissing;
    }

    public static string Describe(CodeCheck check) => check switch
    {
        CodeCheck.ExpiredOrMissing => "验证码无效或已过期，请重新获取。",
        CodeCheck.Wrong => "验证码错误。",
        _ => "",
    };

    private static string Hash(string index, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(index + "|" + code)));

    /// <summary>
    /// A lock per key (a phone's blind index and purpose) without a lock object per phone: keys hash onto a fixed set of
    /// semaphores, so memory stays bounded and two phones rarely wait for each other. It serialises one process only;
    /// several app instances behind a load balancer need sticky sessions or a database-side guard.
    /// </summary>
    private static class SendGate
    {
        private static readonly SemaphoreSlim[] Stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

        public static async Task<IDisposable> EnterAsync(string key, CancellationToken ct)
        {
            var stripe = Stripes[(uint)StringComparer.Ordinal.GetHashCode(key) % (uint)Stripes.Length];
            await stripe.WaitAsync(ct);
            return new Release(stripe);
        }

        private sealed class Release(SemaphoreSlim stripe) : IDisposable
        {
            private int _released;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _released, 1) == 0) stripe.Release();
            }
        }
    }
}
