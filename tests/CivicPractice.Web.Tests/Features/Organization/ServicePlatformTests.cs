using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CivicPractice.Web.Tests.Infrastructure;

namespace CivicPractice.Web.Tests.Features.Organization;

/// <summary>Service platforms (阵地所属平台) are a list each county edits, not a fixed set.</summary>
public sealed class ServicePlatformTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    public static readonly string[] Defaults =
    [
        "理论宣讲平台", "教育服务平台", "文化服务平台", "科技与科普服务平台", "健身体育服务平台",
        "法律服务平台", "卫生服务平台", "扶贫攻坚服务平台", "网格服务平台",
    ];

    [Fact]
    public async Task ACountyStartsWithTheNineDefaults_AddsItsOwn_AndVenuesUseOnlyActivePlatforms()
    {
        var units = await DemoUnits.LoadAsync(app);
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        Assert.Equal(Defaults, await PlatformsAsync(admin));

        var added = await admin.PostAsJsonAsync("/api/v1/county-settings/options", new { kind = "ServicePlatform", name = "新思想引领平台" });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var venue = await admin.PostAsJsonAsync($"/api/v1/org/units/{units.Station.Id}/venues", new { name = "南湖讲堂", platform = "新思想引领平台", capacity = 80 });
        Assert.Equal(HttpStatusCode.Created, venue.StatusCode);
        var created = await venue.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("新思想引领平台", created.GetProperty("platform").GetString());
        var grid = await admin.PostAsJsonAsync($"/api/v1/org/units/{units.Station.Id}/venues", new { name = "网格服务站", platform = "网格服务平台", capacity = 20 });
        Assert.Equal(HttpStatusCode.Created, grid.StatusCode);

        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync($"/api/v1/org/units/{units.Station.Id}/venues", new { name = "火星基地", platform = "火星平台", capacity = 1 }), HttpStatusCode.BadRequest);
        var settings = await admin.GetFromJsonAsync<JsonElement>("/api/v1/county-settings");
        var gridOption = settings.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("kind").GetString() == "ServicePlatform" && o.GetProperty("name").GetString() == "网格服务平台");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/county-settings/options/{gridOption.GetProperty("id").GetString()}/retire", null)).StatusCode);
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync($"/api/v1/org/units/{units.Station.Id}/venues", new { name = "网格服务站二", platform = "网格服务平台", capacity = 20 }), HttpStatusCode.BadRequest);
        // A venue keeps a platform the county has since retired.
        var kept = await admin.PutAsJsonAsync($"/api/v1/org/venues/{(await grid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()}", new { name = "网格服务站（新）", platform = "网格服务平台", capacity = 30 });
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);

        var other = await app.SignedInAsync(DemoLogins.OtherCountyAdmin);
        Assert.Equal(Defaults, await PlatformsAsync(other));
        await ProblemAssert.IsProblemAsync(await other.PostAsJsonAsync($"/api/v1/org/units/{units.OtherCountyCenter.Id}/venues", new { name = "讲堂", platform = "新思想引领平台", capacity = 80 }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TheDemoVenues_CarryPlatformNamesOfTheList()
    {
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var units = await DemoUnits.LoadAsync(app);
        var venues = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/org/units/{units.Center.Id}/venues");
        Assert.NotEmpty(venues.EnumerateArray());
        Assert.All(venues.EnumerateArray(), v => Assert.Contains(v.GetProperty("platform").GetString(), Defaults));
    }

    private static async Task<string[]> PlatformsAsync(HttpClient admin)
    {
        var settings = await admin.GetFromJsonAsync<JsonElement>("/api/v1/county-settings");
        return [.. settings.GetProperty("options").EnumerateArray()
            .Where(o => o.GetProperty("kind").GetString() == "ServicePlatform" && o.GetProperty("isActive").GetBoolean())
            .OrderBy(o => o.GetProperty("sortOrder").GetInt32()).Select(o => o.GetProperty("name").GetString()!)];
    }
}
