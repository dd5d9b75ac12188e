using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Features.Volunteers;
using CivicPractice.Web.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
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
            where t.OrgUnitId == v.UnitId && t.Kind == Domain.Teams.TeamKind.Squadron && m.Status == Domain.Teams.MembershipStatus.Active
            select v.Id).CountAsync());
        Assert.Equal(4, placed);
    }

    [Fact]
    public async Task StaffImportedAtTheirEmployersBase_JoinTheBasesTeam_AndAnOldTemplatesStationColumnStillReads()
    {
        var units = await DemoUnits.LoadAsync(app);
        var (file, _) = GenerateFile([units.Base.Code, units.Base.Name], total: 2, badRows: false, phonePrefix: "1641", region: "430127");
        // A template handed out before bases took volunteers names the column 所属实践站.
        var legacy = new MemoryStream(file).Query(useHeaderRow: true).Cast<IDictionary<string, object>>()
            .Select(r => (IDictionary<string, object?>)r.ToDictionary(c => c.Key == "所属单位" ? "所属实践站" : c.Key, c => (object?)c.Value)).ToList();
        var baseAdmin = await app.SignedInAsync(DemoLogins.BaseAdmin);

        var imported = await ImportAsync(baseAdmin, Xlsx(legacy));
        var refused = await ImportAsync(await app.SignedInAsync(DemoLogins.StationAdmin), file); // the base is not in a station admin's scope

        Assert.Equal((2, 0), (imported.Imported, imported.ErrorCount));
        Assert.Equal(2, refused.ErrorCount);
        Assert.Contains("找不到实践站或实践基地", refused.Errors[0].Reason);
        var placed = await app.WithDbAsync(db => (
            from v in db.Volunteers
            where v.PhoneMasked.StartsWith("164") && v.UnitId == units.Base.Id
            join m in db.TeamMembers on v.Id equals m.VolunteerId
            join t in db.Teams on m.TeamId equals t.Id
            where t.OrgUnitId == units.Base.Id && t.Kind == Domain.Teams.TeamKind.BaseTeam && m.Status == Domain.Teams.MembershipStatus.Active
            select v.Id).CountAsync());
        Assert.Equal(2, placed);
        var template = await baseAdmin.GetByteArrayAsync("/api/v1/volunteers/import/template");
        var choices = new MemoryStream(template).Query(useHeaderRow: true, sheetName: "单位列表").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal([(units.Base.Name, "实践基地")], choices.Select(c => (c["单位名称"]?.ToString(), c["类型"]?.ToString())));
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
            Assert.Matches(@"^\d{3}\*{14}[\dX]$", r["身份证号码"]?.ToString());
            Assert.Matches(@"^1\d\d\*{4}\d{4}$", r["手机号"]?.ToString());
        });
    }

    /// <summary>The default cap of data rows in one file (Civic:Import:MaxRows).</summary>
    private const int RowCap = 50_000;

    [Fact]
    public async Task AFileOneRowOverTheCap_IsRefusedWith400_AndImportsNobody()
    {
        var units = await DemoUnits.LoadAsync(app);
        var (file, _) = GenerateFile([units.Station.Code, units.OtherStation.Code], total: RowCap + 1, badRows: false, phonePrefix: "165", region: "430124");
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var before = await app.WithDbAsync(db => db.Volunteers.CountAsync());

        var response = await PostAsync(admin, file);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("50000", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await app.WithDbAsync(db => db.Volunteers.CountAsync()));
    }

    [Theory]
    [InlineData("dense")]
    [InlineData("last")]
    [InlineData("repeated")]
    public async Task TwoMillionRowsInAFewMegabytes_AreRefusedAtTheCap(string shape)
    {
        var file = TwoMillionRows(shape);
        Assert.True(file.Length < 4 * 1024 * 1024, $"{file.Length} bytes");
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);

        var problem = await ProblemAssert.IsProblemAsync(await PostAsync(admin, file), HttpStatusCode.BadRequest);

        Assert.Contains("50000", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ManyBadRows_TheAnswerListsTheFirst200AndCountsAll_AndTheFullReportIsForTheImporterOnly()
    {
        var units = await DemoUnits.LoadAsync(app);
        var (file, _) = GenerateFile([units.Station.Code], total: 260, badRows: false, phonePrefix: "120", region: "430125");
        var admin = await app.SignedInAsync(DemoLogins.StationAdmin);

        var response = await PostAsync(admin, file);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(260, result.GetProperty("total").GetInt32());
        Assert.Equal(260, result.GetProperty("errorCount").GetInt32());
        Assert.Equal(200, result.GetProperty("errors").GetArrayLength());
        Assert.Contains("有误 260 行", result.GetProperty("summary").GetString());
        var reportUrl = result.GetProperty("reportUrl").GetString()!;
        var report = await admin.GetAsync(reportUrl);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("nosniff", string.Join(",", report.Headers.GetValues("X-Content-Type-Options")));
        var rows = new MemoryStream(await report.Content.ReadAsByteArrayAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(260, rows.Count);
        Assert.Equal(Enumerable.Range(2, 260).Select(r => r.ToString(CultureInfo.InvariantCulture)), rows.Select(r => Convert.ToString(r["原行号"], CultureInfo.InvariantCulture)));
        Assert.All(rows, r => Assert.Contains("手机号", r["错误原因"]?.ToString()));

        await ProblemAssert.IsProblemAsync(await (await app.SignedInAsync(DemoLogins.CountyAdmin)).GetAsync(reportUrl), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync(reportUrl)).StatusCode);
    }

    [Fact]
    public async Task ControlCharactersInARow_RejectThatRow_AndNamesAreStoredComposed()
    {
        var units = await DemoUnits.LoadAsync(app);
        var (file, _) = GenerateFile([units.Station.Code], total: 3, badRows: false, phonePrefix: "163", region: "430126",
            names: ["张\u0000三", "李\u202E四", "Jose\u0301 Wang"]);
        var admin = await app.SignedInAsync(DemoLogins.StationAdmin);

        var result = await ImportAsync(admin, file);

        Assert.Equal(1, result.Imported);
        Assert.Equal([2, 3], result.Errors.Select(e => e.Row));
        Assert.All(result.Errors, e => Assert.Contains("控制字符", e.Reason));
        Assert.True(await app.WithDbAsync(db => db.Volunteers.AnyAsync(v => v.Name == "Jos\u00e9 Wang")));
    }

    [Fact]
    public async Task Template_FormatsIdAndPhoneAsText_OffersDropDowns_AndItsExampleRowIsNeverImported()
    {
        var units = await DemoUnits.LoadAsync(app);
        var admin = await app.SignedInAsync(DemoLogins.StationAdmin);
        var before = await app.WithDbAsync(db => db.Volunteers.CountAsync());

        var template = await admin.GetByteArrayAsync("/api/v1/volunteers/import/template");

        using (var document = SpreadsheetDocument.Open(new MemoryStream(template), isEditable: false))
        {
            var book = document.WorkbookPart!;
            var sheet = book.Workbook.Sheets!.Elements<Sheet>().First();
            Assert.Equal("志愿者", sheet.Name?.Value);
            var worksheet = ((WorksheetPart)book.GetPartById(sheet.Id!)).Worksheet;
            var formats = book.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
            foreach (var column in new[] { 2u, 3u }) // 身份证号码, 手机号
            {
                var style = worksheet.GetFirstChild<Columns>()?.Elements<Column>().FirstOrDefault(c => c.Min! <= column && c.Max! >= column)?.Style?.Value;
                Assert.True(style is { } s && formats[(int)s].NumberFormatId?.Value == 49, $"column {column} is not formatted as text");
            }
            var lists = worksheet.Descendants<DataValidation>().ToDictionary(v => v.SequenceOfReferences?.InnerText?[..1] ?? "", v => v);
            Assert.Equal(["D", "E", "F", "G", "H", "I"], lists.Keys.Order());
            Assert.All(lists.Values, v => Assert.Equal(DataValidationValues.List, v.Type!.Value));
            Assert.True(lists["D"].ShowErrorMessage?.Value); // one political status, nothing else
            Assert.True(lists["E"].ShowErrorMessage?.Value); // one station, nothing else
            Assert.StartsWith("'选项'!$B$2:$B$", lists["E"].Formula1!.Text);
        }
        var choices = new MemoryStream(template).Query(useHeaderRow: true, sheetName: "选项").Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(choices, c => Equals(c["所属单位"], units.Station.Name));
        Assert.DoesNotContain(choices, c => Equals(c["所属单位"], units.OtherStation.Name)); // outside the station admin's scope
        Assert.Contains(choices, c => Equals(c["政治面貌"], "中共党员"));
        Assert.Contains(choices, c => Equals(c["专业技能"], "医疗护理"));

        var result = await ImportAsync(admin, template);

        Assert.Equal((0, 0, 0), (result.Total, result.Imported, result.ErrorCount));
        Assert.Equal(before, await app.WithDbAsync(db => db.Volunteers.CountAsync()));
    }

    [Fact]
    public async Task IdNumbers_NumericCellsAreReadAsTextOrRefusedForLostDigits_FullWidthAndResidencePermitsAccepted_UnknownOptionsRefused()
    {
        var units = await DemoUnits.LoadAsync(app);
        var intact = ChineseIdNumberOf("430127", "19850101", "121");
        var typedAsNumber = ChineseIdNumberOf("430127", "19850102", "123");
        var fullWidth = ChineseIdNumberOf("430127", "19850103", "125");
        var hongKong = ChineseIdNumberOf("810000", "19850104", "127");
        var martian = ChineseIdNumberOf("430127", "19850105", "129");
        var rows = new List<Dictionary<string, object?>>
        {
            Row("数字全", long.Parse(intact, CultureInfo.InvariantCulture), "14700000001"),       // a program wrote all 18 digits as a number
            Row("数字截", double.Parse(typedAsNumber[..15] + "000", CultureInfo.InvariantCulture), "14700000002"), // typed into a General cell
            Row("全角号", string.Concat(fullWidth.Select(c => (char)(c + 0xFEE0))), "14700000003"),
            Row("港澳居", hongKong, "14700000004"),
            Row("火星人", martian, "14700000005", tags: "火星人"),
            Row("张三（示例）", "11010519491231002X", "14700000006"),
        };
        var admin = await app.SignedInAsync(DemoLogins.StationAdmin);

        var result = await ImportAsync(admin, Xlsx(rows));

        Assert.Equal(3, result.Imported);
        Assert.Equal([3, 6], result.Errors.Select(e => e.Row));
        Assert.Contains("存成了数字", result.Errors[0].Reason);
        Assert.Contains("人员标签“火星人”不是本县（区）的可选项", result.Errors[1].Reason);
        var imported = await app.WithDbAsync(db => db.Volunteers.Where(v => v.PhoneMasked.StartsWith("147")).Select(v => v.Name).ToListAsync());
        Assert.Equal(new[] { "全角号", "港澳居", "数字全" }.Order(StringComparer.Ordinal), imported.Order(StringComparer.Ordinal));
        Assert.Equal(1, await app.WithDbAsync(db => db.Volunteers.CountAsync(v => v.IdMasked == ChineseIdNumber.Mask(hongKong))));

        Dictionary<string, object?> Row(string name, object? id, string phone, string tags = "在职党员") => new()
        {
            ["姓名"] = name, ["身份证号码"] = id, ["手机号"] = phone, ["政治面貌"] = "群众", ["所属单位"] = units.Station.Name,
            ["服务意向"] = "敬老爱老", ["专业技能"] = "", ["人员标签"] = tags, ["可服务时间"] = "周末",
        };
    }

    [Fact]
    public async Task TheErrorReport_RepeatsEveryColumnAndTheReasonInChinese_AndImportsOnceCorrected()
    {
        var units = await DemoUnits.LoadAsync(app);
        var (file, _) = GenerateFile([units.Station.Code], total: 3, badRows: false, phonePrefix: "146", region: "430128");
        var sent = new MemoryStream(file).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var edited = sent.Select(r => r.ToDictionary(c => c.Key, c => (object?)c.Value)).ToList();
        edited[0]["人员标签"] = "火星人";
        edited[2]["手机号"] = "12345";
        var admin = await app.SignedInAsync(DemoLogins.StationAdmin);

        var result = await ImportAsync(admin, Xlsx(edited));

        Assert.Equal(1, result.Imported);
        var report = await admin.GetByteArrayAsync(result.ReportUrl!);
        var rows = new MemoryStream(report).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal([.. VolunteerImporter.Headers, "错误原因", "原行号"], rows[0].Keys);
        Assert.Equal(2, rows.Count);
        foreach (var (row, original) in rows.Zip(new[] { edited[0], edited[2] }))
        {
            Assert.All(VolunteerImporter.Headers, h => Assert.Equal(Convert.ToString(original[h], CultureInfo.InvariantCulture), Convert.ToString(row[h], CultureInfo.InvariantCulture)));
        }
        Assert.Contains("火星人", rows[0]["错误原因"]?.ToString());
        Assert.Contains("手机号", rows[1]["错误原因"]?.ToString());

        var corrected = rows.Select(r => r.ToDictionary(c => c.Key, c => (object?)c.Value)).ToList();
        corrected[0]["人员标签"] = "五老";
        corrected[1]["手机号"] = "14600000002";
        var again = await ImportAsync(admin, Xlsx(corrected));

        Assert.Equal((2, 0), (again.Imported, again.ErrorCount));
    }

    [Fact]
    public async Task BulkExport_IsAudited_WithWhoTheFilterAndTheRowCount()
    {
        var admin = await app.SignedInAsync(DemoLogins.InstituteAdmin);

        var export = await admin.GetByteArrayAsync("/api/v1/volunteers/export?status=Approved&tag=在职党员");

        var rows = new MemoryStream(export).Query(useHeaderRow: true).Count();
        var line = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "BulkExport").OrderByDescending(a => a.At).FirstOrDefaultAsync());
        Assert.NotNull(line);
        Assert.NotNull(line.UserId);
        Assert.False(string.IsNullOrEmpty(line.UserName));
        Assert.Contains($"{rows} 人", line.Summary);
        Assert.Contains("已通过", line.Summary);
        Assert.Contains("在职党员", line.Summary);
    }

    [Fact]
    public async Task AnImport_WritesOneAuditSummary_WhoRowsAndOutcome_WhileAnAdminsSingleEntryKeepsItsOwnLine()
    {
        var units = await DemoUnits.LoadAsync(app);
        var (file, bad) = GenerateFile([units.Station.Code], total: 400, phonePrefix: "1621", region: "430129");
        var admin = await app.SignedInAsync(DemoLogins.StationAdmin);
        var since = DateTimeOffset.UtcNow;

        var result = await ImportAsync(admin, file);
        var again = await ImportAsync(admin, file);

        Assert.Equal((398, 2), (result.Imported, result.ErrorCount));
        Assert.Equal((0, 398), (again.Imported, again.Skipped));
        Assert.Equal(2, bad.Count);
        var lines = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.At >= since && a.Action != "SignIn").OrderBy(a => a.At).ToListAsync());
        Assert.Equal(2, lines.Count); // not a line per imported row (and per team membership)
        Assert.All(lines, l => Assert.Equal(("Import", "Volunteer"), (l.Action, l.EntityType)));
        Assert.Contains("共 400 行：导入 398 人，已登记跳过 0 人，有误 2 行", lines[0].Summary);
        Assert.Contains("共 400 行：导入 0 人，已登记跳过 398 人，有误 2 行", lines[1].Summary);
        Assert.All(lines, l => Assert.True(l.UserId is not null && !string.IsNullOrEmpty(l.UserName)));
        var county = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var shown = await county.GetFromJsonAsync<Paged<Web.Features.Audit.AuditEntryDto>>("/api/v1/audit?action=Import", Json.Options);
        Assert.Contains(shown!.Items, a => a.Id == lines[0].Id && a.ActionName == "导入志愿者");

        var created = await admin.PostAsJsonAsync("/api/v1/volunteers", new AdminRegistrationRequest
        {
            Name = "单独录入", IdNumber = ChineseIdNumberOf("430129", "19700101", "901"), Phone = "16219000001", UnitId = units.Station.Id,
            PoliticalStatus = PoliticalStatus.Masses, Consent = true,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var single = (await created.Content.ReadFromJsonAsync<VolunteerDetail>(Json.Options))!.Summary.Id.ToString();
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == single && a.Action == "Create" && a.UserId != null)));
    }

    private static string ChineseIdNumberOf(string region, string birth, string sequence)
    {
        var first17 = region + birth + sequence;
        return first17 + ChineseIdNumber.CheckCharacter(first17);
    }

    private static byte[] Xlsx(IEnumerable<IDictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.Select(r => r.ToDictionary(c => c.Key, c => c.Value)).ToList());
        return stream.ToArray();
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] file)
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(part, "file", "志愿者名单.xlsx");
        return await client.PostAsync("/api/v1/volunteers/import", content);
    }

    /// <summary>
    /// The review's file: the template's header and two million one-cell rows, written straight into the package; or
    /// just the header and row 2 000 001 (a reader fills the gap with blank rows); or 150 000 rows that all claim to be
    /// row 2 (every row element counts).
    /// </summary>
    private static byte[] TwoMillionRows(string shape)
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            void Entry(string name, string text)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new System.Text.UTF8Encoding(false));
                writer.Write(text);
            }
            Entry("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Entry("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Entry("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="志愿者" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Entry("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            using var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", System.IO.Compression.CompressionLevel.SmallestSize).Open(), new System.Text.UTF8Encoding(false));
            sheet.Write("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">""");
            var column = 'A';
            foreach (var header in VolunteerImporter.Headers) sheet.Write($"""<c r="{column++}1" t="inlineStr"><is><t>{header}</t></is></c>""");
            sheet.Write("</row>");
            if (shape == "last") sheet.Write("""<row r="2000001"><c r="A2000001" t="inlineStr"><is><t>x</t></is></c></row>""");
            else if (shape == "repeated") for (var r = 0; r < 150_000; r++) sheet.Write("""<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>""");
            else for (var r = 0; r < 2_000_000; r++) sheet.Write("""<row><c t="inlineStr"><is><t>x</t></is></c></row>""");
            sheet.Write("</sheetData></worksheet>");
        }
        return stream.ToArray();
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
    private static (byte[] File, Dictionary<int, string> Bad) GenerateFile(IReadOnlyList<string> stationCodes, int total, bool badRows = true, string phonePrefix = "166", string region = "430121", string[]? names = null)
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
                ["姓名"] = names?[i] ?? "导入" + i.ToString(CultureInfo.InvariantCulture),
                ["身份证号码"] = id,
                ["手机号"] = phonePrefix + i.ToString(new string('0', 11 - phonePrefix.Length), CultureInfo.InvariantCulture),
                ["政治面貌"] = political[i % political.Length],
                ["所属单位"] = stationCodes[i % stationCodes.Count],
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
                    case 3: row["所属单位"] = "不存在的站"; bad[rowNumber] = "找不到实践站"; break;
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
