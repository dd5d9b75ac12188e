using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CivicPractice.Domain.Teams;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Features.Teams;
using CivicPractice.Web.Features.Volunteers;
using CivicPractice.Web.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace CivicPractice.Web.Tests.Features.Volunteers;

/// <summary>
/// What staff see next to a masked ID must not let them complete it: the birth date (ID digits 7–14) never
/// appears beside the mask, and the mask shows no birth or sequence digits. Withdrawal erases the person from
/// the audit log as well.
/// </summary>
public sealed partial class VolunteerPrivacyTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    private static readonly DateOnly Birth = new(1990, 5, 17);

    [Fact]
    public async Task ListDetailExportRosterAndAudit_ShowNoBirthDate_NorIdDigitsBeyondTheMask()
    {
        var units = await DemoUnits.LoadAsync(app);
        var id = VolunteerRegistrationTests.IdNumber("19900517", "123");
        var admin = await app.SignedInAsync(DemoLogins.StationAdmin);
        var created = await admin.PostAsJsonAsync("/api/v1/volunteers", Registration(units.Station.Id, id, "13655551001", "司马未央"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var volunteerId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("summary").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/volunteers/{volunteerId}/approve", null)).StatusCode);
        var teams = (await admin.GetFromJsonAsync<List<TeamDto>>("/api/v1/teams", Json.Options))!;
        var squadron = teams.Single(t => t.OrgUnitId == units.Station.Id && t.Kind == TeamKind.Squadron);
        // Approval made them a member of their station's 中队: the roster below shows them.

        var list = await admin.GetStringAsync("/api/v1/volunteers?q=司马未央");
        var detail = await admin.GetStringAsync($"/api/v1/volunteers/{volunteerId}");
        var export = SheetText(await admin.GetByteArrayAsync("/api/v1/volunteers/export?q=司马未央"));
        var members = await admin.GetStringAsync($"/api/v1/teams/{squadron.Id}/members?q=司马未央");
        var roster = SheetText(await admin.GetByteArrayAsync($"/api/v1/teams/{squadron.Id}/roster"));
        var county = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var audit = await county.GetStringAsync($"/api/v1/audit?entityType=Volunteer&q=司马未央");

        Assert.Contains("司马未央", list + detail + export + members + roster + audit); // the texts are the right ones
        foreach (var (where, text) in new[] { ("list", list), ("detail", detail), ("export", export), ("members", members), ("roster", roster), ("audit", audit) })
        {
            AssertNoBirthDate(where, text, Birth);
            Assert.DoesNotContain(id, text);
            AssertMasksHideBirthAndSequence(where, text);
        }
        var row = JsonDocument.Parse(list).RootElement.GetProperty("items")[0];
        Assert.Equal(ChinaTime.Age(Birth, ChinaTime.Today(TimeProvider.System)), row.GetProperty("age").GetInt32());
        Assert.Equal(id[..3] + new string('*', 14) + id[17], row.GetProperty("idMasked").GetString());
    }

    [Fact]
    public async Task Withdrawal_ErasesThePersonFromTheAuditLog_AndKeepsTheEvents()
    {
        var units = await DemoUnits.LoadAsync(app);
        var id = VolunteerRegistrationTests.IdNumber("19900517", "246");
        const string name = "欧阳清漪";
        const string phone = "13655551002";
        var admin = await app.SignedInAsync(DemoLogins.StationAdmin);
        var created = await admin.PostAsJsonAsync("/api/v1/volunteers", Registration(units.Station.Id, id, phone, name));
        var volunteerId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("summary").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/volunteers/{volunteerId}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/volunteers/{volunteerId}/reveal", new { field = "Phone" })).StatusCode);
        var stored = await app.WithDbAsync(db => db.Volunteers.SingleAsync(v => v.Id == volunteerId));
        var person = await SmsSignInAsync(phone);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/api/v1/me/volunteer/export")).StatusCode);
        // Two corrections: the name in between is held only by the log (not by the record nor the account).
        string[] names = [name, "上官婉清", "上官婉儿"];
        foreach (var corrected in names[1..])
        {
            var response = await person.PutAsJsonAsync("/api/v1/me/volunteer", new VolunteerProfileForm { Name = corrected, PoliticalStatus = PoliticalStatus.Masses, Tags = ["退役军人"] });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var userId = (await app.WithDbAsync(db => db.Volunteers.SingleAsync(v => v.Id == volunteerId))).UserId!.Value;
        var before = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == volunteerId.ToString() || a.UserId == userId).Select(a => new { a.Id, a.Action }).ToListAsync());
        Assert.Contains(before, a => a.Action == "SignIn");
        Assert.Contains(before, a => a.Action == "Reveal");
        Assert.Contains(before, a => a.Action == "Export");
        var logged = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == volunteerId.ToString() || a.UserId == userId)
            .Select(a => a.UserName + a.Summary + a.Before + a.After).ToListAsync());
        Assert.Contains(logged, text => text.Contains(name)); // the log did name the person before

        Assert.Equal(HttpStatusCode.NoContent, (await person.PostAsync("/api/v1/me/volunteer/withdraw", null)).StatusCode);

        var after = await app.WithDbAsync(db => db.AuditEntries.ToListAsync());
        Assert.All(before, b => Assert.Contains(after, a => a.Id == b.Id && a.Action == b.Action)); // every event stays
        Assert.Contains(after, a => a.EntityId == volunteerId.ToString() && a.Action == "Update" && before.All(b => b.Id != a.Id)); // and withdrawal is one
        foreach (var entry in after)
        {
            var text = $"{entry.UserName} {entry.Summary} {entry.Before} {entry.After}";
            Assert.All(names, n => Assert.DoesNotContain(n, text));
            if (entry.EntityId == volunteerId.ToString() || entry.UserId == userId)
            {
                AssertNoBirthDate($"audit {entry.Action}", text, Birth);
                Assert.DoesNotContain(stored.IdMasked, text);
                Assert.DoesNotContain(stored.PhoneMasked, text);
            }
        }
        var county = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var api = await county.GetStringAsync($"/api/v1/audit?entityType=Volunteer&pageSize=100");
        Assert.Contains(volunteerId.ToString(), api);
        Assert.All(names, n => Assert.DoesNotContain(n, api));
        Assert.Contains(Volunteer.ErasedName, api);
    }

    [Fact]
    public async Task AuditLinesWrittenBeforeTheseRules_AreShownUnderThem()
    {
        var units = await DemoUnits.LoadAsync(app);
        var id = VolunteerRegistrationTests.IdNumber("19900517", "369");
        var lineId = Guid.CreateVersion7();
        await app.WithDbAsync(async db =>
        {
            db.AuditEntries.Add(new Web.Features.Audit.AuditEntry
            {
                Id = lineId, CountyId = units.Center.CountyId, At = DateTimeOffset.UtcNow, UserName = "旧版本", Action = "Create", EntityType = "Volunteer",
                EntityId = Guid.NewGuid().ToString(), Summary = "旧记录",
                After = $$"""{"Name":"旧记录","IdMasked":"{{id[..3]}}***********{{id[14..]}}","BirthDate":"1990-05-17","Gender":1}""",
            });
            return await db.SaveChangesAsync();
        });
        var county = await app.SignedInAsync(DemoLogins.CountyAdmin);

        var audit = await county.GetStringAsync("/api/v1/audit?q=旧记录");

        Assert.Contains(lineId.ToString(), audit);
        AssertNoBirthDate("legacy audit", audit, Birth);
        AssertMasksHideBirthAndSequence("legacy audit", audit);
        Assert.Contains(id[..3] + new string('*', 14) + id[17], audit);
    }

    private static void AssertNoBirthDate(string where, string text, DateOnly birth)
    {
        string[] forms =
        [
            $"{birth:yyyy-MM-dd}", $"{birth:yyyyMMdd}", $"{birth:yyyy/MM/dd}", $"{birth.Year}/{birth.Month}/{birth.Day}",
            $"{birth.Year}-{birth.Month}-{birth.Day}", $"{birth.Year}年{birth.Month}月{birth.Day}日", $"{birth:yyyy年MM月dd日}",
        ];
        foreach (var form in forms) Assert.False(text.Contains(form, StringComparison.Ordinal), $"{where} shows the birth date as {form}");
        Assert.False(text.Contains("birthDate", StringComparison.OrdinalIgnoreCase), $"{where} carries a birth date field");
    }

    /// <summary>An ID mask shows the region prefix and at most the check character: no birth or sequence digit.</summary>
    private static void AssertMasksHideBirthAndSequence(string where, string text)
    {
        foreach (Match mask in IdMask().Matches(text))
        {
            Assert.True(mask.Groups["tail"].Length <= 1, $"{where} shows {mask.Value}: the digits after the stars complete the ID with the birth date");
        }
    }

    [GeneratedRegex(@"\d{3}\*{6,}(?<tail>[\dX]*)")]
    private static partial Regex IdMask();

    private static string SheetText(byte[] xlsx)
    {
        var text = new StringBuilder();
        foreach (var row in new MemoryStream(xlsx).Query(useHeaderRow: false).Cast<IDictionary<string, object?>>())
        {
            text.AppendJoin(' ', row.Values.Select(v => v switch
            {
                DateTime d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
            })).AppendLine();
        }
        return text.ToString();
    }

    private static AdminRegistrationRequest Registration(Guid stationId, string id, string phone, string name) => new()
    {
        Name = name, IdNumber = id, Phone = phone, UnitId = stationId, PoliticalStatus = PoliticalStatus.LeagueMember,
        Skills = ["医疗护理"], Tags = ["在职党员"], Availability = ["周末"], Consent = true,
    };

    private async Task<HttpClient> SmsSignInAsync(string phone)
    {
        var client = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/sms-code", new { phone })).StatusCode);
        var login = await client.PostAsJsonAsync("/api/v1/auth/sms-login", new { phone, code = await app.LatestSmsCodeAsync(phone) });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return client;
    }
}
