using System.Net;
using CivicPractice.Web.Features.Demo;
using CivicPractice.Web.Tests.Infrastructure;

namespace CivicPractice.Web.Tests.Features.Portal;

public sealed class PortalTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
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
}
