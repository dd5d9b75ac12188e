using CivicPractice.Domain.Common;

namespace CivicPractice.Domain.Organization;

/// <summary>Defaults of the indicators a county measures (DOMAIN.md §4); each county may set its own.</summary>
public static class IndicatorPolicies
{
    /// <summary>Registered volunteers / resident population ≥ 13 % (DOMAIN.md §4, seeds 001 and 003 篇四).</summary>
    public const double DefaultRegistrationTargetPercent = 13;
    public const double MinRegistrationTargetPercent = 0.1;
    public const double MaxRegistrationTargetPercent = 100;
}

/// <summary>
/// One unit as the registration indicator sees it: the population set on the unit (0 = not set) and the volunteers
/// registered at it (stations hold volunteers; other units get theirs from below).
/// </summary>
public sealed record PopulationNode(Guid Id, Guid? ParentId, int SetPopulation, int Registered, int Approved);

/// <summary>
/// A unit's registration rate: registered volunteers (approved and pending) over the resident population.
/// <see cref="Population"/> is the unit's own figure when set, else the sum of its children's.
/// </summary>
public sealed record UnitRegistration(Guid Id, int SetPopulation, int ChildrenPopulation, int Registered, int Approved)
{
    public int Population => SetPopulation > 0 ? SetPopulation : ChildrenPopulation;

    /// <summary>The unit's own figure disagrees with what its children add up to (both known).</summary>
    public bool PopulationDiffers => SetPopulation > 0 && ChildrenPopulation > 0 && SetPopulation != ChildrenPopulation;

    public double? RatePercent => Population > 0 ? Registered * 100.0 / Population : null;

    public bool MeetsTarget(double targetPercent) => RatePercent is { } rate && rate >= targetPercent;
}

public static class RegistrationIndicator
{
    /// <summary>Rolls populations and volunteer counts up the tree; units whose parent is not given are tops.</summary>
    public static IReadOnlyDictionary<Guid, UnitRegistration> Roll(IEnumerable<PopulationNode> nodes)
    {
        var all = nodes.ToDictionary(n => n.Id);
        var children = all.Values.Where(n => n.ParentId is { } p && all.ContainsKey(p)).ToLookup(n => n.ParentId!.Value);
        var result = new Dictionary<Guid, UnitRegistration>(all.Count);
        foreach (var top in all.Values.Where(n => n.ParentId is not { } p || !all.ContainsKey(p)))
        {
            Visit(top);
        }
        return result;

        // The tree is at most four tiers deep (中心-所-站-点), so recursion stays shallow.
        UnitRegistration Visit(PopulationNode node)
        {
            int childPopulation = 0, registered = node.Registered, approved = node.Approved;
            foreach (var child in children[node.Id])
            {
                var c = Visit(child);
                childPopulation += c.Population;
                registered += c.Registered;
                approved += c.Approved;
            }
            return result[node.Id] = new UnitRegistration(node.Id, node.SetPopulation, childPopulation, registered, approved);
        }
    }
}
