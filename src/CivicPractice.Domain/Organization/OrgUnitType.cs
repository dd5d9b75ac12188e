namespace CivicPractice.Domain.Organization;

/// <summary>The tiers of a county's practice network (DOMAIN.md §2).</summary>
public enum OrgUnitType
{
    /// <summary>中心 — one per county, the root of the tree.</summary>
    Center = 1,
    /// <summary>所 — one per town or street.</summary>
    Institute = 2,
    /// <summary>站 — one per village or community.</summary>
    Station = 3,
    /// <summary>点 — practice point below a station.</summary>
    Point = 4,
    /// <summary>基地 — practice base at an agency, enterprise, school or social organisation.</summary>
    Base = 5,
}
