using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivicPractice.Web.Tests.Infrastructure;

/// <summary>Bad input to every write endpoint is answered 400 ProblemDetails in Chinese and changes nothing.</summary>
public sealed class BadInputTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    private const string Malformed = "{\"name\": ";

    /// <summary>Write endpoints whose only input is the id in the route: their bad input is an id that does not exist (404).</summary>
    private static readonly string[] RouteOnly =
    [
        "/api/v1/org/units/{id:guid}/deactivate", "/api/v1/org/units/{id:guid}/activate", "/api/v1/org/venues/{id:guid}/deactivate",
        "/api/v1/auth/logout",
    ];

    private static IEnumerable<(string Method, string Pattern, string Body)> Cases(DemoUnits u) =>
    [
        ("POST", "/api/v1/auth/login", "{\"phone\":\"12345\",\"password\":\"\"}"),
        ("POST", "/api/v1/auth/sms-code", "{\"phone\":\"abc\"}"),
        ("POST", "/api/v1/auth/sms-login", "{\"phone\":\"13800000001\",\"code\":\"12\"}"),
        ("POST", "/api/v1/org/units/", $"{{\"parentId\":\"{u.Institute.Id}\",\"type\":\"Station\",\"name\":\"X\",\"code\":\"has space\"}}"),
        ("POST", "/api/v1/org/units/", $"{{\"parentId\":\"{u.Institute.Id}\",\"type\":\"Galaxy\",\"name\":\"银河站\",\"code\":\"G1\"}}"),
        ("POST", "/api/v1/org/units/", $"{{\"parentId\":\"{u.Institute.Id}\",\"type\":\"Institute\",\"name\":\"层级错误所\",\"code\":\"BAD-TIER\"}}"),
        ("PUT", "/api/v1/org/units/{id:guid}", "{\"name\":\"\",\"code\":\"QS01\",\"residentPopulation\":-5,\"latitude\":91}"),
        ("POST", "/api/v1/org/units/{id:guid}/move", "{}"),
        ("POST", "/api/v1/org/units/{id:guid}/venues", "{\"name\":\"阵\",\"platform\":\"Culture\",\"capacity\":-1}"),
        ("PUT", "/api/v1/org/venues/{id:guid}", "{\"name\":\"\",\"platform\":null}"),
    ];

    [Fact]
    public async Task EveryWriteEndpoint_AnswersBadInputWith400InChinese_AndChangesNothing()
    {
        var units = await DemoUnits.LoadAsync(app);
        var venueId = await app.WithDbAsync(db => db.Venues.Where(v => v.OrgUnitId == units.Institute.Id).Select(v => v.Id).FirstAsync());
        var client = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var before = await SnapshotAsync();

        var covered = new HashSet<string>();
        foreach (var (method, pattern, body) in Cases(units))
        {
            var url = pattern.Replace("{id:guid}/venues", $"{units.Institute.Id}/venues")
                .Replace("venues/{id:guid}", $"venues/{venueId}").Replace("{id:guid}", units.Institute.Id.ToString());
            foreach (var payload in new[] { body, Malformed })
            {
                var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent(payload, Encoding.UTF8, "application/json") });
                await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
            }
            covered.Add($"{method} {pattern}");
        }
        foreach (var pattern in RouteOnly.Where(p => p.Contains("{id:guid}")))
        {
            var response = await client.PostAsync(pattern.Replace("{id:guid}", Guid.NewGuid().ToString()), null);
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
            covered.Add($"POST {pattern}");
        }

        Assert.Equal(before, await SnapshotAsync());
        var writeEndpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Where(m => m is "POST" or "PUT" or "PATCH" or "DELETE").Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Where(e => !RouteOnly.Any(r => e.EndsWith(" " + r, StringComparison.Ordinal)))
            .ToList();
        Assert.All(writeEndpoints, e => Assert.True(covered.Contains(e), $"no bad-input case for {e}"));
    }

    private Task<string> SnapshotAsync() => app.WithDbAsync(async db =>
        $"{await db.OrgUnits.CountAsync()}|{await db.Venues.CountAsync()}|{await db.OrgUnits.Where(u => u.IsActive).CountAsync()}|" +
        string.Join(",", await db.OrgUnits.OrderBy(u => u.Code).Select(u => u.Name + u.ResidentPopulation + u.Path).Take(50).ToListAsync()) +
        string.Join(",", await db.Venues.OrderBy(v => v.Id).Select(v => v.Name + v.Capacity).ToListAsync()));
}
