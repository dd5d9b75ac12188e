using System.Globalization;

namespace CivicPractice.Web.Infrastructure;

/// <summary>Instants are stored in UTC; people read them in Beijing time (DESIGN: one clock, shown in Asia/Shanghai).</summary>
public static class ChinaTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Local(clock.GetUtcNow()).DateTime);

    /// <summary>2026-11-24 15:00 (or with seconds).</summary>
    public static string Format(DateTimeOffset at, bool seconds = false) =>
        Local(at).ToString(seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset at) => Local(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The start of a Beijing calendar day, as an instant.</summary>
    public static DateTimeOffset StartOf(DateTime day) => new(day.Date, Zone.GetUtcOffset(day.Date));

    /// <summary>Whole years of age on a day.</summary>
    public static int Age(DateOnly birth, DateOnly on) => on.Year - birth.Year - (on < birth.AddYears(on.Year - birth.Year) ? 1 : 0);
}
