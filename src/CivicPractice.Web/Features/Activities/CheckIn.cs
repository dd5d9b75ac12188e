using CivicPractice.Domain.Activities;
using CivicPractice.Domain.Common;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Data;
using CivicPractice.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using QRCoder;

namespace CivicPractice.Web.Features.Activities;

/// <summary>The code on the organiser's screen: the token, the URL a phone camera opens, and when the code changes.</summary>
public sealed record CheckinCode(string Token, string Url, DateTimeOffset RefreshAt);

public sealed class CheckinRequest
{
    [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "请扫描现场的签到二维码。")]
    [System.ComponentModel.DataAnnotations.StringLength(64, ErrorMessage = "签到码无效，请重新扫描现场的二维码。")]
    public string? Token { get; set; }

    [System.ComponentModel.DataAnnotations.Range(-90.0, 90.0, ErrorMessage = "位置无效。")]
    public double? Latitude { get; set; }

    [System.ComponentModel.DataAnnotations.Range(-180.0, 180.0, ErrorMessage = "位置无效。")]
    public double? Longitude { get; set; }
}

/// <summary>
/// Check-in and check-out without an app: the organiser's screen shows a QR code whose token rotates every 30 s
/// (<see cref="CheckinTokens"/>, keyed by a key derived from the deployment's secret); the volunteer's phone opens the
/// URL and the signed-in volunteer is checked in. Outside the activity's geofence the check-in is kept for review.
/// </summary>
public sealed class CheckIn(AppDbContext db, PiiProtector pii, TimeProvider clock)
{
    private byte[] Key => pii.DeriveKey("checkin-token");

    public async Task<CheckinCode> CodeAsync(Guid activityId, string baseUrl, CancellationToken ct = default)
    {
        var activity = await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == activityId && a.UnitPath.StartsWith(db.Scope.Path), ct)
            ?? throw new NotFoundException("活动");
        var now = clock.GetUtcNow();
        var token = CheckinTokens.Create(Key, activity.Id, now);
        var step = (long)ActivityPolicies.CheckinTokenStep.TotalSeconds;
        var refresh = DateTimeOffset.FromUnixTimeSeconds((now.ToUnixTimeSeconds() / step + 1) * step);
        return new CheckinCode(token, $"{baseUrl.TrimEnd('/')}/activities/{activity.Id}/checkin?t={Uri.EscapeDataString(token)}", refresh);
    }

    public async Task<byte[]> QrPngAsync(Guid activityId, string baseUrl, CancellationToken ct = default)
    {
        var code = await CodeAsync(activityId, baseUrl, ct);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(code.Url, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(10);
    }

    public Task<SignupDto> InAsync(Guid activityId, CheckinRequest r, CancellationToken ct = default) => ScanAsync(activityId, r, checkOut: false, ct);

    public Task<SignupDto> OutAsync(Guid activityId, CheckinRequest r, CancellationToken ct = default) => ScanAsync(activityId, r, checkOut: true, ct);

    /// <summary>The organiser checks someone in or out by hand (no phone, a flat battery); each such record is audited.</summary>
    public async Task<SignupDto> ByHandAsync(Guid activityId, Guid signupId, bool checkOut, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var activity = await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == activityId && a.UnitPath.StartsWith(db.Scope.Path), ct)
            ?? throw new NotFoundException("活动");
        if (!activity.IsOpenForCheckin(now) && activity.Status != ActivityStatus.Finished)
        {
            throw new DomainException("不在签到时间内：活动开始前 1 小时至活动结束可以签到、签退。", DomainErrorKind.Conflict);
        }
        var signup = await db.Signups.FirstOrDefaultAsync(s => s.Id == signupId && s.ActivityId == activityId, ct) ?? throw new NotFoundException("报名记录");
        var name = await db.Volunteers.IgnoreQueryFilters().Where(v => v.Id == signup.VolunteerId).Select(v => v.Name).FirstAsync(ct);
        var by = db.Scope.UserId ?? Guid.Empty;
        var changed = checkOut ? signup.CheckOut(now, by) : signup.CheckIn(now, needsReview: false, by);
        if (changed)
        {
            db.AuditEntries.Add(new Audit.AuditEntry
            {
                CountyId = activity.CountyId, At = now, UserId = db.Scope.UserId, UserName = db.Scope.UserName, IpAddress = db.Scope.IpAddress,
                Action = Audit.AuditActions.Update, EntityType = nameof(Signup), EntityId = signup.Id.ToString(),
                Summary = $"{(checkOut ? "手工签退" : "手工签到")}：{name}（{activity.Title}）",
            });
        }
        await db.SaveChangesAsync(ct);
        return SignupDto.Of(signup);
    }

    private async Task<SignupDto> ScanAsync(Guid activityId, CheckinRequest r, bool checkOut, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var activity = await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == activityId, ct) ?? throw new NotFoundException("活动");
        var check = CheckinTokens.Check(Key, r.Token, activity.Id, now);
        if (check != CheckinTokenCheck.Ok) throw new DomainException(CheckinTokens.Describe(check));
        if (!activity.IsOpenForCheckin(now)) throw new DomainException("不在签到时间内：活动开始前 1 小时至活动结束可以签到、签退。", DomainErrorKind.Conflict);
        var me = (await MyVolunteer.ApprovedAsync(db, "签到", ct)).Id;
        var signup = await db.Signups.FirstOrDefaultAsync(s => s.ActivityId == activityId && s.VolunteerId == me, ct)
            ?? throw new DomainException("您没有报名该活动，不能签到。", DomainErrorKind.Conflict);
        if (checkOut) signup.CheckOut(now);
        else signup.CheckIn(now, needsReview: !Geofence.Admits(activity, r.Latitude, r.Longitude));
        await db.SaveChangesAsync(ct);
        return SignupDto.Of(signup);
    }
}
