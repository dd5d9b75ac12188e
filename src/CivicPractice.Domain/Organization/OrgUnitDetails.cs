namespace CivicPractice.Domain.Organization;

/// <summary>The editable facts of a unit.</summary>
public sealed record OrgUnitDetails(
    string Name,
    string Code,
    string? Address,
    double? Latitude,
    double? Longitude,
    int ResidentPopulation,
    string? ContactName,
    string? ContactPhone,
    string? OpeningHours,
    string? ManagerName,
    int PartyMembers = 0);
