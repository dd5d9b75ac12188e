using CivicPractice.Domain.Organization;
using CivicPractice.Domain.Teams;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CivicPractice.Web.Data.Migrations;

/// <summary>
/// The data half of the BaseVolunteers migration (both providers call it after the schema changes; if the migrations
/// are regenerated, call it again from the new ones): every practice base gets its own team, as a base created from
/// now on does (<see cref="Team.ForUnit"/>), under the tier team of the unit above it, named as
/// <see cref="TeamLabels.TierName(string, string)"/> names it.
/// </summary>
public static class BaseVolunteersData
{
    public static void Up(MigrationBuilder mb, bool postgres)
    {
        var newId = postgres
            ? "gen_random_uuid()"
            : "upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))";
        var emptyList = postgres ? "ARRAY[]::text[]" : "'[]'";
        // The suffixes TeamLabels.TierName strips, longest first.
        var name = $"""
            CASE
                WHEN u."Name" LIKE '%新时代文明实践基地' THEN substr(u."Name", 1, length(u."Name") - 9) || '新时代文明实践志愿服务队'
                WHEN u."Name" LIKE '%实践基地' THEN substr(u."Name", 1, length(u."Name") - 4) || '新时代文明实践志愿服务队'
                ELSE u."Name" || '志愿服务队'
            END
            """;
        int[] tiers = [(int)TeamKind.Corps, (int)TeamKind.Brigade, (int)TeamKind.Squadron];
        mb.Sql($"""
            INSERT INTO "Teams" ("Id", "CountyId", "Kind", "Name", "ParentTeamId", "OrgUnitId", "UnitPath", "IsActive",
                                 "CreatedAt", "UpdatedAt", "ServiceItems", "ServiceObjects")
            SELECT {newId}, u."CountyId", {(int)TeamKind.BaseTeam}, {name},
                   (SELECT t."Id" FROM "Teams" t WHERE t."OrgUnitId" = u."ParentId" AND t."Kind" IN ({string.Join(", ", tiers)}) LIMIT 1),
                   u."Id", u."Path", u."IsActive", u."CreatedAt", u."UpdatedAt", {emptyList}, {emptyList}
            FROM "OrgUnits" u
            WHERE u."Type" = {(int)OrgUnitType.Base}
              AND NOT EXISTS (SELECT 1 FROM "Teams" t WHERE t."OrgUnitId" = u."Id" AND t."Kind" = {(int)TeamKind.BaseTeam});
            """);
    }
}
