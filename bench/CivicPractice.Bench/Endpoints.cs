namespace CivicPractice.Bench;

/// <summary>
/// The platform's addresses and query parameters the harness uses, as they stand on main, in one place: when an API
/// renames a parameter (the volunteer list's unit filter, say), change it here.
/// </summary>
public static class Endpoints
{
    public const string Health = "/health";
    public const string PortalHome = "/";

    public const string OrgUnits = "/api/v1/org/units";
    /// <summary>No parameters: the top of the caller's scope.</summary>
    public static string OrgRoot() => OrgUnits;
    public static string OrgChildren(Guid parentId) => $"{OrgUnits}?parentId={parentId}";
    /// <summary>Every station of the county in one page (200 is the API's largest page).</summary>
    public static string OrgStations() => $"{OrgUnits}?type=Station&pageSize=200";

    public const string Volunteers = "/api/v1/volunteers";
    public static string VolunteerPage() => $"{Volunteers}?page=1&pageSize=20";
    public static string VolunteerSearch(string q) => $"{Volunteers}?q={Uri.EscapeDataString(q)}&page=1&pageSize=20";
    /// <summary>The unit filter (a subtree); the lead's rename of the row field <c>stationId</c> does not touch this one.</summary>
    public static string VolunteersInUnit(Guid unitId) => $"{Volunteers}?unitId={unitId}&page=1&pageSize=20";
    public const string VolunteerExport = "/api/v1/volunteers/export";
    public const string VolunteerImport = "/api/v1/volunteers/import";

    /// <summary>The scenarios' search terms (issue #12): a common surname, and the last four digits of a phone.</summary>
    public const string NameSearch = "张";
    public const string PhoneTail = "0003";
}
