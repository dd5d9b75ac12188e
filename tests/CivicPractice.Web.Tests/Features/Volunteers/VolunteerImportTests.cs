using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Features.Volunteers;
using CivicPractice.Web.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace CivicPractice.Web.Tests.Features.Volunteers;

public sealed class VolunteerImportTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    [Fact]
    public async Task TenThousandRows_With50Bad_Imports9950_ReportsThe50_AndASecondRunAddsNone()
    {
        var units = await DemoUnits.LoadAsync(app);
        var stations = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.CountyId == units.Center.CountyId && u.Type == Domain.Organization.OrgUnitType.Station && u.IsActive).Select(u => u.Code).ToListAsync());
        var (file, expectedBad) = GenerateFile(stations, total: 10_000);
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var before = await app.WithDbAsync(db => db.Volunteers.CountAsync());

        var first = await ImportAsync(admin, file);

        Assert.Equal(10_000, first.Total);
        Assert.True(first.Imported == 9_950, string.Join("\n", expectedBad.Where(b => first.Errors.All(e => e.Row != b.Key)).Select(b => $"row {b.Key} not rejected ({b.Value})")));
        Assert.Equal(50, first.Errors.Count);
        Assert.Equal(expectedBad.Keys.Order(), first.Errors.Select(e => e.Row).Order());
        Assert.All(first.Errors, e => Assert.Contains(expectedBad[e.Row], e.Reason));
        Assert.Equal(before + 9_950, await app.WithDbAsync(db => db.Volunteers.CountAsync()));
        var numbers = await app.WithDbAsync(db => db.Volunteers.Where(v => v.Source == RegistrationSource.Import).Select(v => v.Number).ToListAsync());
        Assert.True(numbers.Count >= 9_950);
        Assert.Equal(numbers.Count, numbers.Distinct().Count());

        var second = await ImportAsync(admin, file);

        Assert.Equal(0, second.Imported);
        Assert.Equal(9_950, second.Skipped);
        Assert.Equal(50, second.Errors.Count);
        Assert.Equal(before + 9_950, await app.WithDbAsync(db => db.Volunteers.CountAsync()));
    }

    [Fact]
    public async Task AnImportedVolunteer_SignsInWithAnSmsCode_AndSeesTheirNumber()
    {
        var units = await DemoUnits.LoadAsync(app);
        var (file, _) = GenerateFile([units.Station.Code], total: 2, badRows: false, phonePrefix: "169", region: "430122");
        var imported = await ImportAsync(await app.SignedInAsync(DemoLogins.StationAdmin), file);
        Assert.Equal(2, imported.Imported);

        var client = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/sms-code", new { phone = "16900000001" })).StatusCode);
        var login = await client.PostAsJsonAsync("/api/v1/auth/sms-login", new { phone = "16900000001", code = await app.LatestSmsCodeAsync("16900000001") });

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var mine = await client.GetFromJsonAsync<VolunteerDetail>("/api/v1/me/volunteer", Json.Options);
        Assert.Equal(("导入1", VolunteerStatus.Approved), (mine!.Summary.Name, mine.Summary.Status));
        Assert.NotNull(mine.Summary.Number);
    }

    [Fact]
    public async Task ImportedVolunteers_AreMembersOfTheirStationsTierTeams()
    {
        var units = await DemoUnits.LoadAsync(app);
        var (file, _) = GenerateFile([units.Station.Code, units.OtherStation.Code], total: 4, badRows: false, phonePrefix: "165", region: "430124");

        var imported = await ImportAsync(await app.SignedInAsync(DemoLogins.InstituteAdmin), file);

        Assert.Equal(4, imported.Imported);
        var placed = await app.WithDbAsync(db => (
            from v in db.Volunteers
            where v.Source == RegistrationSource.Import && v.PhoneMasked.StartsWith("165")
            join m in db.TeamMembers on v.Id equals m.VolunteerId
            join t in db.Teams on m.TeamId equals t.Id
            where t.OrgUnitId == v.StationId && t.Kind == Domain.Teams.TeamKind.Squadron && m.Status == Domain.Teams.MembershipStatus.Active
            select v.Id).CountAsync());
        Assert.Equal(4, placed);
    }

    [Fact]
    public async Task StationAdmin_CannotImportIntoAnotherStation_AndGarbageIsRefused()
    {
        var units = await DemoUnits.LoadAsync(app);
        var (file, _) = GenerateFile([units.OtherStation.Code], total: 3, badRows: false, phonePrefix: "167", region: "430123");
        var admin = await app.SignedInAsync(DemoLogins.StationAdmin);

        var result = await ImportAsync(admin, file);

        Assert.Equal(0, result.Imported);
        Assert.All(result.Errors, e => Assert.Contains("不在您的管理范围内", e.Reason));
        using var garbage = new MultipartFormDataContent { { new ByteArrayContent("not an excel file"u8.ToArray()), "file", "名单.xlsx" } };
        await ProblemAssert.IsProblemAsync(await admin.PostAsync("/api/v1/volunteers/import", garbage), HttpStatusCode.BadRequest);
        using var noFile = new MultipartFormDataContent { { new StringContent("x"), "note" } };
        await ProblemAssert.IsProblemAsync(await admin.PostAsync("/api/v1/volunteers/import", noFile), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/volunteers/import", new { file = "x" }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TemplateAndExport_AreExcelWithChineseHeaders_AndExportIsMasked()
    {
        var admin = await app.SignedInAsync(DemoLogins.InstituteAdmin);

        var template = await admin.GetByteArrayAsync("/api/v1/volunteers/import/template");
        var templateRow = (IDictionary<string, object>)new MemoryStream(template).Query(useHeaderRow: true).First();
        Assert.All(VolunteerImporter.Headers, h => Assert.True(templateRow.ContainsKey(h), h));

        var export = await admin.GetByteArrayAsync("/api/v1/volunteers/export?status=Approved");
        var rows = new MemoryStream(export).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var listed = await admin.GetFromJsonAsync<Paged<VolunteerRow>>("/api/v1/volunteers?status=Approved&pageSize=1", Json.Options);
        Assert.Equal(listed!.Total, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Matches(@"^\d{3}\*{11}\d{3}[\dX]$", r["身份证号码"]?.ToString());
            Assert.Matches(@"^1\d\d\*{4}\d{4}$", r["手机号"]?.ToString());
        });
    }

    private static async Task<ImportResult> ImportAsync(HttpClient client, byte[] file)
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(part, "file", "志愿者名单.xlsx");
        var response = await client.PostAsync("/api/v1/volunteers/import", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ImportResult>(Json.Options))!;
    }

    /// <summary>A roster as staff would fill it, with 50 rows broken in the ways people break them (row number → reason).</summary>
    private static (byte[] File, Dictionary<int, string> Bad) GenerateFile(IReadOnlyList<string> stationCodes, int total, bool badRows = true, string phonePrefix = "166", string region = "430121")
    {
        var rows = new List<Dictionary<string, object?>>();
        var bad = new Dictionary<int, string>();
        string[] political = ["中共党员", "群众", "共青团员", "群众", "中共预备党员"];
        for (var i = 0; i < total; i++)
        {
            var birth = new DateOnly(1960, 1, 1).AddDays(i % 15_000);
            var first17 = region + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (i / 15_000 * 2 + 100 + i % 7).ToString("D3", CultureInfo.InvariantCulture);
            var id = first17 + ChineseIdNumber.CheckCharacter(first17);
            var row = new Dictionary<string, object?>
            {
                ["姓名"] = "导入" + i.ToString(CultureInfo.InvariantCulture),
                ["身份证号码"] = id,
                ["手机号"] = phonePrefix + i.ToString("D8", CultureInfo.InvariantCulture),
                ["政治面貌"] = political[i % political.Length],
                ["所属实践站"] = stationCodes[i % stationCodes.Count],
                ["服务意向"] = "敬老爱老、文明倡导",
                ["专业技能"] = i % 3 == 0 ? "医疗护理" : "",
                ["人员标签"] = i % 5 == 0 ? "在职党员" : "",
                ["可服务时间"] = "周末",
            };
            var rowNumber = i + 2;
            if (badRows && i % 200 == 199 && bad.Count < 50)
            {
                var kind = bad.Count % 7;
                switch (kind)
                {
                    case 0: row["身份证号码"] = id[..17] + (id[17] == '0' ? '1' : '0'); bad[rowNumber] = "校验位"; break;
                    case 1: row["身份证号码"] = Future(i); bad[rowNumber] = "晚于今天"; break;
                    case 2: row["手机号"] = "12345678"; bad[rowNumber] = "手机号"; break;
                    case 3: row["所属实践站"] = "不存在的站"; bad[rowNumber] = "找不到实践站"; break;
                    case 4: row["政治面貌"] = "党外人士"; bad[rowNumber] = "政治面貌无效"; break;
                    case 5: row["身份证号码"] = rows[^1]["身份证号码"]; bad[rowNumber] = "身份证号码重复"; break;
                    default: row["姓名"] = ""; bad[rowNumber] = "姓名"; break;
                }
            }
            rows.Add(row);
        }
        using var stream = new MemoryStream();
        stream.SaveAs(rows);
        return (stream.ToArray(), bad);

        static string Future(int i)
        {
            var first17 = "430121" + "2099" + "0101" + (i % 900 + 100).ToString("D3", CultureInfo.InvariantCulture);
            return first17 + ChineseIdNumber.CheckCharacter(first17);
        }
    }
}
