using System.Data.Common;
using CivicPractice.Web.Data;
using CivicPractice.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace CivicPractice.Web.Tests.Infrastructure;

/// <summary>
/// Data written before a migration with a data step comes out right after it, on the provider under test.
/// TeamTiersAndServicePlatforms: venue platform numbers become the default platform names, every county gets the platform
/// list and its tier names, and the retired 队长 account role becomes the volunteer role.
/// </summary>
public sealed class MigrationDataTests
{
    private const string Migration = "TeamTiersAndServicePlatforms";

    [Fact]
    public async Task DataBeforeTeamTiersAndServicePlatforms_IsCarriedOver()
    {
        var postgres = CivicAppFactory.Provider == DatabaseProvider.Postgres;
        var database = "civic_migr_" + Guid.NewGuid().ToString("N")[..12];
        var sqliteFile = Path.Combine(Path.GetTempPath(), database + ".db");
        if (postgres) await AdminAsync($"CREATE DATABASE {database}");
        try
        {
            await using var db = postgres
                ? (AppDbContext)new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(Postgres(database)).Options, new CurrentScope(), TimeProvider.System)
                : new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={sqliteFile};Pooling=false").Options, new CurrentScope(), TimeProvider.System);
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_" + Migration, StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before);

            var (county, unit, user) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
            var conn = db.Database.GetDbConnection();
            await conn.OpenAsync();
            object Id(Guid g) => postgres ? g : g.ToString().ToUpperInvariant();
            await InsertAsync(conn, postgres, "Counties", new() { ["Id"] = Id(county), ["Code"] = "430000" });
            await InsertAsync(conn, postgres, "OrgUnits", new() { ["Id"] = Id(unit), ["CountyId"] = Id(county), ["ParentId"] = null, ["Type"] = 1, ["Path"] = $"/{unit}/", ["IsActive"] = true });
            var platforms = new Dictionary<int, string> { [1] = "理论宣讲平台", [3] = "文化服务平台", [7] = "卫生服务平台", [99] = "其他" };
            foreach (var number in platforms.Keys)
            {
                await InsertAsync(conn, postgres, "Venues", new() { ["Id"] = Id(Guid.NewGuid()), ["CountyId"] = Id(county), ["OrgUnitId"] = Id(unit), ["Name"] = "阵地" + number, ["Platform"] = number, ["IsActive"] = true });
            }
            await InsertAsync(conn, postgres, "AspNetUsers", new() { ["Id"] = Id(user), ["CountyId"] = Id(county) });
            // One person held 队长 beside the volunteer role on the same unit, and on another unit alone.
            var otherUnit = Guid.NewGuid();
            await InsertAsync(conn, postgres, "OrgUnits", new() { ["Id"] = Id(otherUnit), ["CountyId"] = Id(county), ["ParentId"] = Id(unit), ["Type"] = 3, ["Path"] = $"/{unit}/{otherUnit}/", ["Code"] = "S1", ["IsActive"] = true });
            foreach (var (role, onUnit) in new[] { (4, unit), (5, unit), (4, otherUnit) })
            {
                await InsertAsync(conn, postgres, "RoleAssignments", new() { ["Id"] = Id(Guid.NewGuid()), ["CountyId"] = Id(county), ["UserId"] = Id(user), ["OrgUnitId"] = Id(onUnit), ["Role"] = role });
            }
            await conn.CloseAsync();

            await db.Database.MigrateAsync();

            using var _ = db.Scope.AsSystem();
            var venues = await db.Venues.OrderBy(v => v.Name).Select(v => new { v.Name, v.Platform }).ToListAsync();
            Assert.Equal(platforms.OrderBy(p => "阵地" + p.Key, StringComparer.Ordinal).Select(p => p.Value), venues.Select(v => v.Platform));
            var list = await db.VolunteerOptions.Where(o => o.CountyId == county && o.Kind == Web.Features.Volunteers.VolunteerOptionKind.ServicePlatform)
                .OrderBy(o => o.SortOrder).Select(o => o.Name).ToListAsync();
            Assert.Equal(Domain.Organization.ServicePlatforms.Defaults, list);
            var tiers = (await db.Counties.SingleAsync(c => c.Id == county)).TeamTiers;
            Assert.Equal(Domain.Teams.TeamTierNames.Default, tiers);
            var roles = await db.RoleAssignments.Where(r => r.UserId == user).OrderBy(r => r.OrgUnitId == unit).Select(r => new { r.Role, r.OrgUnitId }).ToListAsync();
            Assert.Equal(2, roles.Count);
            Assert.All(roles, r => Assert.Equal(Domain.Identity.RoleKind.Volunteer, r.Role));
            Assert.Equal([otherUnit, unit], roles.Select(r => r.OrgUnitId).OrderBy(g => g == unit));
        }
        finally
        {
            if (postgres) await AdminAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            else
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                File.Delete(sqliteFile);
            }
        }
    }

    /// <summary>
    /// ConsentNotices: the consent text each volunteer row carried becomes one row per distinct text, and every volunteer
    /// references the row with exactly their text (the data step is <c>ConsentNoticesData</c>).
    /// </summary>
    [Fact]
    public async Task ConsentTextsBeforeConsentNotices_AreStoredOncePerText_AndEachVolunteerKeepsTheirs()
    {
        var postgres = CivicAppFactory.Provider == DatabaseProvider.Postgres;
        var database = "civic_migr_" + Guid.NewGuid().ToString("N")[..12];
        var sqliteFile = Path.Combine(Path.GetTempPath(), database + ".db");
        if (postgres) await AdminAsync($"CREATE DATABASE {database}");
        try
        {
            await using var db = postgres
                ? (AppDbContext)new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(Postgres(database)).Options, new CurrentScope(), TimeProvider.System)
                : new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={sqliteFile};Pooling=false").Options, new CurrentScope(), TimeProvider.System);
            var migrations = db.Database.GetMigrations().ToList();
            await db.GetService<IMigrator>().MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_ConsentNotices", StringComparison.Ordinal)) - 1]);

            var (county, unit) = (Guid.NewGuid(), Guid.NewGuid());
            var conn = db.Database.GetDbConnection();
            await conn.OpenAsync();
            object Id(Guid g) => postgres ? g : g.ToString().ToUpperInvariant();
            object NoItems() => postgres ? Array.Empty<string>() : "[]";
            await InsertAsync(conn, postgres, "Counties", new() { ["Id"] = Id(county), ["Code"] = "430000" });
            await InsertAsync(conn, postgres, "OrgUnits", new() { ["Id"] = Id(unit), ["CountyId"] = Id(county), ["ParentId"] = null, ["Type"] = 3, ["Path"] = $"/{unit}/", ["IsActive"] = true });
            var texts = new Dictionary<Guid, string>();
            string[] consents = [Web.Features.Volunteers.VolunteerConsent.Text, Web.Features.Volunteers.VolunteerConsent.Text, Web.Features.Volunteers.VolunteerConsent.AdminEntered("王站长"), Web.Features.Volunteers.VolunteerConsent.Text];
            foreach (var text in consents)
            {
                var id = Guid.NewGuid();
                texts[id] = text;
                await InsertAsync(conn, postgres, "Volunteers", new()
                {
                    ["Id"] = Id(id), ["CountyId"] = Id(county), ["UnitId"] = Id(unit), ["UnitPath"] = $"/{unit}/", ["ConsentText"] = text,
                    ["Skills"] = NoItems(), ["Interests"] = NoItems(), ["Tags"] = NoItems(), ["Availability"] = NoItems(),
                    ["IdIndex"] = null, ["PhoneIndex"] = null, ["Number"] = null,
                });
            }
            await conn.CloseAsync();

            await db.Database.MigrateAsync();

            using var _ = db.Scope.AsSystem();
            var stored = await db.ConsentNotices.Select(n => n.Text).ToListAsync();
            Assert.Equal(consents.Distinct().Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
            var agreed = await (from v in db.Volunteers join n in db.ConsentNotices on v.ConsentNoticeId equals n.Id select new { v.Id, n.Text }).ToListAsync();
            Assert.Equal(texts.OrderBy(t => t.Key), agreed.Select(a => KeyValuePair.Create(a.Id, a.Text)).OrderBy(t => t.Key));
        }
        finally
        {
            if (postgres) await AdminAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            else
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                File.Delete(sqliteFile);
            }
        }
    }

    /// <summary>Inserts a row as the schema of the time had it: the given values, and a plain value for every other required column.</summary>
    private static async Task InsertAsync(DbConnection conn, bool postgres, string table, Dictionary<string, object?> values)
    {
        await using var meta = conn.CreateCommand();
        meta.CommandText = postgres
            ? $"SELECT column_name, data_type, is_nullable = 'NO' AND column_default IS NULL FROM information_schema.columns WHERE table_name = '{table}'"
            : $"SELECT name, type, \"notnull\" = 1 AND dflt_value IS NULL FROM pragma_table_info('{table}')";
        var required = new List<(string Name, string Type)>();
        await using (var reader = await meta.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                if (reader.GetBoolean(2) && !values.ContainsKey(reader.GetString(0))) required.Add((reader.GetString(0), reader.GetString(1).ToLowerInvariant()));
            }
        }
        foreach (var (name, type) in required)
        {
            values[name] = type switch
            {
                "uuid" => Guid.NewGuid(),
                "boolean" => false,
                // SQLite keeps instants as DateTimeOffsetToBinaryConverter integers.
                "integer" or "bigint" or "smallint" => name.EndsWith("At", StringComparison.Ordinal) && !postgres
                    ? new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertToProvider(DateTimeOffset.UtcNow)! : 0,
                "double precision" or "real" => 0.0,
                "timestamp with time zone" => DateTimeOffset.UtcNow,
                _ => name.Length > 0 ? "x" + Guid.NewGuid().ToString("N")[..6] : "x",
            };
        }
        await using var insert = conn.CreateCommand();
        var names = values.Keys.ToList();
        insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", names.Select(n => $"\"{n}\""))}) VALUES ({string.Join(", ", names.Select((_, i) => "@p" + i))})";
        for (var i = 0; i < names.Count; i++)
        {
            var p = insert.CreateParameter();
            p.ParameterName = "@p" + i;
            p.Value = values[names[i]] is bool b && !postgres ? (b ? 1 : 0) : values[names[i]] ?? DBNull.Value;
            insert.Parameters.Add(p);
        }
        await insert.ExecuteNonQueryAsync();
    }

    private static string Postgres(string database) =>
        new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("CIVIC_TEST_POSTGRES")) { Database = database, Pooling = false }.ToString();

    private static async Task AdminAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(Environment.GetEnvironmentVariable("CIVIC_TEST_POSTGRES"));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
