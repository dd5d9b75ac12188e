using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CivicPractice.Bench;

public enum DbProvider { Sqlite, Postgres }

/// <summary>
/// baseline-db: each scenario's main query written by hand and run with plain ADO.NET on the platform's own database,
/// through the same load loop and concurrency as the scenario: what the database can do for that request with the
/// schema as it is, without the framework, EF or the scope filter's shape. The SQL runs unchanged on SQLite and
/// PostgreSQL (quoted names, <c>@</c> parameters, <c>LIMIT</c>); ids and instants are bound as each provider stores them
/// (SQLite: GUIDs as upper-case text, instants as EF's DateTimeOffsetToBinary integers).
/// </summary>
public sealed class DirectQueries(DbProvider provider, string connectionString)
{
    /// <summary>The volunteer's unit column (a station or a base).</summary>
    public const string VolunteerUnitColumn = "UnitId";

    private const string VolunteerColumns =
        $"""v."Id", v."Number", v."Name", v."Gender", v."BirthDate", v."PhoneMasked", v."IdMasked", v."PoliticalStatus", v."{VolunteerUnitColumn}", u."Name", v."Status", v."Tags", v."CreatedAt" """;

    private const string OrgColumns =
        """u."Id", u."ParentId", u."Type", u."Name", u."Code", u."Depth", u."Address", u."Latitude", u."Longitude", u."ResidentPopulation", u."ContactName", u."ContactPhone", u."OpeningHours", u."ManagerName", u."IsActive", (SELECT COUNT(*) FROM "OrgUnits" AS c WHERE c."ParentId" = u."Id" AND c."IsActive") """;

    public DbProvider Provider => provider;

    /// <summary>
    /// A page of the volunteer list in a scope (a county and a path prefix), as the screen shows it: no total. The scope
    /// is said of the station too (a volunteer in scope has their station in scope), which lets a planner start from
    /// the few stations in a small scope and reach their volunteers through the station index, as EF's query does
    /// because the filters apply to both tables.
    /// </summary>
    public DirectQuery VolunteerPage(Guid countyId, string scopePath, string? nameLike = null, string? phoneLike = null) =>
        Query($"""
            SELECT {VolunteerColumns}
            FROM "Volunteers" AS v JOIN "OrgUnits" AS u ON u."Id" = v."{VolunteerUnitColumn}"
            WHERE v."CountyId" = @county AND v."UnitPath" LIKE @scope AND u."Path" LIKE @scope
            {(nameLike is null ? "" : """AND v."Name" LIKE @name""")} {(phoneLike is null ? "" : """AND v."PhoneMasked" LIKE @phone""")}
            ORDER BY v."Status", v."CreatedAt" DESC
            LIMIT 20
            """, ("county", Id(countyId)), ("scope", scopePath + "%"), ("name", nameLike ?? ""), ("phone", phoneLike ?? ""));

    /// <summary>Every volunteer in a scope, in number order: what an export reads.</summary>
    public DirectQuery VolunteerExport(Guid countyId, string scopePath) =>
        Query($"""
            SELECT {VolunteerColumns}
            FROM "Volunteers" AS v JOIN "OrgUnits" AS u ON u."Id" = v."{VolunteerUnitColumn}"
            WHERE v."CountyId" = @county AND v."UnitPath" LIKE @scope AND u."Path" LIKE @scope
            ORDER BY v."Number"
            """, ("county", Id(countyId)), ("scope", scopePath + "%"));

    /// <summary>Org units in a scope, in tree order, with their child counts; <paramref name="where"/> narrows it.</summary>
    public DirectQuery OrgUnits(Guid countyId, string scopePath, string where, int limit, params (string Name, object Value)[] parameters) =>
        Query($"""
            SELECT {OrgColumns}
            FROM "OrgUnits" AS u
            WHERE u."CountyId" = @county AND u."Path" LIKE @scope AND u."IsActive" AND {where}
            ORDER BY u."Depth", u."Type", u."SortOrder", u."Code"
            LIMIT {limit}
            """, [("county", Id(countyId)), ("scope", scopePath + "%"), .. parameters]);

    /// <summary>The portal home page's main query: the county's active units in tree order.</summary>
    public DirectQuery PortalUnits(Guid countyId) =>
        Query("""
            SELECT u."Id", u."ParentId", u."Type", u."Name", u."Address", u."ContactPhone", u."OpeningHours", u."ResidentPopulation"
            FROM "OrgUnits" AS u
            WHERE u."CountyId" = @county AND u."IsActive"
            ORDER BY u."Depth", u."SortOrder"
            """, ("county", Id(countyId)));

    /// <summary>An org unit's materialised path (the prefix of everything below it).</summary>
    public async Task<string> PathOfAsync(Guid unitId, CancellationToken ct = default)
    {
        await using var connection = Connection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Path" FROM "OrgUnits" WHERE "Id" = @id""";
        Bind(command, "id", Id(unitId));
        return await command.ExecuteScalarAsync(ct) as string ?? throw new InvalidOperationException($"unit {unitId} not found");
    }

    /// <summary>
    /// PostgreSQL: gathers planner statistics, as autovacuum would within a minute or so of the bulk seed. Without them
    /// the sign-in's "leads a team" query (Volunteers by UserId, unindexed, joined to TeamMembers) was planned as nested
    /// scans and ran past the 30 s command timeout: a 500 on the first sign-in after a bulk load.
    /// </summary>
    public async Task AnalyzeAsync(CancellationToken ct = default)
    {
        if (provider != DbProvider.Postgres) return;
        await using var connection = Connection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "ANALYZE";
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<long> CountVolunteersAsync(CancellationToken ct = default)
    {
        await using var connection = Connection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT COUNT(*) FROM "Volunteers" """;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A query that, when run, reads every column of every row, so the result is really transferred and decoded.</summary>
    public DirectQuery Query(string sql, params (string Name, object Value)[] parameters) => new(async ct =>
    {
        await using var connection = Connection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters.Where(p => sql.Contains("@" + p.Name, StringComparison.Ordinal))) Bind(command, name, value);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var values = new object[reader.FieldCount];
        var rows = 0;
        while (await reader.ReadAsync(ct))
        {
            reader.GetValues(values);
            rows++;
        }
        return rows;
    });

    private DbConnection Connection() => provider == DbProvider.Sqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);

    /// <summary>A GUID as the provider stores it, for a parameter.</summary>
    public object Id(Guid id) => provider == DbProvider.Sqlite ? id.ToString().ToUpperInvariant() : id;

    private static void Bind(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

/// <summary>One hand-written query; <see cref="Operation"/> is its form for the load loop (an empty result is a success, as an empty page is).</summary>
public sealed record DirectQuery(Func<CancellationToken, Task<int>> ReadAsync)
{
    public Func<CancellationToken, Task<string?>> Operation => async ct =>
    {
        await ReadAsync(ct);
        return null;
    };
}
