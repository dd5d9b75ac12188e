using CivicPractice.Domain.Organization;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CivicPractice.Web.Data;

/// <summary>The embedded default. Migrations live in Data/Migrations/Sqlite.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, CurrentScope scope, TimeProvider clock)
    : AppDbContext(options, scope, clock)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no offset-aware time type and EF cannot order or compare DateTimeOffset text there;
        // all our instants are UTC, so a sortable integer loses nothing.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>Production. Migrations live in Data/Migrations/Postgres.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options, CurrentScope scope, TimeProvider clock)
    : AppDbContext(options, scope, clock)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // The scope filters compare paths as a range (AppDbContext): that needs byte order, whatever the database's own
        // collation (en_US or zh_CN ignore the '/' of a path). "C" also lets LIKE 'path%' use the index.
        builder.Entity<OrgUnit>().Property(u => u.Path).UseCollation("C");
        builder.Entity<Venue>().Property(v => v.UnitPath).UseCollation("C");
        builder.Entity<Volunteer>().Property(v => v.UnitPath).UseCollation("C");
        // Name search: substrings (Chinese names have no word boundaries) from a trigram index. SQLite's equivalent is the
        // FTS5 table VolunteerNames (VolunteerNameSearch), which the model does not describe.
        builder.HasPostgresExtension("pg_trgm");
        builder.Entity<Volunteer>().HasIndex(v => v.Name).HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
