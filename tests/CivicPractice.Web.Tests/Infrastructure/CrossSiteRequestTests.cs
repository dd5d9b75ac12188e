using System.Net;
using System.Net.Http.Json;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Features.Teams;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace CivicPractice.Web.Tests.Infrastructure;

/// <summary>
/// Another site can make a signed-in admin's browser post a form, a file upload or an empty POST to the API
/// (no preflight for those). The API refuses them unless they carry our custom header (which only our own
/// scripts, or a non-browser client, can add) and come from this site.
/// </summary>
public sealed class CrossSiteRequestTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    private const string Evil = "https://evil.example";

    [Fact]
    public async Task BodylessPost_WithoutTheHeader_IsRefused_AndApprovesNobody()
    {
        var admin = await SignedInPlainAsync(DemoLogins.CountyAdmin);
        var pending = await PendingVolunteerAsync();

        var response = await admin.PostAsync($"/api/v1/volunteers/{pending}/approve", null);

        await AssertRefusedAsync(response);
        Assert.Equal(VolunteerStatus.Pending, await StatusOfAsync(pending));
    }

    [Fact]
    public async Task BodylessPost_FromAnotherOrigin_IsRefusedEvenWithTheHeader()
    {
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var pending = await PendingVolunteerAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/volunteers/{pending}/approve");
        request.Headers.Add("Origin", Evil);

        await AssertRefusedAsync(await admin.SendAsync(request));
        Assert.Equal(VolunteerStatus.Pending, await StatusOfAsync(pending));
    }

    [Fact]
    public async Task CrossSiteLogout_IsRefused_AndTheSessionLives()
    {
        var admin = await SignedInPlainAsync(DemoLogins.InstituteAdmin);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout");
        request.Headers.Referrer = new Uri(Evil + "/page");

        await AssertRefusedAsync(await admin.SendAsync(request));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task FormPostedImport_IsRefused_AndImportsNobody()
    {
        var admin = await SignedInPlainAsync(DemoLogins.CountyAdmin);
        var station = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Type == Domain.Organization.OrgUnitType.Station && u.IsActive).Select(u => u.Code).FirstAsync());
        var before = await app.WithDbAsync(db => db.Volunteers.CountAsync());
        using var content = new MultipartFormDataContent { { new ByteArrayContent(OneRowRoster(station)), "file", "名单.xlsx" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/volunteers/import") { Content = content };
        request.Headers.Add("Origin", Evil);

        await AssertRefusedAsync(await admin.SendAsync(request));
        Assert.Equal(before, await app.WithDbAsync(db => db.Volunteers.CountAsync()));
    }

    [Fact]
    public async Task FormPostedLogo_WithoutTheHeader_IsRefused_AndTheTeamKeepsNoLogo()
    {
        var admin = await SignedInPlainAsync(DemoLogins.CountyAdmin);
        var team = (await admin.GetFromJsonAsync<List<TeamDto>>("/api/v1/teams", Json.Options))!.First(t => !t.HasLogo);
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        using var content = new MultipartFormDataContent { { new ByteArrayContent(png), "file", "队徽.png" } };

        await AssertRefusedAsync(await admin.PostAsync($"/api/v1/teams/{team.Id}/logo", content));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync($"/api/v1/teams/{team.Id}/logo")).StatusCode);
    }

    [Fact]
    public async Task OwnPages_AndApiClients_StillWrite()
    {
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var pending = await PendingVolunteerAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/volunteers/{pending}/approve");
        request.Headers.Add("Origin", "http://localhost");

        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(request)).StatusCode);
        Assert.Equal(VolunteerStatus.Approved, await StatusOfAsync(pending));
        // A JSON body cannot be sent by another site without a CORS preflight (which we never grant): no header needed.
        var plain = app.PlainClient();
        var login = await plain.PostAsJsonAsync("/api/v1/auth/login", new { phone = DemoLogins.StationAdmin, password = DemoLogins.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    private async Task<HttpClient> SignedInPlainAsync(string phone)
    {
        var client = app.PlainClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { phone, password = DemoLogins.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return client;
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("跨站", problem.GetProperty("detail").GetString());
    }

    private Task<Guid> PendingVolunteerAsync() => app.WithDbAsync(db =>
        db.Volunteers.Where(v => v.Status == VolunteerStatus.Pending && db.Counties.Any(c => c.Id == v.CountyId && c.Code == Web.Features.Demo.DemoSeeder.MainCountyCode))
            .OrderBy(v => v.Id).Select(v => v.Id).FirstAsync());

    private Task<VolunteerStatus> StatusOfAsync(Guid id) => app.WithDbAsync(db => db.Volunteers.Where(v => v.Id == id).Select(v => v.Status).FirstAsync());

    private static byte[] OneRowRoster(string station)
    {
        const string first17 = "43012119900101123";
        var rows = new List<Dictionary<string, object?>>
        {
            new()
            {
                ["姓名"] = "跨站导入", ["身份证号码"] = first17 + ChineseIdNumber.CheckCharacter(first17),
                ["手机号"] = "16699990001", ["政治面貌"] = "群众", ["所属实践站"] = station,
                ["服务意向"] = "敬老爱老", ["专业技能"] = "", ["人员标签"] = "", ["可服务时间"] = "周末",
            },
        };
        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        return stream.ToArray();
    }
}
