using CivicPractice.Domain.Common;

namespace CivicPractice.Domain.Activities;

public enum SignupStatus
{
    /// <summary>Holds a seat.</summary>
    Confirmed = 1,
    /// <summary>Waits for a seat, promoted in arrival order.</summary>
    WaitListed = 2,
    /// <summary>Waits for the organiser's approval (activities that require it); holds no seat yet.</summary>
    PendingApproval = 3,
    Cancelled = 4,
    Rejected = 5,
}

public enum AttendanceReview
{
    None = 0,
    /// <summary>Checked in outside the activity's geofence (or without a position where one is required).</summary>
    NeedsReview = 1,
    Accepted = 2,
}

/// <summary>
/// 报名: one volunteer's place at one activity (unique per pair). <see cref="Sequence"/> is the arrival order the
/// wait-list is promoted in. Attendance (check-in/out) is recorded here; hours live in the ledger.
/// </summary>
public sealed class Signup
{
    private Signup() { }

    public Guid Id { get; private set; }
    public Guid CountyId { get; private set; }
    public Guid ActivityId { get; private set; }
    public Guid VolunteerId { get; private set; }
    public SignupStatus Status { get; private set; }
    public long Sequence { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? CheckedInAt { get; private set; }
    public DateTimeOffset? CheckedOutAt { get; private set; }
    public AttendanceReview Review { get; private set; }
    /// <summary>Set when the organiser checked the person in or out by hand (audited).</summary>
    public Guid? RecordedBy { get; private set; }

    public static Signup Create(Activity activity, Guid volunteerId, SignupStatus status, long sequence, DateTimeOffset now)
    {
        if (status is not (SignupStatus.Confirmed or SignupStatus.WaitListed or SignupStatus.PendingApproval))
        {
            throw new ArgumentOutOfRangeException(nameof(status));
        }
        return new Signup
        {
            Id = Guid.CreateVersion7(now), CountyId = activity.CountyId, ActivityId = activity.Id, VolunteerId = volunteerId, Status = status,
            Sequence = sequence, CreatedAt = now, UpdatedAt = now,
        };
    }

    public bool HoldsSeat => Status == SignupStatus.Confirmed;

    /// <summary>A volunteer who cancelled (or was refused) signs up again: the same row, a new place in the queue.</summary>
    public void Renew(SignupStatus status, long sequence, DateTimeOffset now)
    {
        if (Status is not (SignupStatus.Cancelled or SignupStatus.Rejected)) throw new DomainException("您已报名该活动。", DomainErrorKind.Conflict);
        if (status is not (SignupStatus.Confirmed or SignupStatus.WaitListed or SignupStatus.PendingApproval)) throw new ArgumentOutOfRangeException(nameof(status));
        Status = status;
        Sequence = sequence;
        CheckedInAt = null;
        CheckedOutAt = null;
        Review = AttendanceReview.None;
        UpdatedAt = now;
    }

    /// <summary>The volunteer cancels: allowed until the cut-off before the start, and never after checking in.</summary>
    public void Cancel(Activity activity, DateTimeOffset now)
    {
        if (Status is SignupStatus.Cancelled or SignupStatus.Rejected) throw new DomainException("该报名已取消。", DomainErrorKind.Conflict);
        if (CheckedInAt is not null) throw new DomainException("已签到，不能取消报名。", DomainErrorKind.Conflict);
        if (now > activity.StartsAt - ActivityPolicies.DefaultCancelCutoff && Status == SignupStatus.Confirmed)
        {
            throw new DomainException("活动开始前 2 小时内不能取消报名，如有变故请联系活动负责人。", DomainErrorKind.Conflict);
        }
        Status = SignupStatus.Cancelled;
        UpdatedAt = now;
    }

    /// <summary>A wait-listed or pending sign-up gets a seat (promotion or the organiser's approval).</summary>
    public void Confirm(DateTimeOffset now)
    {
        if (Status is not (SignupStatus.WaitListed or SignupStatus.PendingApproval)) throw new DomainException("该报名不在候补或待审核状态。", DomainErrorKind.Conflict);
        Status = SignupStatus.Confirmed;
        UpdatedAt = now;
    }

    public void Reject(DateTimeOffset now)
    {
        if (Status is not (SignupStatus.PendingApproval or SignupStatus.WaitListed)) throw new DomainException("只能拒绝待审核或候补中的报名。", DomainErrorKind.Conflict);
        Status = SignupStatus.Rejected;
        UpdatedAt = now;
    }

    /// <summary>Records the check-in; a second scan changes nothing (idempotent) and returns false.</summary>
    public bool CheckIn(DateTimeOffset now, bool needsReview, Guid? recordedBy = null)
    {
        if (Status != SignupStatus.Confirmed) throw new DomainException("您没有该活动的有效报名，不能签到。", DomainErrorKind.Conflict);
        if (CheckedInAt is not null) return false;
        CheckedInAt = ToSecond(now);
        Review = needsReview ? AttendanceReview.NeedsReview : AttendanceReview.None;
        RecordedBy = recordedBy;
        UpdatedAt = now;
        return true;
    }

    /// <summary>Records the check-out; refused before a check-in, idempotent after the first.</summary>
    public bool CheckOut(DateTimeOffset now, Guid? recordedBy = null)
    {
        if (CheckedInAt is not { } checkedIn) throw new DomainException("尚未签到，不能签退。", DomainErrorKind.Conflict);
        if (CheckedOutAt is not null) return false;
        CheckedOutAt = now < checkedIn ? checkedIn : ToSecond(now);
        if (recordedBy is not null) RecordedBy = recordedBy;
        UpdatedAt = now;
        return true;
    }

    /// <summary>Attendance is kept to the second: what both databases store exactly and what the organiser reads.</summary>
    private static DateTimeOffset ToSecond(DateTimeOffset at) => new(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, at.Offset);

    public void AcceptAttendance(DateTimeOffset now)
    {
        Review = AttendanceReview.Accepted;
        UpdatedAt = now;
    }
}

/// <summary>Distance on the earth's surface (haversine), for the check-in geofence.</summary>
public static class Geofence
{
    private const double EarthRadiusMeters = 6_371_000;

    public static double DistanceMeters(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double deg) => deg * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>True when the activity has no geofence, or the reported position lies inside it.</summary>
    public static bool Admits(Activity activity, double? latitude, double? longitude) =>
        activity.GeofenceMeters is not { } radius || activity.Latitude is not { } lat || activity.Longitude is not { } lon
        || (latitude is { } la && longitude is { } lo && DistanceMeters(lat, lon, la, lo) <= radius);
}
