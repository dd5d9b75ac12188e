using CivicPractice.Domain.Organization;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CivicPractice.Web.Data.Migrations;

/// <summary>
/// The data half of the TeamTiersAndServicePlatforms migration (both providers call it after the schema changes;
/// if the migrations are regenerated, call it again from the new ones):
/// venues' platform numbers become the names of the default list, every county gets that list, and the retired
/// 队长 account role becomes the volunteer role it stood beside (leadership now comes from team membership).
/// </summary>
public static class TeamTiersAndServicePlatformsData
{
    /// <summary>The numbers of the former VenuePlatform enum and the names they stood for.</summary>
    private static readonly (int Number, string Name)[] FormerPlatforms =
    [
        (1, "理论宣讲平台"), (2, "教育服务平台"), (3, "文化服务平台"), (4, "科技与科普服务平台"), (5, "健身体育服务平台"),
        (6, "法律服务平台"), (7, "卫生服务平台"), (99, ServicePlatforms.Other),
    ];

    private const int ServicePlatformKind = 5; // VolunteerOptionKind.ServicePlatform
    private const int TeamLeaderRole = 4;      // RoleKind.TeamLeader (retired)
    private const int VolunteerRole = 5;       // RoleKind.Volunteer

    public static void Up(MigrationBuilder mb, bool postgres)
    {
        // CAST works whether SQLite has rebuilt the table yet (integers) or not (text).
        var cases = string.Join(" ", FormerPlatforms.Select(p => $"WHEN '{p.Number}' THEN '{p.Name}'"));
        mb.Sql($"UPDATE \"Venues\" SET \"Platform\" = CASE CAST(\"Platform\" AS TEXT) {cases} ELSE CAST(\"Platform\" AS TEXT) END;");

        var newId = postgres
            ? "gen_random_uuid()"
            : "upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))";
        var list = string.Join(" UNION ALL ", ServicePlatforms.Defaults.Select((name, i) => $"SELECT '{name}' AS \"Name\", {i + 1} AS \"SortOrder\""));
        mb.Sql($"""
            INSERT INTO "VolunteerOptions" ("Id", "CountyId", "Kind", "Name", "SortOrder", "IsActive")
            SELECT {newId}, c."Id", {ServicePlatformKind}, p."Name", p."SortOrder", {(postgres ? "TRUE" : "1")}
            FROM "Counties" c CROSS JOIN ({list}) p
            WHERE NOT EXISTS (SELECT 1 FROM "VolunteerOptions" o WHERE o."CountyId" = c."Id" AND o."Kind" = {ServicePlatformKind} AND o."Name" = p."Name");
            """);

        mb.Sql($"""
            DELETE FROM "RoleAssignments" WHERE "Role" = {TeamLeaderRole} AND EXISTS (SELECT 1 FROM "RoleAssignments" o
                WHERE o."UserId" = "RoleAssignments"."UserId" AND o."OrgUnitId" = "RoleAssignments"."OrgUnitId" AND o."Role" = {VolunteerRole});
            """);
        mb.Sql($"UPDATE \"RoleAssignments\" SET \"Role\" = {VolunteerRole} WHERE \"Role\" = {TeamLeaderRole};");
    }
}
