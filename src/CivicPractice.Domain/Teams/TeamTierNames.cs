using CivicPractice.Domain.Common;

namespace CivicPractice.Domain.Teams;

/// <summary>
/// What a county calls its tier teams and squads. 总队/大队/中队/小队 is one county's scheme (seed 004); others differ
/// (seed 003: 总队 → 18 支 大队 → 369 支 小队 at the villages, no 中队), so the names are a county setting with these
/// defaults. Specialised teams (支队/分队) keep their names.
/// </summary>
public sealed record TeamTierNames(string Corps, string Brigade, string Squadron, string Squad)
{
    public const int MaxLength = 6;

    public static readonly TeamTierNames Default = new("总队", "大队", "中队", "小队");

    public string Of(TeamKind kind) => kind switch
    {
        TeamKind.Corps => Corps,
        TeamKind.Brigade => Brigade,
        TeamKind.Squadron => Squadron,
        TeamKind.Squad => Squad,
        _ => TeamLabels.Of(kind),
    };

    /// <summary>Trimmed, filled, short, different from each other and from the specialised teams' names.</summary>
    public static TeamTierNames Create(string? corps, string? brigade, string? squadron, string? squad)
    {
        string[] names = [.. new[] { corps, brigade, squadron, squad }.Select(n => n?.Trim() ?? "")];
        if (names.Any(n => n.Length == 0)) throw new DomainException("请填写每一级队伍的名称。");
        if (names.Any(n => n.Length > MaxLength)) throw new DomainException($"队伍层级名称最长 {MaxLength} 个字。");
        if (names.Distinct().Count() != names.Length) throw new DomainException("各级队伍的名称不能相同。");
        var reserved = new[] { TeamLabels.Of(TeamKind.Detachment), TeamLabels.Of(TeamKind.Section) };
        if (names.FirstOrDefault(reserved.Contains) is { } taken) throw new DomainException($"“{taken}”是专业队伍的名称，不能用作层级队伍的名称。");
        return new TeamTierNames(names[0], names[1], names[2], names[3]);
    }
}
