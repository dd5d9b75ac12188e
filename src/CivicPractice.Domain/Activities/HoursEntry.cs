using CivicPractice.Domain.Common;

namespace CivicPractice.Domain.Activities;

public enum HoursEntryKind
{
    /// <summary>Hours confirmed by the organiser.</summary>
    Credit = 1,
    /// <summary>Cancels an earlier entry in full (a correction is a reversal plus a new credit).</summary>
    Reversal = 2,
}

/// <summary>
/// One line of the append-only hours ledger (DOMAIN.md §7; STYLE.md 17): never updated, never deleted. A correction is
/// a <see cref="HoursEntryKind.Reversal"/> of the entry plus a new credit, each with its reason, author and time; every
/// total shown anywhere is the sum of a volunteer's entries.
/// </summary>
public sealed class HoursEntry
{
    private HoursEntry() { }

    public Guid Id { get; private set; }
    public Guid CountyId { get; private set; }
    public Guid VolunteerId { get; private set; }
    public Guid ActivityId { get; private set; }
    public HoursEntryKind Kind { get; private set; }
    /// <summary>Positive for a credit, the negative of the reversed credit for a reversal.</summary>
    public decimal Hours { get; private set; }
    public Guid? ReversesId { get; private set; }
    public string Reason { get; private set; } = "";
    public Guid AuthorId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static HoursEntry Credit(Guid countyId, Guid volunteerId, Guid activityId, decimal hours, string reason, Guid author, DateTimeOffset now)
    {
        if (hours <= 0) throw new DomainException("确认的工时须大于 0；不计工时请选择“不予确认”。");
        if (hours > 24 * 7) throw new DomainException("单次活动的工时不能超过 168 小时。");
        return new HoursEntry
        {
            Id = Guid.CreateVersion7(now), CountyId = countyId, VolunteerId = volunteerId, ActivityId = activityId,
            Kind = HoursEntryKind.Credit, Hours = hours, Reason = Text(reason), AuthorId = author, CreatedAt = now,
        };
    }

    /// <summary>Reverses <paramref name="entry"/>; <paramref name="ledger"/> is the volunteer's entries, to refuse a second reversal.</summary>
    public static HoursEntry Reverse(HoursEntry entry, IEnumerable<HoursEntry> ledger, string reason, Guid author, DateTimeOffset now)
    {
        if (entry.Kind != HoursEntryKind.Credit) throw new DomainException("只能冲销确认记录，不能冲销冲销记录。", DomainErrorKind.Conflict);
        if (ledger.Any(e => e.ReversesId == entry.Id)) throw new DomainException("该工时记录已被冲销。", DomainErrorKind.Conflict);
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("请填写冲销或调整的原因。");
        return new HoursEntry
        {
            Id = Guid.CreateVersion7(now), CountyId = entry.CountyId, VolunteerId = entry.VolunteerId, ActivityId = entry.ActivityId,
            Kind = HoursEntryKind.Reversal, Hours = -entry.Hours, ReversesId = entry.Id, Reason = Text(reason), AuthorId = author, CreatedAt = now,
        };
    }

    private static string Text(string reason)
    {
        var text = reason.Trim();
        if (text.Length > ActivityPolicies.MaxReasonLength) throw new DomainException($"原因最长 {ActivityPolicies.MaxReasonLength} 个字。");
        return text;
    }
}

/// <summary>Totals derived from the ledger; nothing stores a balance.</summary>
public static class HoursLedger
{
    public static decimal Total(IEnumerable<HoursEntry> entries) => entries.Sum(e => e.Hours);

    /// <summary>The hours standing for one activity: its credits not reversed.</summary>
    public static decimal ForActivity(IEnumerable<HoursEntry> entries, Guid activityId) => entries.Where(e => e.ActivityId == activityId).Sum(e => e.Hours);

    /// <summary>The credit currently standing for an activity (the one to reverse when the organiser adjusts), if any.</summary>
    public static HoursEntry? Standing(IReadOnlyCollection<HoursEntry> entries, Guid activityId) =>
        entries.Where(e => e.ActivityId == activityId && e.Kind == HoursEntryKind.Credit && !entries.Any(r => r.ReversesId == e.Id))
            .OrderByDescending(e => e.CreatedAt).FirstOrDefault();
}
