namespace CivicPractice.Domain.Organization;

/// <summary>
/// 阵地所属平台 — the service platforms whose venues a practice unit schedules. Which platforms a county builds
/// differs by plan, so they are a list each county edits (county settings); these are the defaults: the five of
/// seed 004 (理论宣讲、教育服务、文化服务、科技与科普服务、健身体育服务), 法律服务 and 卫生服务 (seed 004's
/// venue list, 000), 扶贫攻坚服务 (seed 003) and 网格服务 (seed 000).
/// </summary>
public static class ServicePlatforms
{
    public const int MaxLength = 30;

    public static readonly IReadOnlyList<string> Defaults =
    [
        "理论宣讲平台", "教育服务平台", "文化服务平台", "科技与科普服务平台", "健身体育服务平台",
        "法律服务平台", "卫生服务平台", "扶贫攻坚服务平台", "网格服务平台",
    ];

    /// <summary>What venues stored as "other" (99) before platforms were a list are called now; it is no default.</summary>
    public const string Other = "其他";
}
