using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CivicPractice.Web.Tests.Infrastructure;

/// <summary>What an operator or integrator reaches without signing in: health, the OpenAPI document and its UI.</summary>
public sealed class OperatorEndpointTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    [Fact]
    public async Task Health_ReportsTheDatabaseHealthy()
    {
        var response = await app.Client().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheOrgApi_AndDocsServeAUi()
    {
        var doc = await app.Client().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.Equal("文明实践云 API", doc.GetProperty("info").GetProperty("title").GetString());
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/v1/org/units/{id}", out _));
        var ui = await app.Client().GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Contains("文明实践云 API 文档", await ui.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownApiRoute_IsAProblemDetails404_AndUnknownPageIsChinese()
    {
        await ProblemAssert.IsProblemAsync(await app.Client().GetAsync("/api/v1/nothing-here"), HttpStatusCode.NotFound);
        var page = await app.Client().GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("页面不存在", await page.Content.ReadAsStringAsync());
    }
}
