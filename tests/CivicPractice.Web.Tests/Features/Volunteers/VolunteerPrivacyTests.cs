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
/// appears beside the mask, and the mask shows no birth or sequence digits.
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
        var enlisted = await admin.PostAsJsonAsync($"/api/v1/teams/{squadron.Id}/members", new AddMemberRequest { VolunteerId = volunteerId, Enlist = true });
        Assert.Equal(HttpStatusCode.OK, enlisted.StatusCode);

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
        Name = name, IdNumber = id, Phone = phone, StationId = stationId, PoliticalStatus = PoliticalStatus.LeagueMember,
        Skills = ["医疗护理"], Tags = ["在职党员"], Availability = ["周末"], Consent = true,
    };
}
