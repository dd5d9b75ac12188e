using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Data;
using CivicPractice.Web.Features.Audit;
using CivicPractice.Web.Features.Demo;
using CivicPractice.Web.Features.Volunteers;
using CivicPractice.Web.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Tests.Features.Volunteers;

public sealed class VolunteerRegistrationTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    [Fact]
    public async Task Registration_ThenApproval_GivesACountyUniqueNumber_AndTheVolunteerSeesIt()
    {
        var units = await DemoUnits.LoadAsync(app);
        var person = await RegisterAsync(units.Station.Id, "13655550001", IdNumber("19850312", "101"), "林晓雨");
        Assert.Equal("待审核", person.Result.StatusName);

        var admin = await app.SignedInAsync(DemoLogins.StationAdmin);
        var pending = await admin.GetFromJsonAsync<Paged<VolunteerRow>>("/api/v1/volunteers?status=Pending&q=林晓雨", Json.Options);
        var row = Assert.Single(pending!.Items);
        Assert.Equal(("136****0001", "男", "中共党员"), (row.PhoneMasked, row.GenderName, row.PoliticalStatusName));
        Assert.Matches(@"^\d{3}\*{14}[\dX]$", row.IdMasked);

        var approved = await admin.PostAsync($"/api/v1/volunteers/{row.Id}/approve", null);
        var detail = (await approved.Content.ReadFromJsonAsync<VolunteerDetail>(Json.Options))!;
        Assert.Equal(VolunteerStatus.Approved, detail.Summary.Status);
        Assert.Matches($"^{DemoSeeder.MainCountyCode}\\d{{7}}$", detail.Summary.Number);
        var numbers = await app.WithDbAsync(db => db.Volunteers.Where(v => v.Number != null).Select(v => v.Number).ToListAsync());
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        await ProblemAssert.IsProblemAsync(await admin.PostAsync($"/api/v1/volunteers/{row.Id}/approve", null), HttpStatusCode.Conflict);

        var volunteer = await app.SignedInBySmsAsync("13655550001");
        var mine = await volunteer.GetFromJsonAsync<VolunteerDetail>("/api/v1/me/volunteer", Json.Options);
        Assert.Equal(detail.Summary.Number, mine!.Summary.Number);
    }

    [Fact]
    public async Task Approval_PlacesTheVolunteerInTheirStationsTierTeam()
    {
        var units = await DemoUnits.LoadAsync(app);
        var admin = await app.SignedInAsync(DemoLogins.StationAdmin);
        var created = await admin.PostAsJsonAsync("/api/v1/volunteers", new AdminRegistrationRequest
        {
            Phone = "13655550031", IdNumber = IdNumber("19880808", "131"), Name = "入队测试", UnitId = units.Station.Id,
            PoliticalStatus = PoliticalStatus.Masses, Consent = true,
        });
        var volunteer = (await created.Content.ReadFromJsonAsync<VolunteerDetail>(Json.Options))!;
        var squadron = await app.WithDbAsync(db => db.Teams.Where(t => t.OrgUnitId == units.Station.Id && t.Kind == Domain.Teams.TeamKind.Squadron).Select(t => t.Id).SingleAsync());
        Assert.Empty((await admin.GetFromJsonAsync<Paged<Web.Features.Teams.TeamMemberRow>>($"/api/v1/teams/{squadron}/members?q=入队测试", Json.Options))!.Items);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/volunteers/{volunteer.Summary.Id}/approve", null)).StatusCode);

        var members = await admin.GetFromJsonAsync<Paged<Web.Features.Teams.TeamMemberRow>>($"/api/v1/teams/{squadron}/members?q=入队测试", Json.Options);
        var member = Assert.Single(members!.Items);
        Assert.Equal((Domain.Teams.MembershipStatus.Active, Domain.Teams.MemberRole.Member), (member.Status, member.Role));
    }

    [Fact]
    public async Task SameIdNumberTwice_IsRefused_NamingOnlyTheStationThatHoldsIt()
    {
        var units = await DemoUnits.LoadAsync(app);
        var id = IdNumber("19700101", "202");
        await RegisterAsync(units.Station.Id, "13655550002", id, "欧阳娜娜");

        var second = await TryRegisterAsync(units.OtherStation.Id, "13655550003", id.ToLowerInvariant(), "欧阳娜");

        var problem = await ProblemAssert.IsProblemAsync(second, HttpStatusCode.Conflict);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(units.Station.Name, detail);
        Assert.DoesNotContain("欧阳", detail);
        Assert.DoesNotContain("0002", detail);
        Assert.Equal(1, await app.WithDbAsync(db => db.Volunteers.CountAsync(v => v.Name.StartsWith("欧阳"))));
    }

    [Fact]
    public async Task StationAdmin_CannotSeeAnotherStationsVolunteers()
    {
        var units = await DemoUnits.LoadAsync(app);
        var theirs = await RegisterAsync(units.OtherStation.Id, "13655550004", IdNumber("19900520", "303"), "钱多多");
        var admin = await app.SignedInAsync(DemoLogins.StationAdmin);

        await ProblemAssert.IsProblemAsync(await admin.GetAsync($"/api/v1/volunteers/{theirs.Result.VolunteerId}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await admin.PostAsync($"/api/v1/volunteers/{theirs.Result.VolunteerId}/approve", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync($"/api/v1/volunteers/{theirs.Result.VolunteerId}/reveal", new { field = "IdNumber" }), HttpStatusCode.NotFound);
        var list = await admin.GetFromJsonAsync<Paged<VolunteerRow>>("/api/v1/volunteers?pageSize=200", Json.Options);
        Assert.NotEmpty(list!.Items);
        Assert.All(list.Items, v => Assert.Equal(units.Station.Id, v.UnitId));
        var otherCounty = await app.SignedInAsync(DemoLogins.OtherCountyAdmin);
        await ProblemAssert.IsProblemAsync(await otherCounty.GetAsync($"/api/v1/volunteers/{theirs.Result.VolunteerId}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reveal_ShowsTheNumber_AndIsAudited()
    {
        var units = await DemoUnits.LoadAsync(app);
        var id = IdNumber("19780808", "404");
        var reg = await RegisterAsync(units.Station.Id, "13655550005", id, "孙立");
        var admin = await app.SignedInAsync(DemoLogins.InstituteAdmin);

        var revealed = await admin.PostAsJsonAsync($"/api/v1/volunteers/{reg.Result.VolunteerId}/reveal", new { field = "IdNumber" });
        var body = await revealed.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(id, body.GetProperty("value").GetString());
        var county = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var log = await county.GetFromJsonAsync<Paged<AuditEntryDto>>("/api/v1/audit?action=Reveal&q=孙立", Json.Options);
        var entry = Assert.Single(log!.Items);
        Assert.Contains("身份证号码", entry.Summary);
        Assert.Equal("查看敏感信息", entry.ActionName);
        Assert.DoesNotContain(id, entry.Summary + entry.Before + entry.After);
    }

    [Fact]
    public async Task Correction_WithAValueOutsideTheCountysLists_Is400_AndChangesNothing()
    {
        var units = await DemoUnits.LoadAsync(app);
        var reg = await RegisterAsync(units.Station.Id, "13655550047", IdNumber("19670707", "517"), "吴一凡");
        var volunteer = await app.SignedInBySmsAsync("13655550047");

        var martian = await volunteer.PutAsJsonAsync("/api/v1/me/volunteer", new VolunteerProfileForm { Name = "吴一凡", PoliticalStatus = PoliticalStatus.Masses, Tags = ["火星人"] });
        var skill = await volunteer.PutAsJsonAsync("/api/v1/me/volunteer", new VolunteerProfileForm { Name = "吴一凡", PoliticalStatus = PoliticalStatus.Masses, Skills = ["隐身术"] });
        var political = await volunteer.PutAsync("/api/v1/me/volunteer", new StringContent("""{"name":"吴一凡","politicalStatus":"火星人"}""", Encoding.UTF8, "application/json"));

        Assert.Contains("火星人", (await ProblemAssert.IsProblemAsync(martian, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        Assert.Contains("专业技能", (await ProblemAssert.IsProblemAsync(skill, HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        await ProblemAssert.IsProblemAsync(political, HttpStatusCode.BadRequest);
        var stored = await app.WithDbAsync(db => db.Volunteers.SingleAsync(v => v.Id == reg.Result.VolunteerId));
        Assert.DoesNotContain("火星人", stored.Tags);
        Assert.DoesNotContain("隐身术", stored.Skills);
        var ok = await volunteer.PutAsJsonAsync("/api/v1/me/volunteer", new VolunteerProfileForm { Name = "吴一凡", PoliticalStatus = PoliticalStatus.Masses, Tags = ["退役军人"], Skills = ["急救"] });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Withdrawal_ErasesPersonalFields_AndKeepsTheRecord()
    {
        var units = await DemoUnits.LoadAsync(app);
        var reg = await RegisterAsync(units.Station.Id, "13655550006", IdNumber("19660606", "505"), "周永");
        var admin = await app.SignedInAsync(DemoLogins.StationAdmin);
        await admin.PostAsync($"/api/v1/volunteers/{reg.Result.VolunteerId}/approve", null);
        var volunteer = await app.SignedInBySmsAsync("13655550006");

        var export = await volunteer.GetAsync("/api/v1/me/volunteer/export");
        Assert.Contains("周永", Encoding.UTF8.GetString(await export.Content.ReadAsByteArrayAsync()));
        var corrected = await volunteer.PutAsJsonAsync("/api/v1/me/volunteer", new VolunteerProfileForm { Name = "周永", PoliticalStatus = PoliticalStatus.Masses, Tags = ["退役军人"] });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await volunteer.PostAsync("/api/v1/me/volunteer/withdraw", null)).StatusCode);

        var stored = await app.WithDbAsync(db => db.Volunteers.SingleAsync(v => v.Id == reg.Result.VolunteerId));
        Assert.Equal(VolunteerStatus.Withdrawn, stored.Status);
        Assert.Equal(Volunteer.ErasedName, stored.Name);
        Assert.Null(stored.IdCipher);
        Assert.Null(stored.PhoneCipher);
        Assert.Null(stored.BirthDate);
        Assert.Empty(stored.Tags);
        Assert.NotNull(stored.Number);
        Assert.Null(stored.IdIndex);
        Assert.Null(stored.PhoneIndex);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.PhoneMasked == "136****0006")));
        // The anonymised account's new security stamp ends the person's session at once.
        Assert.Equal(HttpStatusCode.Unauthorized, (await volunteer.GetAsync("/api/v1/me/volunteer")).StatusCode);
    }

    [Fact]
    public async Task SqliteFile_HoldsNoIdNumberOrPhoneInClear()
    {
        if (CivicAppFactory.Provider != DatabaseProvider.Sqlite) return;
        var units = await DemoUnits.LoadAsync(app);
        var id = IdNumber("19880808", "606");
        await RegisterAsync(units.Station.Id, "13655550007", id, "吴清");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var files = Directory.GetFiles(app.DataDirectory, "civic.db*");
        Assert.Contains(files, f => f.EndsWith("civic.db", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var bytes = await ReadSharedAsync(file);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(id)));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes("13655550007")));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(DemoLogins.CountyAdmin)));
        }
        // The name is not sensitive and is stored: the grep itself must be able to find things.
        Assert.Contains(files, f => ReadSharedAsync(f).Result.AsSpan().IndexOf(Encoding.UTF8.GetBytes("吴清")) >= 0);
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        return memory.ToArray();
    }

    internal static string IdNumber(string birth, string sequence)
    {
        var first17 = "430121" + birth + sequence;
        return first17 + ChineseIdNumber.CheckCharacter(first17);
    }

    private async Task<(HttpClient Client, RegistrationResult Result)> RegisterAsync(Guid stationId, string phone, string id, string name)
    {
        var response = await TryRegisterAsync(stationId, phone, id, name);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (app.Client(), (await response.Content.ReadFromJsonAsync<RegistrationResult>(Json.Options))!);
    }

    private async Task<HttpResponseMessage> TryRegisterAsync(Guid stationId, string phone, string id, string name)
    {
        var client = app.Client();
        var sent = await client.PostAsJsonAsync("/api/v1/volunteer-registration/sms-code", new { phone, countyCode = DemoSeeder.MainCountyCode });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        return await client.PostAsJsonAsync("/api/v1/volunteer-registration", new SelfRegistrationRequest
        {
            Phone = phone, Code = await app.LatestSmsCodeAsync(phone), IdNumber = id, Name = name, UnitId = stationId,
            PoliticalStatus = PoliticalStatus.PartyMember, Interests = ["敬老爱老"], Skills = ["医疗护理"], Tags = ["在职党员"], Availability = ["周末"], Consent = true,
        });
    }

    [Fact]
    public async Task WithoutTheSmsCode_NobodyLearnsWhetherAnIdIsRegistered()
    {
        var units = await DemoUnits.LoadAsync(app);
        var id = IdNumber("19720202", "909");
        await RegisterAsync(units.Station.Id, "13655550008", id, "郑重");

        var probe = await app.Client().PostAsJsonAsync("/api/v1/volunteer-registration", new SelfRegistrationRequest
        {
            Phone = "13655550009", Code = "000000", IdNumber = id, Name = "探测者", UnitId = units.OtherStation.Id,
            PoliticalStatus = PoliticalStatus.Masses, Consent = true,
        });

        var problem = await ProblemAssert.IsProblemAsync(probe, HttpStatusCode.BadRequest);
        Assert.Contains("验证码", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain(units.Station.Name, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task MissingOrNullLists_AreEmptyLists_NotErrors()
    {
        var units = await DemoUnits.LoadAsync(app);
        var admin = await app.SignedInAsync(DemoLogins.StationAdmin);
        var body = $"{{\"name\":\"无标签\",\"idNumber\":\"{IdNumber("19750505", "111")}\",\"phone\":\"13655550010\",\"unitId\":\"{units.Station.Id}\",\"politicalStatus\":\"Masses\",\"consent\":true,\"skills\":null,\"tags\":[null,\" \",\"五老\"]}}";

        var created = await admin.PostAsync("/api/v1/volunteers", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var detail = (await created.Content.ReadFromJsonAsync<VolunteerDetail>(Json.Options))!;
        Assert.Empty(detail.Skills);
        Assert.Equal(["五老"], detail.Summary.Tags);
    }

    [Fact]
    public async Task ParallelRegistrationsOfOneIdNumber_OneSucceeds_AndTheRefusedLeaveNoAccountBehind()
    {
        var units = await DemoUnits.LoadAsync(app);
        var id = IdNumber("19660606", "616");
        var phones = Enumerable.Range(0, 8).Select(i => $"1365556{i:D4}").ToList();
        var codes = new Dictionary<string, string>();
        foreach (var phone in phones)
        {
            await app.Client().PostAsJsonAsync("/api/v1/volunteer-registration/sms-code", new { phone, countyCode = DemoSeeder.MainCountyCode });
            codes[phone] = await app.LatestSmsCodeAsync(phone);
        }
        var usersBefore = await app.WithDbAsync(db => db.Users.CountAsync());

        var answers = await Task.WhenAll(phones.Select(phone => app.Client().PostAsJsonAsync("/api/v1/volunteer-registration", new SelfRegistrationRequest
        {
            Phone = phone, Code = codes[phone], IdNumber = id, Name = "抢注者", UnitId = units.Station.Id,
            PoliticalStatus = PoliticalStatus.Masses, Consent = true,
        })));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        Assert.Equal(usersBefore + 1, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task AnAdminsDuplicateCheck_NamesNoStationOutsideTheirSubtree_AndAnInactiveStationIsRefusedFirst()
    {
        var units = await DemoUnits.LoadAsync(app);
        var id = IdNumber("19650505", "525");
        var holder = await app.SignedInAsync(DemoLogins.StationAdmin);
        Assert.Equal(HttpStatusCode.Created, (await holder.PostAsJsonAsync("/api/v1/volunteers", new AdminRegistrationRequest
        {
            Phone = "13655558001", IdNumber = id, Name = "定位目标", UnitId = units.Station.Id, PoliticalStatus = PoliticalStatus.Masses, Consent = true,
        })).StatusCode);
        var other = await app.SignedInAsync(DemoLogins.OtherStationAdmin);

        var probe = await other.PostAsJsonAsync("/api/v1/volunteers", new AdminRegistrationRequest
        {
            Phone = "13655558002", IdNumber = id, Name = "探测", UnitId = units.OtherStation.Id, PoliticalStatus = PoliticalStatus.Masses, Consent = true,
        });

        var detail = (await ProblemAssert.IsProblemAsync(probe, HttpStatusCode.Conflict)).GetProperty("detail").GetString();
        Assert.DoesNotContain(units.Station.Name, detail);

        // An inactive station is refused before anything is looked up.
        var institute = await app.SignedInAsync(DemoLogins.InstituteAdmin);
        var created = await institute.PostAsJsonAsync("/api/v1/org/units", new { parentId = units.Institute.Id, type = "Station", name = "停用探测站", code = "PROBE-1" });
        var stationId = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await institute.PostAsync($"/api/v1/org/units/{stationId}/deactivate", null)).StatusCode);
        var onInactive = await institute.PostAsJsonAsync("/api/v1/volunteers", new AdminRegistrationRequest
        {
            Phone = "13655558001", IdNumber = IdNumber("19650506", "525"), Name = "探测", UnitId = stationId, PoliticalStatus = PoliticalStatus.Masses, Consent = true,
        });
        Assert.Contains("已停用", (await ProblemAssert.IsProblemAsync(onInactive, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
    }
}
