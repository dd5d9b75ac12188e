using CivicPractice.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Tests.Infrastructure;

public sealed class MigrationTests
{
    [Fact]
    public void SqliteMigrations_CoverTheModel()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no SQLite migration covers: run dotnet ef migrations add … --context SqliteAppDbContext");
    }

    [Fact]
    public void PostgresMigrations_CoverTheModel()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no PostgreSQL migration covers: run dotnet ef migrations add … --context PostgresAppDbContext");
    }
}
