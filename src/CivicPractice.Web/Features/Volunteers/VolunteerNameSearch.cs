using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Features.Volunteers;

/// <summary>
/// "Names containing these characters", the same rows as <c>Name.Contains</c>, from an index on both databases. Chinese
/// names have no word boundaries, so the index is one of trigrams: on SQLite the FTS5 table <c>VolunteerNames</c>
/// (tokenizer <c>trigram</c>, kept in step by triggers; <see cref="EnsureSqliteAsync"/>), on
/// PostgreSQL a pg_trgm GIN index on <c>Volunteers.Name</c>. A trigram index cannot answer one or two characters (a
/// surname such as 张): those read the volunteers in scope, the county's from the list's order index, which carries the
/// name (no row lookups), and the page stops once it is full; the count reads the whole scope (up to the cap's worth
/// of matches), so its cost is that of the scope: a station's people for a station admin, the county's index for the county.
/// </summary>
public static class VolunteerNameSearch
{
    public const int IndexedLength = 3;

    /// <summary>The name of the SQLite FTS5 table the migration creates.</summary>
    public const string SqliteTable = "VolunteerNames";

    /// <summary>Long enough for the trigram index.</summary>
    public static bool IsIndexed(string text) => text.EnumerateRunes().Count() >= IndexedLength;

    /// <summary>
    /// The volunteers a name search starts from. On SQLite, for a long enough text, those whose name the FTS5 table
    /// matches, looked up by primary key: INDEXED BY, because without statistics SQLite guesses that "CountyId = ?"
    /// finds fewer rows than the match and would read the whole county instead.
    /// </summary>
    public static IQueryable<Volunteer> Source(AppDbContext db, string text)
    {
        if (db.Database.IsNpgsql() || !IsIndexed(text)) return db.Volunteers;
        // A quoted FTS5 string: trigrams of the text in a row, i.e. the text as a substring; no query syntax.
        var phrase = "\"" + text.Replace("\"", "\"\"") + "\"";
        return db.Volunteers.FromSql($"""
            SELECT * FROM "Volunteers" INDEXED BY "sqlite_autoindex_Volunteers_1"
            WHERE "Id" IN (SELECT "Id" FROM "VolunteerNames" WHERE "VolunteerNames" MATCH {phrase})
            """);
    }

    /// <summary>Rows (from <see cref="Source"/>) whose name contains the text: exactly Name.Contains, index-served.</summary>
    public static IQueryable<Volunteer> Containing(AppDbContext db, IQueryable<Volunteer> rows, string text)
    {
        if (db.Database.IsNpgsql())
        {
            // LIKE, not strpos(): only LIKE is served by gin_trgm_ops.
            var pattern = "%" + text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
            return rows.Where(v => EF.Functions.Like(v.Name, pattern, @"\"));
        }
        // On SQLite the source matched the trigrams already; this keeps the semantics exact (and is the whole search
        // for one or two characters).
        return rows.Where(v => v.Name.Contains(text));
    }

    /// <summary>
    /// Creates the FTS5 table (filled from the volunteers) and its triggers when missing; runs after every migration.
    /// Not in a migration: EF rebuilds a SQLite table for many column changes (copy, drop, rename), and the drop takes
    /// the triggers with it, so a later migration of Volunteers would silently stop the index following the names.
    /// </summary>
    public static async Task EnsureSqliteAsync(AppDbContext db, CancellationToken ct = default)
    {
        var exists = await db.Database.SqlQuery<int>($"""SELECT count(*) AS "Value" FROM sqlite_master WHERE type = 'table' AND name = {SqliteTable}""")
            .SingleAsync(ct) > 0;
        if (!exists)
        {
            // case_sensitive 1: the same rows as Name.Contains (instr), which is case-sensitive.
            await db.Database.ExecuteSqlRawAsync("""
                CREATE VIRTUAL TABLE "VolunteerNames" USING fts5("Name", "Id" UNINDEXED, tokenize = 'trigram case_sensitive 1');
                INSERT INTO "VolunteerNames" ("Name", "Id") SELECT "Name", "Id" FROM "Volunteers";
                """, ct);
        }
        // By Id (an unindexed column: a scan of the name table) when a name changes (correction, withdrawal) or a row
        // goes, both rare: the implicit rowid of a table keyed by a GUID may change on VACUUM, so it cannot be the link.
        await db.Database.ExecuteSqlRawAsync("""
            CREATE TRIGGER IF NOT EXISTS "Volunteers_Names_Insert" AFTER INSERT ON "Volunteers" BEGIN
                INSERT INTO "VolunteerNames" ("Name", "Id") VALUES (new."Name", new."Id");
            END;
            CREATE TRIGGER IF NOT EXISTS "Volunteers_Names_Update" AFTER UPDATE OF "Name" ON "Volunteers" BEGIN
                UPDATE "VolunteerNames" SET "Name" = new."Name" WHERE "Id" = old."Id";
            END;
            CREATE TRIGGER IF NOT EXISTS "Volunteers_Names_Delete" AFTER DELETE ON "Volunteers" BEGIN
                DELETE FROM "VolunteerNames" WHERE "Id" = old."Id";
            END;
            """, ct);
    }
}
