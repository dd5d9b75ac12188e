using System.Net;
using System.Net.Http.Json;
using CivicPractice.Web.Data;
using CivicPractice.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CivicPractice.Web.Tests.Infrastructure;

/// <summary>
/// The real app over a real database of its own: a fresh SQLite file, or a fresh PostgreSQL database when
/// <c>CIVIC_TEST_PROVIDER=postgres</c> (the test script starts a cluster and sets <c>CIVIC_TEST_POSTGRES</c>).
/// The demo county is seeded at a small scale. Any 500 answer fails the test that caused it.
/// </summary>
public class CivicAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const double Scale = 0.2;
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "civic-tests", Guid.NewGuid().ToString("N"));
    private readonly string _postgresDb = "civic_test_" + Guid.NewGuid().ToString("N")[..12];

    public static DatabaseProvider Provider =>
        string.Equals(Environment.GetEnvironmentVariable("CIVIC_TEST_PROVIDER"), "postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    public string DataDirectory => _dataDir;
    public string SqliteFile => Path.Combine(_dataDir, "civic.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Civic:DataDirectory", _dataDir);
        builder.UseSetting("Civic:Database:Provider", Provider.ToString());
        builder.UseSetting("Civic:Database:ConnectionString", Provider == DatabaseProvider.Postgres ? PostgresConnectionString() : "");
        builder.UseSetting("Civic:Demo:Scale", Scale.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Civic:Demo:Seed", "7");
        builder.UseSetting("Civic:SeedDemoOnEmptyDatabase", "true");
        // The development outbox stands in for the carrier, so tests read the codes people receive.
        builder.UseSetting("Civic:Sms:Provider", "Outbox");
        // A few hundred volunteers per test database: enough to page and filter, quick to seed.
        builder.UseSetting("Civic:Demo:VolunteerShare", "0.003");
        // An open console tab notices a revoked role within seconds rather than a minute.
        builder.UseSetting("Civic:Identity:CircuitRevalidationInterval", "00:00:02");
        builder.UseSetting("Civic:Pii:EncryptionKey", Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 1)).ToArray()));
        builder.UseSetting("Civic:Pii:IndexKey", Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 101)).ToArray()));
        // The suites sign in and ask for codes far more often than a person would; RateLimitTests runs with the shipped limits.
        foreach (var name in new RateLimitOptions().Rules.Keys) builder.UseSetting($"Civic:RateLimits:{name}:PermitLimit", "1000000");
        ConfigureMore(builder);
    }

    protected virtual void ConfigureMore(IWebHostBuilder builder)
    {
    }

    private string PostgresConnectionString()
    {
        var baseCs = Environment.GetEnvironmentVariable("CIVIC_TEST_POSTGRES")
            ?? throw new InvalidOperationException("CIVIC_TEST_POSTGRES is not set; run the suite through ./build.sh test.");
        return new NpgsqlConnectionStringBuilder(baseCs) { Database = _postgresDb, Pooling = false }.ToString();
    }

    /// <summary>
    /// A client that keeps its own cookies and fails loudly on any 500. It marks its requests the way our own
    /// scripts and API clients do (<c>X-Requested-With</c>), which another site's form cannot.
    /// </summary>
    public HttpClient Client()
    {
        var client = PlainClient();
        client.DefaultRequestHeaders.Add(CrossSiteRequests.HeaderName, "XMLHttpRequest");
        return client;
    }

    /// <summary>A client that sends only what a plain HTML form (or another site's page) can send.</summary>
    public HttpClient PlainClient() => CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(), new FailOnServerError());

    public async Task<HttpClient> SignedInAsync(string phone, string password = DemoLogins.Password)
    {
        var client = Client();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { phone, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    /// <summary>Signs in the way a person without a known password does: an SMS code to their phone.</summary>
    public async Task<HttpClient> SignedInBySmsAsync(string phone)
    {
        var client = Client();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/sms-code", new { phone })).StatusCode);
        var login = await client.PostAsJsonAsync("/api/v1/auth/sms-login", new { phone, code = await LatestSmsCodeAsync(phone) });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return client;
    }

    /// <summary>A person registers themselves on the portal (SMS code, consent): an account with no role until approved.</summary>
    public async Task<HttpResponseMessage> SelfRegisterAsync(string phone, string idNumber, string name, Guid stationId,
        CivicPractice.Domain.Volunteers.PoliticalStatus political = CivicPractice.Domain.Volunteers.PoliticalStatus.Masses)
    {
        var client = Client();
        await client.PostAsJsonAsync("/api/v1/volunteer-registration/sms-code", new { phone, countyCode = CivicPractice.Web.Features.Demo.DemoSeeder.MainCountyCode });
        return await client.PostAsJsonAsync("/api/v1/volunteer-registration", new CivicPractice.Web.Features.Volunteers.SelfRegistrationRequest
        {
            Phone = phone, Code = await LatestSmsCodeAsync(phone), IdNumber = idNumber, Name = name, UnitId = stationId,
            PoliticalStatus = political, Consent = true,
        });
    }

    /// <summary>What a newly appointed person does: signs in by SMS code and sets their own password.</summary>
    public async Task SetOwnPasswordAsync(string phone, string password)
    {
        var client = await SignedInBySmsAsync(phone);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/v1/me/password/code", null)).StatusCode);
        var set = await client.PostAsJsonAsync("/api/v1/me/password", new { code = await LatestSmsCodeAsync(phone), newPassword = password });
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
    }

    /// <summary>The 6-digit code of the newest text message the development outbox holds for a phone.</summary>
    public Task<string> LatestSmsCodeAsync(string phone) => WithDbAsync(async db =>
    {
        var masked = Domain.Identity.MobileNumber.Mask(phone);
        var text = await db.SmsMessages.Where(m => m.PhoneMasked == masked && m.Text != null).OrderByDescending(m => m.SentAt).Select(m => m.Text!).FirstAsync();
        return System.Text.RegularExpressions.Regex.Match(text, @"\d{6}").Value;
    });

    /// <summary>A context with filters lifted, for arranging and inspecting data directly.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        using var _ = db.Scope.AsSystem();
        return await work(db);
    }

    public virtual Task InitializeAsync()
    {
        StartServer(); // starts the host: migrations and demo seeding run now
        return Task.CompletedTask;
    }

    /// <summary>The operator's explicit <c>seed</c> command: the only way demo data reaches a non-Development host.</summary>
    public async Task SeedDemoExplicitlyAsync()
    {
        using var scope = Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<CivicPractice.Web.Features.Demo.DemoSeeder>().SeedAsync(new CivicPractice.Web.Features.Demo.DemoOptions(7, 0.05));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (Provider == DatabaseProvider.Postgres)
        {
            await using var conn = new NpgsqlConnection(Environment.GetEnvironmentVariable("CIVIC_TEST_POSTGRES"));
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDb} WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
        }
    }

    private sealed class FailOnServerError : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if ((int)response.StatusCode >= 500)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                Assert.Fail($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {body}");
            }
            return response;
        }
    }
}

/// <summary>The demo accounts the seeder creates.</summary>
public static class DemoLogins
{
    public const string Password = "Demo@2026";
    public const string CountyAdmin = "13800000001";
    public const string InstituteAdmin = "13800000002";
    public const string StationAdmin = "13800000003";
    public const string TeamLeader = "13800000004";
    public const string Volunteer = "13800000005";
    public const string OtherStationAdmin = "13800000006";
    /// <summary>基地主任: the station admin role at the county's first practice base.</summary>
    public const string BaseAdmin = "13800000007";
    public const string OtherCountyAdmin = "13900000001";
}
