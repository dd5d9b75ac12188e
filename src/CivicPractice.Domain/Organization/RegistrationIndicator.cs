using CivicPractice.Domain.Common;

namespace CivicPractice.Domain.Organization;

/// <summary>Defaults of the indicators a county measures (DOMAIN.md §4); each county may set its own.</summary>
public static class IndicatorPolicies
{
    /// <summary>Registered volunteers / resident population ≥ 13 % (DOMAIN.md §4, seeds 001 and 003 篇四).</summary>
    public const double DefaultRegistrationTargetPercent = 13;
    public const double MinRegistrationTargetPercent = 0.1;
    public const double MaxRegistrationTargetPercent = 100;
    /// <summary>Party members and cadres registered: 100 % (DOMAIN.md §4, seed 003 篇四), counted by employer (seed 004).</summary>
    public const double PartyRegistrationTargetPercent = 100;
}

/// <summary>
/// One unit as the registration indicator sees it: the population set on the unit (0 = not set) and the volunteers
/// registered at it (stations and bases hold volunteers; other units get theirs from below); the same for the party
/// members on its books and the party members registered at it.
/// </summary>
public sealed record PopulationNode(Guid Id, Guid? ParentId, int SetPopulation, int Registered, int Approved, int SetPartyMembers = 0, int PartyRegistered = 0);

/// <summary>
/// A unit's registration rate: registered volunteers (approved and pending) over the resident population.
/// <see cref="Population"/> is the unit's own figure when set, else the sum of its children's.
/// </summary>
public sealed record UnitRegistration(Guid Id, int SetPopulation, int ChildrenPopulation, int Registered, int Approved,
    int SetPartyMembers = 0, int ChildrenPartyMembers = 0, int PartyRegistered = 0)
{
    /// <summary>
    /// Party members on the books: the unit's own plus its children's. Unlike residents, a village's party branch and
    /// the enterprise base inside it keep separate books (cadres are counted by employer), so the figures add up.
    /// </summary>
    public int PartyMembers => SetPartyMembers + ChildrenPartyMembers;

    /// <summary>Registered party-member volunteers over the party members on the books (a base: its employer's cadres).</summary>
    public double? PartyRatePercent => PartyMembers > 0 ? PartyRegistered * 100.0 / PartyMembers : null;

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

        // The tree is at most five tiers deep (中心-所-站-基地/点), so recursion stays shallow.
        UnitRegistration Visit(PopulationNode node)
        {
            int childPopulation = 0, registered = node.Registered, approved = node.Approved, childParty = 0, partyRegistered = node.PartyRegistered;
            foreach (var child in children[node.Id])
            {
                var c = Visit(child);
                childPopulation += c.Population;
                registered += c.Registered;
                approved += c.Approved;
                childParty += c.PartyMembers;
                partyRegistered += c.PartyRegistered;
            }
            return result[node.Id] = new UnitRegistration(node.Id, node.SetPopulation, childPopulation, registered, approved, node.SetPartyMembers, childParty, partyRegistered);
        }
    }
}
