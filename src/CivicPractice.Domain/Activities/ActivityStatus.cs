namespace CivicPractice.Domain.Activities;

/// <summary>Where an activity stands: draft → published → sign-up closed → in progress → finished → archived, or cancelled.</summary>
public enum ActivityStatus
{
    Draft = 1,
    Published = 2,
    SignupClosed = 3,
    InProgress = 4,
    Finished = 5,
    Archived = 6,
    Cancelled = 7,
}

/// <summary>The allowed moves between <see cref="ActivityStatus"/> values, in one table the tests walk completely.</summary>
public static class ActivityStateMachine
{
    private static readonly Dictionary<ActivityStatus, ActivityStatus[]> Next = new()
    {
        [ActivityStatus.Draft] = [ActivityStatus.Published, ActivityStatus.Cancelled],
        // Sign-up may close early, or an activity may start while sign-up is still open (walk-ins).
        [ActivityStatus.Published] = [ActivityStatus.SignupClosed, ActivityStatus.InProgress, ActivityStatus.Cancelled],
        // Closing is not final: an organiser may reopen sign-up before the start (a seat came free, the time moved).
        [ActivityStatus.SignupClosed] = [ActivityStatus.Published, ActivityStatus.InProgress, ActivityStatus.Cancelled],
        // A started activity can still be called off (weather, an emergency); hours of those present are then kept.
        [ActivityStatus.InProgress] = [ActivityStatus.Finished, ActivityStatus.Cancelled],
        [ActivityStatus.Finished] = [ActivityStatus.Archived],
        [ActivityStatus.Archived] = [],
        [ActivityStatus.Cancelled] = [],
    };

    public static bool CanMove(ActivityStatus from, ActivityStatus to) => Next[from].Contains(to);

    public static IReadOnlyList<ActivityStatus> From(ActivityStatus status) => Next[status];

    public static string Label(ActivityStatus status) => status switch
    {
        ActivityStatus.Draft => "草稿",
        ActivityStatus.Published => "报名中",
        ActivityStatus.SignupClosed => "报名截止",
        ActivityStatus.InProgress => "进行中",
        ActivityStatus.Finished => "已结束",
        ActivityStatus.Archived => "已归档",
        ActivityStatus.Cancelled => "已取消",
        _ => status.ToString(),
    };
}
