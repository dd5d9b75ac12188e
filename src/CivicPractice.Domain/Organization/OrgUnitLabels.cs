namespace CivicPractice.Domain.Organization;

/// <summary>Chinese names of the tiers, as staff say them.</summary>
public static class OrgUnitLabels
{
    public static string Of(OrgUnitType type) => type switch
    {
        OrgUnitType.Center => "实践中心",
        OrgUnitType.Institute => "实践所",
        OrgUnitType.Station => "实践站",
        OrgUnitType.Point => "实践点",
        OrgUnitType.Base => "实践基地",
        _ => type.ToString(),
    };

    public static string Of(VenuePlatform platform) => platform switch
    {
        VenuePlatform.Theory => "理论宣讲平台",
        VenuePlatform.Education => "教育服务平台",
        VenuePlatform.Culture => "文化服务平台",
        VenuePlatform.Science => "科技与科普服务平台",
        VenuePlatform.Fitness => "健身体育服务平台",
        VenuePlatform.Legal => "法律服务平台",
        VenuePlatform.Health => "卫生服务平台",
        VenuePlatform.Other => "其他",
        _ => platform.ToString(),
    };
}
