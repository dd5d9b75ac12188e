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
}
