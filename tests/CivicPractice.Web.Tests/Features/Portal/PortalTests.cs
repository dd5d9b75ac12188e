using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CivicPractice.Domain.Organization;
using CivicPractice.Web.Features.Demo;
using CivicPractice.Web.Features.Organization;
using CivicPractice.Web.Tests.Features.Organization;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CivicPractice.Web.Tests.Features.Portal;

public sealed class PortalTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    private const string Home = $"/c/{DemoSeeder.MainCountyCode}";

    [Fact]
    public async Task ACountysPortal_ShowsThatCounty()
    {
        var page = await app.Client().GetAsync($"/c/{DemoSeeder.OtherCountyCode}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("云溪区新时代文明实践中心", await page.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("nothing")]
    public async Task AnUnknownCounty_IsNotFound_AsInTheApi(string code)
    {
        var page = await app.Client().GetAsync($"/c/{code}");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("页面不存在", html);
        Assert.DoesNotContain("青山县新时代文明实践中心", html);
        await ProblemAssert.IsProblemAsync(await app.Client().GetAsync($"/api/v1/volunteer-registration/options?county={code}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AWarmHomePage_AsksTheDatabaseNothing()
    {
        var visitor = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(Home)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/")).StatusCode);
        using var commands = new CommandCounter(await app.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!)));

        for (var i = 0; i < 3; i++)
        {
            var page = await visitor.GetStringAsync(i == 1 ? "/" : Home);
            Assert.Contains("青山县新时代文明实践中心", page);
        }
        var warm = commands.Count;
        await visitor.GetAsync($"/api/v1/volunteer-registration/options?county={DemoSeeder.MainCountyCode}");

        Assert.Equal(0, warm);
        Assert.True(commands.Count > 0, "the counter sees this app's queries");
    }

    [Fact]
    public async Task AUnitCreatedRenamedOrDeactivatedInTheConsole_ShowsOnTheHomePageAtOnce()
    {
        var units = await DemoUnits.LoadAsync(app);
        var visitor = app.Client();
        Assert.Contains(units.Station.Name, await visitor.GetStringAsync(Home));
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);

        var dto = await admin.GetFromJsonAsync<OrgUnitDto>($"/api/v1/org/units/{units.Station.Id}", Json.Options);
        var rename = OrgUnitForm.From<UpdateOrgUnitRequest>(dto!);
        rename.Name = "缓存改名村新时代文明实践站";
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/org/units/{units.Station.Id}", rename)).StatusCode);
        Assert.Contains("缓存改名村新时代文明实践站", await visitor.GetStringAsync(Home));

        var created = await OrgTreeTests.CreateAsync(admin, units.Institute.Id, OrgUnitType.Station, "缓存新建村新时代文明实践站", "CACHE-NEW");
        Assert.Contains("缓存新建村新时代文明实践站", await visitor.GetStringAsync(Home));

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/org/units/{created.Id}/deactivate", null)).StatusCode);
        Assert.DoesNotContain("缓存新建村新时代文明实践站", await visitor.GetStringAsync(Home));
    }

    /// <summary>Counts the SQL commands EF sends to one database (this test class's), whichever thread sends them.</summary>
    private sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _connectionString;
        private readonly List<IDisposable> _subscriptions = [];
        private int _count;

        public CommandCounter(string connectionString)
        {
            _connectionString = connectionString;
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public int Count => Volatile.Read(ref _count);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Key == RelationalEventId.CommandExecuting.Name && e.Value is CommandEventData data
                && data.Context?.Database.GetConnectionString() == _connectionString)
            {
                Interlocked.Increment(ref _count);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (_subscriptions) _subscriptions.ForEach(s => s.Dispose());
        }
    }
}
