using CivicPractice.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CivicPractice.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DataFeature
{
    /// <summary>
    /// Registers the provider's context behind <see cref="AppDbContext"/> (scoped, for endpoints and static pages) and
    /// <see cref="IDbContextFactory{AppDbContext}"/> (one context per operation, for interactive components). Features add
    /// EF interceptors by registering them as <see cref="IInterceptor"/> singletons.
    /// </summary>
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var provider = Enum.Parse<DatabaseProvider>(config["Civic:Database:Provider"] ?? "Sqlite", ignoreCase: true);
        var dataDir = DataDirectory(builder);
        Directory.CreateDirectory(dataDir);
        builder.Services.AddSingleton(PiiProtector.FromConfiguration(config, dataDir, builder.Environment));
        builder.Services.AddSingleton<IFileStore>(new LocalFileStore(Path.Combine(dataDir, "files")));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<CurrentScope>();

        var connectionString = config["Civic:Database:ConnectionString"];
        if (provider == DatabaseProvider.Sqlite)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDir, "civic.db"), DefaultTimeout = 30 }.ToString();
            }
            builder.Services.AddDbContextFactory<SqliteAppDbContext>((sp, o) => o.UseSqlite(connectionString).AddInterceptors([StoredTextGuard.Instance, .. sp.GetServices<IInterceptor>()]), ServiceLifetime.Scoped);
            builder.Services.AddScoped<IDbContextFactory<AppDbContext>, ContextFactory<SqliteAppDbContext>>();
        }
        else
        {
            builder.Services.AddDbContextFactory<PostgresAppDbContext>((sp, o) => o.UseNpgsql(connectionString).AddInterceptors([StoredTextGuard.Instance, .. sp.GetServices<IInterceptor>()]), ServiceLifetime.Scoped);
            builder.Services.AddScoped<IDbContextFactory<AppDbContext>, ContextFactory<PostgresAppDbContext>>();
        }
        builder.Services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        return builder;
    }

    public static string DataDirectory(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration["Civic:DataDirectory"] ?? "data";
        return Path.GetFullPath(configured, Directory.GetCurrentDirectory());
    }

    /// <summary>
    /// Brings the schema up to date; on SQLite also switches the file to WAL so readers never wait for a writer, and
    /// ensures the name-search table the model does not describe.
    /// </summary>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite()) await Features.Volunteers.VolunteerNameSearch.EnsureSqliteAsync(db, ct);
    }

    private sealed class ContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<AppDbContext>
        where TContext : AppDbContext
    {
        public AppDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
