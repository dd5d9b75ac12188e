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
    private static readonly (string Method, string Pattern)[] RouteOnly =
    [
        ("POST", "/api/v1/org/units/{id:guid}/deactivate"), ("POST", "/api/v1/org/units/{id:guid}/activate"),
        ("POST", "/api/v1/org/venues/{id:guid}/deactivate"), ("DELETE", "/api/v1/accounts/assignments/{id:guid}"),
        ("POST", "/api/v1/accounts/{userId:guid}/unlock"), ("POST", "/api/v1/auth/logout"),
        ("POST", "/api/v1/accounts/{userId:guid}/reset-password"), ("POST", "/api/v1/me/password/code"),
        ("POST", "/api/v1/volunteers/{id:guid}/approve"), ("POST", "/api/v1/me/volunteer/withdraw"),
        ("POST", "/api/v1/teams/{id:guid}/deactivate"), ("POST", "/api/v1/teams/{id:guid}/members/{memberId:guid}/approve"),
        ("POST", "/api/v1/teams/{id:guid}/members/{memberId:guid}/remove"), ("POST", "/api/v1/me/teams/{teamId:guid}/apply"),
        ("POST", "/api/v1/me/teams/memberships/{memberId:guid}/accept"), ("POST", "/api/v1/me/teams/memberships/{memberId:guid}/leave"),
        ("POST", "/api/v1/county-settings/options/{id:guid}/retire"),
        ("POST", "/api/v1/activities/{id:guid}/publish"), ("POST", "/api/v1/me/activities/{id:guid}/signup"),
        ("POST", "/api/v1/me/activities/{id:guid}/cancel"),
        ("POST", "/api/v1/activities/{id:guid}/signups/{signupId:guid}/checkin"), ("POST", "/api/v1/activities/{id:guid}/signups/{signupId:guid}/checkout"),
    ];

    /// <summary>Form uploads: their bad input (no file, not an Excel file) is asserted where the upload is tested.</summary>
    private static readonly string[] FormUploads = ["POST /api/v1/volunteers/import", "POST /api/v1/teams/{id:guid}/logo"];

    private static IEnumerable<(string Method, string Pattern, string Body)> Cases(DemoUnits u, Guid teamId) =>
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
        ("POST", "/api/v1/accounts/", $"{{\"name\":\"张\",\"phone\":\"1234\",\"role\":\"StationAdmin\",\"unitId\":\"{u.Station.Id}\"}}"),
        ("POST", "/api/v1/accounts/", $"{{\"name\":\"张三\",\"phone\":\"13712340000\",\"role\":\"CountyAdmin\",\"unitId\":\"{u.Station.Id}\"}}"),
        ("POST", "/api/v1/me/password/", "{\"currentPassword\":\"Demo@2026\",\"newPassword\":\"short\"}"),
        ("POST", "/api/v1/me/password/", "{\"newPassword\":\"Strong#2026x\"}"),
        ("POST", "/api/v1/me/password/", "{\"currentPassword\":\"Wrong#2026x\",\"newPassword\":\"Strong#2026x\"}"),
        ("POST", "/api/v1/volunteer-registration/sms-code", "{\"phone\":\"1\",\"countyCode\":\"abc\"}"),
        ("POST", "/api/v1/volunteer-registration/", $"{{\"phone\":\"13655559999\",\"code\":\"123456\",\"idNumber\":\"430121198001010010\",\"name\":\"错号码\",\"unitId\":\"{u.Station.Id}\",\"politicalStatus\":\"Masses\",\"consent\":true}}"),
        ("POST", "/api/v1/volunteer-registration/", $"{{\"phone\":\"13655559999\",\"code\":\"123456\",\"idNumber\":\"{Features.Volunteers.VolunteerRegistrationTests.IdNumber("19800101", "001")}\",\"name\":\"未同意\",\"unitId\":\"{u.Station.Id}\",\"politicalStatus\":\"Masses\",\"consent\":false}}"),
        ("POST", "/api/v1/volunteers/", $"{{\"phone\":\"13655559998\",\"idNumber\":\"43012119800230001X\",\"name\":\"错日期\",\"unitId\":\"{u.Station.Id}\",\"politicalStatus\":\"Masses\",\"consent\":true}}"),
        ("POST", "/api/v1/volunteers/", $"{{\"phone\":\"13655559997\",\"idNumber\":\"{Features.Volunteers.VolunteerRegistrationTests.IdNumber("19810101", "003")}\",\"name\":\"长标签\",\"unitId\":\"{u.Station.Id}\",\"politicalStatus\":\"Masses\",\"consent\":true,\"tags\":[\"{new string('长', 31)}\"]}}"),
        ("POST", "/api/v1/volunteers/{id:guid}/reject", "{\"reason\":\"\"}"),
        ("POST", "/api/v1/volunteers/{id:guid}/reveal", "{\"field\":\"Salary\"}"),
        ("PUT", "/api/v1/me/volunteer/", "{\"name\":\"\",\"politicalStatus\":\"Nobody\"}"),
        ("POST", "/api/v1/teams/", "{\"kind\":\"Army\",\"name\":\"错\"}"),
        ("POST", "/api/v1/teams/", $"{{\"kind\":\"Brigade\",\"name\":\"手工大队\",\"parentTeamId\":\"{teamId}\"}}"),
        ("PUT", "/api/v1/teams/{id:guid}", "{\"name\":\"\"}"),
        ("POST", "/api/v1/teams/{id:guid}/members", "{}"),
        ("PUT", "/api/v1/teams/{id:guid}/members/{memberId:guid}", "{\"role\":\"King\"}"),
        ("PUT", "/api/v1/county-settings/", "{\"autoApproveVolunteers\":\"maybe\"}"),
        ("PUT", "/api/v1/county-settings/team-tiers", "{\"corps\":\"总队\",\"brigade\":\"\",\"squadron\":\"中队\",\"squad\":\"小队\"}"),
        ("PUT", "/api/v1/county-settings/team-tiers", "{\"corps\":\"总队\",\"brigade\":\"大队\",\"squadron\":\"大队\",\"squad\":\"小队\"}"),
        ("PUT", "/api/v1/county-settings/", "{\"registrationTargetPercent\":0}"),
        ("PUT", "/api/v1/county-settings/", "{\"registrationTargetPercent\":130}"),
        ("POST", "/api/v1/county-settings/options", "{\"kind\":\"Hobby\",\"name\":\"钓鱼\"}"),
        ("POST", "/api/v1/county-settings/options", "{\"kind\":\"Skill\",\"name\":\"\"}"),
        ("POST", "/api/v1/activities/", $"{{\"unitId\":\"{u.Station.Id}\",\"title\":\"义诊\",\"category\":\"志愿服务\",\"address\":\"村委会\",\"seats\":0,\"startsAt\":\"2030-01-01T09:00:00+08:00\",\"endsAt\":\"2030-01-01T08:00:00+08:00\"}}"),
        ("POST", "/api/v1/activities/{id:guid}/hours/{signupId:guid}/confirm", "{\"hours\":-1}"),
        ("POST", "/api/v1/activities/{id:guid}/hours/{signupId:guid}/revoke", $"{{\"reason\":\"{new string('长', 201)}\"}}"),
        ("POST", "/api/v1/me/activities/{id:guid}/checkin", "{\"token\":\"\"}"),
        ("POST", "/api/v1/me/activities/{id:guid}/checkout", "{\"latitude\":100}"),
    ];

    /// <summary>
    /// For each write endpoint with a body: input that would be accepted but for one control or format character (NUL, a bidi
    /// override, a bell, a line break in a one-line field …). Endpoints without text carry it in an enum or id instead.
    /// </summary>
    private static IEnumerable<(string Method, string Pattern, string Body)> ControlCharacterCases(DemoUnits u, Guid detachmentId) =>
    [
        ("POST", "/api/v1/auth/login", "{\"phone\":\"13800000001\\u0000\",\"password\":\"Demo@2026\"}"),
        ("POST", "/api/v1/auth/sms-code", "{\"phone\":\"\\u202E13800000001\"}"),
        ("POST", "/api/v1/auth/sms-login", "{\"phone\":\"13800000001\",\"code\":\"12345\\u00006\"}"),
        ("POST", "/api/v1/org/units/", $"{{\"parentId\":\"{u.Institute.Id}\",\"type\":\"Station\",\"name\":\"控制\\u0000字符村实践站\",\"code\":\"CTRL-1\"}}"),
        ("PUT", "/api/v1/org/units/{id:guid}", $"{{\"name\":\"{u.Institute.Name}\\u202E\",\"code\":\"{u.Institute.Code}\"}}"),
        ("POST", "/api/v1/org/units/{id:guid}/move", $"{{\"newParentId\":\"{u.Center.Id}\\u0000\"}}"),
        ("POST", "/api/v1/org/units/{id:guid}/venues", "{\"name\":\"村史\\u202E馆\",\"platform\":\"Culture\",\"capacity\":10}"),
        ("PUT", "/api/v1/org/venues/{id:guid}", "{\"name\":\"文化\\u0007礼堂\",\"platform\":\"Culture\",\"capacity\":10}"),
        ("POST", "/api/v1/accounts/", $"{{\"name\":\"张\\u0000三\",\"phone\":\"13712340001\",\"role\":\"StationAdmin\",\"unitId\":\"{u.Station.Id}\"}}"),
        ("POST", "/api/v1/me/password/", "{\"currentPassword\":\"Demo@2026\",\"newPassword\":\"Abcdef12!\\u0000x\"}"),
        ("POST", "/api/v1/volunteer-registration/sms-code", "{\"phone\":\"13655550001\",\"countyCode\":\"430121\\u200B\"}"),
        ("POST", "/api/v1/volunteer-registration/", $"{{\"phone\":\"13655559996\",\"code\":\"123456\",\"idNumber\":\"{Features.Volunteers.VolunteerRegistrationTests.IdNumber("19820101", "005")}\",\"name\":\"赵\\u202E六\",\"unitId\":\"{u.Station.Id}\",\"politicalStatus\":\"Masses\",\"consent\":true}}"),
        ("POST", "/api/v1/volunteers/", $"{{\"phone\":\"13655559995\",\"idNumber\":\"{Features.Volunteers.VolunteerRegistrationTests.IdNumber("19830101", "007")}\",\"name\":\"钱\\u0000七\",\"unitId\":\"{u.Station.Id}\",\"politicalStatus\":\"Masses\",\"consent\":true}}"),
        ("POST", "/api/v1/volunteers/", $"{{\"phone\":\"13655559994\",\"idNumber\":\"{Features.Volunteers.VolunteerRegistrationTests.IdNumber("19840101", "009")}\",\"name\":\"孙八\",\"unitId\":\"{u.Station.Id}\",\"politicalStatus\":\"Masses\",\"consent\":true,\"tags\":[\"在职\\u202E党员\"]}}"),
        ("POST", "/api/v1/volunteers/{id:guid}/reject", "{\"reason\":\"材料\\u0000不全\"}"),
        ("POST", "/api/v1/volunteers/{id:guid}/reveal", "{\"field\":\"Phone\\u0000\"}"),
        ("PUT", "/api/v1/me/volunteer/", "{\"name\":\"李\\u202E四\",\"politicalStatus\":\"Masses\"}"),
        ("POST", "/api/v1/teams/", $"{{\"kind\":\"Section\",\"name\":\"控制\\u0000字符分队\",\"parentTeamId\":\"{detachmentId}\"}}"),
        ("PUT", "/api/v1/teams/{id:guid}", "{\"name\":\"改名\\nT队\",\"introduction\":\"第一行\\n第二行\"}"),
        ("PUT", "/api/v1/teams/{id:guid}", "{\"name\":\"改名队\",\"introduction\":\"简介\\u202Egnp.exe\"}"),
        ("POST", "/api/v1/teams/{id:guid}/members", "{\"volunteerId\":\"00000000-0000-0000-0000-000000000000\\u0000\"}"),
        ("PUT", "/api/v1/teams/{id:guid}/members/{memberId:guid}", "{\"role\":\"Member\\u0000\"}"),
        ("PUT", "/api/v1/county-settings/", "{\"autoApproveVolunteers\":\"true\\u0000\"}"),
        ("PUT", "/api/v1/county-settings/team-tiers", "{\"corps\":\"总队\",\"brigade\":\"大\\u202E队\",\"squadron\":\"中队\",\"squad\":\"小队\"}"),
        ("POST", "/api/v1/county-settings/options", "{\"kind\":\"Skill\",\"name\":\"急救\\u0000\"}"),
        ("POST", "/api/v1/activities/", $"{{\"unitId\":\"{u.Station.Id}\",\"title\":\"义\\u202E诊\",\"category\":\"志愿服务\",\"address\":\"村委会\",\"seats\":10,\"startsAt\":\"2030-01-01T09:00:00+08:00\",\"endsAt\":\"2030-01-01T11:00:00+08:00\"}}"),
        ("POST", "/api/v1/activities/{id:guid}/hours/{signupId:guid}/confirm", "{\"hours\":2,\"reason\":\"提前\\u0000到场\"}"),
        ("POST", "/api/v1/activities/{id:guid}/hours/{signupId:guid}/revoke", "{\"reason\":\"未\\u202E到岗\"}"),
        ("POST", "/api/v1/me/activities/{id:guid}/checkin", "{\"token\":\"123.abc\\u0000\"}"),
        ("POST", "/api/v1/me/activities/{id:guid}/checkout", "{\"token\":\"123.\\u202Eabc\"}"),
    ];

    [Fact]
    public async Task EveryWriteEndpoint_AnswersBadInputWith400InChinese_AndChangesNothing()
    {
        var units = await DemoUnits.LoadAsync(app);
        var venueId = await app.WithDbAsync(db => db.Venues.Where(v => v.OrgUnitId == units.Institute.Id).Select(v => v.Id).FirstAsync());
        var stationAdminId = await app.WithDbAsync(db => db.RoleAssignments.Where(r => r.OrgUnitId == units.Station.Id && r.Role == Domain.Identity.RoleKind.StationAdmin).Select(r => r.UserId).FirstAsync());
        var volunteerId = await app.WithDbAsync(db => db.Volunteers.Where(v => v.CountyId == units.Center.CountyId && v.Status == Domain.Volunteers.VolunteerStatus.Pending).Select(v => v.Id).FirstAsync());
        var (teamId, memberId) = await app.WithDbAsync(async db =>
        {
            var member = await db.TeamMembers.Where(m => m.CountyId == units.Center.CountyId && m.Status == Domain.Teams.MembershipStatus.Active).OrderBy(m => m.Id).FirstAsync();
            return (member.TeamId, member.Id);
        });
        var detachmentId = await app.WithDbAsync(db => db.Teams.Where(t => t.CountyId == units.Center.CountyId && t.Kind == Domain.Teams.TeamKind.Detachment && t.IsActive).Select(t => t.Id).FirstAsync());
        var client = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var before = await SnapshotAsync();
        string Url(string pattern) => pattern.Replace("{signupId:guid}", Guid.NewGuid().ToString()).Replace("{userId:guid}", stationAdminId.ToString()).Replace("volunteers/{id:guid}", $"volunteers/{volunteerId}").Replace("teams/{id:guid}", $"teams/{teamId}").Replace("{memberId:guid}", memberId.ToString()).Replace("{id:guid}/venues", $"{units.Institute.Id}/venues")
            .Replace("venues/{id:guid}", $"venues/{venueId}").Replace("{id:guid}", units.Institute.Id.ToString());

        var covered = new HashSet<string>();
        foreach (var (method, pattern, body) in Cases(units, teamId))
        {
            var url = Url(pattern);
            foreach (var payload in new[] { body, Malformed })
            {
                var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent(payload, Encoding.UTF8, "application/json") });
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {url} {payload} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
            }
            covered.Add($"{method} {pattern}");
        }
        foreach (var (method, pattern) in RouteOnly.Where(p => p.Pattern.Contains(":guid}")))
        {
            var url = pattern.Replace("{id:guid}", Guid.NewGuid().ToString()).Replace("{userId:guid}", Guid.NewGuid().ToString())
                .Replace("{memberId:guid}", Guid.NewGuid().ToString()).Replace("{signupId:guid}", Guid.NewGuid().ToString()).Replace("{teamId:guid}", Guid.NewGuid().ToString());
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
            covered.Add($"{method} {pattern}");
        }

        var controlCovered = new HashSet<string>();
        foreach (var (method, pattern, body) in ControlCharacterCases(units, detachmentId))
        {
            var url = Url(pattern);
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {url} {body} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
            controlCovered.Add($"{method} {pattern}");
        }

        Assert.Equal(before, await SnapshotAsync());
        var writeEndpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Where(m => m is "POST" or "PUT" or "PATCH" or "DELETE").Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Where(e => !RouteOnly.Any(r => e == $"{r.Method} {r.Pattern}") && !FormUploads.Contains(e))
            .ToList();
        Assert.All(writeEndpoints, e => Assert.True(covered.Contains(e), $"no bad-input case for {e}"));
        Assert.All(writeEndpoints, e => Assert.True(controlCovered.Contains(e), $"no control-character case for {e}"));
    }

    private Task<string> SnapshotAsync() => app.WithDbAsync(async db =>
        $"{await db.OrgUnits.CountAsync()}|{await db.Venues.CountAsync()}|{await db.OrgUnits.Where(u => u.IsActive).CountAsync()}|" +
        $"{await db.Volunteers.CountAsync()}|{string.Join(",", await db.Volunteers.OrderBy(v => v.Id).Select(v => v.Name + v.Status + v.Number).ToListAsync())}|" +
        $"{string.Join(",", await db.Counties.OrderBy(c => c.Id).Select(c => c.AutoApproveVolunteers + "/" + c.RegistrationTargetPercent).ToListAsync())}|{await db.VolunteerOptions.CountAsync(o => o.IsActive)}|" +
        $"{await db.Teams.CountAsync()}|{await db.TeamMembers.CountAsync()}|{string.Join(",", await db.TeamMembers.OrderBy(m => m.Id).Take(200).Select(m => (int)m.Role + "/" + (int)m.Status).ToListAsync())}|" +
        $"{await db.Users.CountAsync()}|{await db.RoleAssignments.CountAsync()}|{string.Join(",", await db.Users.OrderBy(u => u.Id).Select(u => u.PasswordHash).ToListAsync())}|" +
        string.Join(",", await db.OrgUnits.OrderBy(u => u.Code).Select(u => u.Name + u.ResidentPopulation + u.Path).Take(50).ToListAsync()) +
        string.Join(",", await db.Venues.OrderBy(v => v.Id).Select(v => v.Name + v.Capacity).ToListAsync()) +
        string.Join(",", await db.Teams.OrderBy(t => t.Id).Select(t => t.Name + t.Introduction).ToListAsync()));
}
