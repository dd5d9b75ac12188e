using Microsoft.EntityFrameworkCore.Migrations;

namespace CivicPractice.Web.Data.Migrations;

/// <summary>
/// The data half of the ConsentNotices migration (both providers call it between adding <c>Volunteers.ConsentNoticeId</c>
/// and dropping <c>Volunteers.ConsentText</c>; if the migrations are regenerated, keep that order and call it again):
/// each distinct consent text becomes one <c>ConsentNotices</c> row, and every volunteer references the row holding
/// exactly the text they had. <see cref="Down"/> copies the texts back.
/// </summary>
public static class ConsentNoticesData
{
    public static void Up(MigrationBuilder mb, bool postgres)
    {
        var newId = postgres
            ? "gen_random_uuid()"
            : "upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))";
        mb.Sql($"""
            INSERT INTO "ConsentNotices" ("Id", "Text")
            SELECT {newId}, t."ConsentText" FROM (SELECT DISTINCT "ConsentText" FROM "Volunteers") t;
            """);
        // The unique index on the text serves the lookup per row.
        mb.Sql("""
            UPDATE "Volunteers" SET "ConsentNoticeId" = (SELECT n."Id" FROM "ConsentNotices" n WHERE n."Text" = "Volunteers"."ConsentText");
            """);
    }

    public static void Down(MigrationBuilder mb) =>
        mb.Sql("""
            UPDATE "Volunteers" SET "ConsentText" = (SELECT n."Text" FROM "ConsentNotices" n WHERE n."Id" = "Volunteers"."ConsentNoticeId");
            """);
}
