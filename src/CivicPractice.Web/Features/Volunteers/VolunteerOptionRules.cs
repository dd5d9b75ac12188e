using CivicPractice.Domain.Common;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Features.Volunteers;

/// <summary>
/// The county's active choices for a volunteer's lists (专业技能, 服务意向, 人员标签, 可服务时间). A value outside them is
/// refused on import and on a volunteer's own correction, so filters and counts by skill or tag stay meaningful.
/// </summary>
public sealed class VolunteerOptionRules
{
    private readonly Dictionary<VolunteerOptionKind, HashSet<string>> active;

    private VolunteerOptionRules(Dictionary<VolunteerOptionKind, HashSet<string>> active) => this.active = active;

    public static readonly (VolunteerOptionKind Kind, string Label)[] Lists =
    [
        (VolunteerOptionKind.Interest, "服务意向"), (VolunteerOptionKind.Skill, "专业技能"),
        (VolunteerOptionKind.Tag, "人员标签"), (VolunteerOptionKind.Availability, "可服务时间"),
    ];

    public static async Task<VolunteerOptionRules> LoadAsync(AppDbContext db, Guid countyId, CancellationToken ct)
    {
        var rows = await db.VolunteerOptions.IgnoreQueryFilters().AsNoTracking()
            .Where(o => o.CountyId == countyId && o.IsActive).OrderBy(o => o.SortOrder).Select(o => new { o.Kind, o.Name }).ToListAsync(ct);
        return new(Lists.ToDictionary(l => l.Kind, l => rows.Where(r => r.Kind == l.Kind).Select(r => r.Name).ToHashSet(StringComparer.Ordinal)));
    }

    /// <summary>The active names of one list, in the county's order.</summary>
    public IReadOnlyCollection<string> Names(VolunteerOptionKind kind) => active[kind];

    /// <summary>
    /// Why the profile's lists hold a value the county does not offer, or null. Values the volunteer already holds stay
    /// allowed (<paramref name="held"/>): an option the county retired later does not lock its holders out of correcting.
    /// </summary>
    public string? Refusal(VolunteerProfile profile, Volunteer? held = null)
    {
        foreach (var (kind, label) in Lists)
        {
            var (values, kept) = kind switch
            {
                VolunteerOptionKind.Interest => (profile.Interests, held?.Interests),
                VolunteerOptionKind.Skill => (profile.Skills, held?.Skills),
                VolunteerOptionKind.Tag => (profile.Tags, held?.Tags),
                _ => (profile.Availability, held?.Availability),
            };
            foreach (var value in (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()))
            {
                if (!active[kind].Contains(value) && kept?.Contains(value) != true)
                {
                    return $"{label}“{(value.Length > Volunteer.MaxItemLength ? value[..Volunteer.MaxItemLength] + "…" : value)}”不是本县（区）的可选项，请从列表中选择（可选项由县级管理员在“系统设置”中维护）。";
                }
            }
        }
        return null;
    }

    /// <summary>Throws the refusal as a 400.</summary>
    public void Check(VolunteerProfile profile, Volunteer? held = null)
    {
        if (Refusal(profile, held) is { } reason) throw new DomainException(reason);
    }
}
