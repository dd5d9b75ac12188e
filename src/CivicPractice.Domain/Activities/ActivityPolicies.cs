namespace CivicPractice.Domain.Activities;

/// <summary>Limits and defaults of activities, sign-up and hours, shared by validators, the domain and the tests.</summary>
public static class ActivityPolicies
{
    public const int MinSeats = 1;
    public const int MaxSeats = 5000;
    public const int MaxTitleLength = 60;
    public const int MaxContentLength = 5000;
    /// <summary>An activity is a day's service at most a week long; longer work is a project (DOMAIN.md §6).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);
    /// <summary>Hours are rounded down to this step unless the county sets another (issue #13: default 0.5 h).</summary>
    public const decimal DefaultHoursStep = 0.5m;
    /// <summary>The check-in QR code's token changes this often; the previous one is still accepted (a scan in flight).</summary>
    public static readonly TimeSpan CheckinTokenStep = TimeSpan.FromSeconds(30);
    /// <summary>Check-in opens this long before the start (people arrive early) and closes at the end.</summary>
    public static readonly TimeSpan CheckinOpensBefore = TimeSpan.FromHours(1);
    /// <summary>A volunteer may cancel until this long before the start unless the organiser sets another cut-off.</summary>
    public static readonly TimeSpan DefaultCancelCutoff = TimeSpan.FromHours(2);
    public const int DefaultGeofenceMeters = 500;
    public const int MaxReasonLength = 200;
}
