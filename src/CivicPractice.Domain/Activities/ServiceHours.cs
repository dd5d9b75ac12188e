using CivicPractice.Domain.Common;

namespace CivicPractice.Domain.Activities;

/// <summary>
/// Hours served at an activity: the time between check-in and check-out, clamped to the activity's own time (arriving
/// early or staying late earns nothing extra), rounded down to the county's step (default 0.5 h).
/// </summary>
public static class ServiceHours
{
    public static decimal Compute(DateTimeOffset checkIn, DateTimeOffset checkOut, DateTimeOffset starts, DateTimeOffset ends, decimal step = ActivityPolicies.DefaultHoursStep)
    {
        if (checkOut < checkIn) throw new DomainException("签退时间不能早于签到时间。");
        if (step <= 0) throw new DomainException("工时取整单位须大于 0。");
        var from = checkIn > starts ? checkIn : starts;
        var to = checkOut < ends ? checkOut : ends;
        if (to <= from) return 0;
        return RoundDown((decimal)(to - from).TotalHours, step);
    }

    public static decimal RoundDown(decimal hours, decimal step) => Math.Floor(hours / step) * step;
}
