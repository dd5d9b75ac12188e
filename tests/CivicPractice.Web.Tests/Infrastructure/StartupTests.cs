using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using CivicPractice.Web.Features.Organization;
using CivicPractice.Web.Infrastructure;
using Npgsql;

namespace CivicPractice.Web.Tests.Infrastructure;

/// <summary>
/// The app as an operator starts it: its own process (the built CivicPractice.Web.dll) in Development on an empty
/// database, then started again on the same one. What it prints is what the operator goes by.
/// </summary>
public sealed class StartupTests : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "civic-tests", "startup-" + Guid.NewGuid().ToString("N"));
    private readonly string _postgresDb = "civic_start_" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task TheBanner_NamesTheAddressFromUrlsOrAspNetCoreUrls_AndAfterARestartTheUnitsAsTheyAreNow()
    {
        // First start: --urls, on an empty database (the demo county is seeded).
        var first = FreePort();
        string renamed;
        await using (var app = await AppProcess.StartAsync(Environment(), ["--urls", $"http://127.0.0.1:{first}"]))
        {
            Assert.Contains($"管理后台：http://127.0.0.1:{first}/admin", app.Banner);
            var institute = UnitOf(app.Banner, "13800000002");
            Assert.EndsWith("新时代文明实践所", institute);

            // An admin renames the institute the demo institute admin runs.
            using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri($"http://127.0.0.1:{first}") };
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/login", new { phone = DemoLogins.CountyAdmin, password = DemoLogins.Password })).StatusCode);
            var unit = Assert.Single((await client.GetFromJsonAsync<Paged<OrgUnitDto>>($"/api/v1/org/units?q={Uri.EscapeDataString(institute)}", Json.Options))!.Items);
            renamed = "更名后" + institute;
            var form = OrgUnitForm.From<UpdateOrgUnitRequest>(unit);
            form.Name = renamed;
            Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/v1/org/units/{unit.Id}", form)).StatusCode);
        }

        // Second start: ASPNETCORE_URLS, on the same database.
        var second = FreePort();
        var env = Environment();
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{second}";
        await using (var app = await AppProcess.StartAsync(env, []))
        {
            Assert.Contains($"管理后台：http://127.0.0.1:{second}/admin", app.Banner);
            Assert.Equal(renamed, UnitOf(app.Banner, "13800000002"));
            Assert.Contains("13900000001 / Demo@2026 / 中心管理员 / 云溪区 云溪区新时代文明实践中心", app.Banner);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{second}") };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080")]
    [InlineData("http://0.0.0.0:8080", "http://localhost:8080")]
    [InlineData("http://[::]:80", "http://localhost:80")]
    [InlineData("https://+:443/", "https://localhost:443")]
    [InlineData("http://[::1]:5000", "http://[::1]:5000")]
    public void TheBannersLinks_OpenInABrowserOnThisMachine(string listening, string shown) =>
        Assert.Equal(shown, DatabaseInitializer.Browsable(listening));

    /// <summary>"  13800000002 / Demo@2026 / 所管理员 / 青山县 某某镇新时代文明实践所" → the unit's name.</summary>
    private static string UnitOf(string banner, string phone) =>
        Regex.Match(banner, $@"^\s*{phone} / [^/]+ / [^/]+ / \S+ (?<unit>.+?)\s*$", RegexOptions.Multiline) is { Success: true } m
            ? m.Groups["unit"].Value : throw new Xunit.Sdk.XunitException($"no line for {phone} in:\n{banner}");

    private Dictionary<string, string> Environment()
    {
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Civic__DataDirectory"] = _dataDir,
            ["Civic__Demo__Seed"] = "7",
            ["Civic__Demo__Scale"] = "0.05",
            ["Civic__Demo__VolunteerShare"] = "0.003",
            ["Civic__Database__Provider"] = CivicAppFactory.Provider.ToString(),
            ["Civic__Database__ConnectionString"] = CivicAppFactory.Provider == Web.Data.DatabaseProvider.Postgres
                ? new NpgsqlConnectionStringBuilder(System.Environment.GetEnvironmentVariable("CIVIC_TEST_POSTGRES")) { Database = _postgresDb, Pooling = false }.ToString()
                : "",
        };
        return env;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (CivicAppFactory.Provider == Web.Data.DatabaseProvider.Postgres)
        {
            await using var conn = new NpgsqlConnection(System.Environment.GetEnvironmentVariable("CIVIC_TEST_POSTGRES"));
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDb} WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }

    /// <summary>The built app in a process of its own; <see cref="Banner"/> is its output up to the addresses line.</summary>
    private sealed class AppProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _output = new();
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private AppProcess(Dictionary<string, string> env, string[] args)
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CivicPractice.Web.dll"));
            foreach (var a in args) start.ArgumentList.Add(a);
            // Nothing of the test runner's own hosting settings leaks into the app.
            foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_", StringComparison.Ordinal) && k != "DOTNET_ROOT").ToList()) start.Environment.Remove(key);
            foreach (var (key, value) in env) start.Environment[key] = value;
            _process = new Process { StartInfo = start };
            _process.OutputDataReceived += (_, e) => Received(e.Data);
            _process.ErrorDataReceived += (_, e) => Received(e.Data);
            _process.Exited += (_, _) => _ready.TrySetException(new Xunit.Sdk.XunitException("the app exited:\n" + Output));
            _process.EnableRaisingEvents = true;
        }

        public string Output { get { lock (_output) return _output.ToString(); } }
        public string Banner { get; private set; } = "";

        public static async Task<AppProcess> StartAsync(Dictionary<string, string> env, string[] args)
        {
            var app = new AppProcess(env, args);
            app._process.Start();
            app._process.BeginOutputReadLine();
            app._process.BeginErrorReadLine();
            // A generous bound for a loaded build machine; the wait ends as soon as the line appears.
            await app._ready.Task.WaitAsync(TimeSpan.FromMinutes(3));
            app.Banner = app.Output;
            return app;
        }

        private void Received(string? line)
        {
            if (line is null) return;
            lock (_output) _output.AppendLine(line);
            if (line.StartsWith("管理后台：", StringComparison.Ordinal)) _ready.TrySetResult();
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }
    }
}
