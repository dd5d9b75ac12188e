using System.Net;
using System.Net.Http.Json;
using CivicPractice.Bench;
using CivicPractice.Web.Features.Volunteers;
using CivicPractice.Web.Data;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using DemoLogins = CivicPractice.Web.Tests.Infrastructure.DemoLogins;

namespace CivicPractice.Web.Tests.Bench;

/// <summary>
/// A small run of the benchmark harness's parts (bench/) against the test server, so the harness cannot rot between
/// bench runs: its sign-in and load loop, its hand-written baseline queries on the current schema, its import file.
/// No timing is asserted; the figures belong to <c>./build.sh bench</c>.
/// </summary>
public sealed class BenchHarnessTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    [Fact]
    public async Task TheLoadGenerator_SignedInAsAStationAdmin_LoadsTheVolunteerListForASecond_WithoutErrors()
    {
        using var client = new HttpClient(app.Server.CreateHandler()) { BaseAddress = app.Server.BaseAddress };
        var session = await Session.SignInAsync(client, DemoLogins.StationAdmin);

        var result = await LoadGenerator.RunAsync(LoadGenerator.Get(client, Endpoints.VolunteerPage(), session), connections: 4, TimeSpan.FromSeconds(1));

        Assert.True(result.Requests > 0, "no request completed");
        Assert.True(result.Errors == 0, result.FirstError);
        var anonymous = await LoadGenerator.RunAsync(LoadGenerator.Get(client, Endpoints.VolunteerPage()), connections: 1, TimeSpan.FromMilliseconds(100));
        Assert.True(anonymous.Errors > 0, "a request without the session's cookie must count as an error");
    }

    [Fact]
    public async Task TheBaselineQueries_RunOnThePlatformsSchema_AndFindTheScenariosRows()
    {
        var units = await DemoUnits.LoadAsync(app);
        var connectionString = await app.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        var direct = new DirectQueries(CivicAppFactory.Provider == DatabaseProvider.Postgres ? DbProvider.Postgres : DbProvider.Sqlite, connectionString);
        var county = units.Center.CountyId;
        var root = await direct.PathOfAsync(units.Center.Id);
        var station = await direct.PathOfAsync(units.Station.Id);
        Assert.Equal(units.Station.Path, station);

        Assert.Equal(20, await direct.VolunteerPage(county, root).ReadAsync(default));
        Assert.InRange(await direct.VolunteerPage(county, station).ReadAsync(default), 1, 20);
        Assert.InRange(await direct.VolunteerPage(county, root, nameLike: $"%{Endpoints.NameSearch}%").ReadAsync(default), 1, 20);
        Assert.InRange(await direct.VolunteerPage(county, root, phoneLike: $"%{Endpoints.PhoneTail}").ReadAsync(default), 0, 20);
        var inCounty = await app.WithDbAsync(db => db.Volunteers.CountAsync(v => v.CountyId == county));
        Assert.Equal(inCounty, await direct.VolunteerExport(county, root).ReadAsync(default));
        Assert.Equal(1, await direct.OrgUnits(county, root, """u."Path" = @root""", 20, ("root", root)).ReadAsync(default));
        Assert.True(await direct.OrgUnits(county, root, """u."ParentId" = @parent""", 20, ("parent", direct.Id(units.Center.Id))).ReadAsync(default) > 1);
        Assert.True(await direct.OrgUnits(county, root, """u."Type" = @type""", 200, ("type", (int)Domain.Organization.OrgUnitType.Station)).ReadAsync(default) > 1);
        Assert.True(await direct.PortalUnits(county).ReadAsync(default) > 1);
    }

    [Fact]
    public async Task TheBenchImportFile_IsTheTemplatesFormat_AndImportsWhole()
    {
        Assert.Equal(VolunteerImporter.Headers, ImportFile.Headers);
        var units = await DemoUnits.LoadAsync(app);
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var file = ImportFile.Create([units.Station.Code, units.OtherStation.Code], rows: 20, batch: 9);

        using var content = ImportFile.Content(file);
        var response = await admin.PostAsync(Endpoints.VolunteerImport, content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<ImportResult>(Json.Options);
        Assert.Equal((20, 20, 0), (result!.Total, result.Imported, result.ErrorCount));
    }
}
