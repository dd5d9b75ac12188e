using System.Net;
using System.Net.Http.Json;
using System.Text;
using CivicPractice.Domain.Organization;
using CivicPractice.Domain.Teams;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Features.Organization;
using CivicPractice.Web.Features.Teams;
using CivicPractice.Web.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using SkiaSharp;

namespace CivicPractice.Web.Tests.Features.Teams;

public sealed class TeamTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    [Fact]
    public async Task EveryUnitHasItsTierTeam_AndANewStationGetsASquadronUnderItsBrigade()
    {
        var units = await DemoUnits.LoadAsync(app);
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var created = await admin.PostAsJsonAsync("/api/v1/org/units", new CreateOrgUnitRequest { ParentId = units.Institute.Id, Type = OrgUnitType.Station, Name = "新建村新时代文明实践站", Code = "TEAM-S-1" });
        var station = (await created.Content.ReadFromJsonAsync<OrgUnitDto>(Json.Options))!;

        var teams = (await admin.GetFromJsonAsync<List<TeamDto>>("/api/v1/teams", Json.Options))!;

        var brigade = Assert.Single(teams, t => t.OrgUnitId == units.Institute.Id && t.Kind == TeamKind.Brigade);
        var squadron = Assert.Single(teams, t => t.OrgUnitId == station.Id);
        Assert.Equal(("新建村新时代文明实践志愿服务中队", TeamKind.Squadron, brigade.Id), (squadron.Name, squadron.Kind, squadron.ParentTeamId!.Value));
        var renamed = await admin.PutAsJsonAsync($"/api/v1/org/units/{station.Id}", new UpdateOrgUnitRequest { Name = "更名村新时代文明实践站", Code = "TEAM-S-1" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var afterRename = (await admin.GetFromJsonAsync<TeamDto>($"/api/v1/teams/{squadron.Id}", Json.Options))!;
        Assert.Equal("更名村新时代文明实践志愿服务中队", afterRename.Name);
        var stationCount = await app.WithDbAsync(db => db.OrgUnits.CountAsync(u => u.CountyId == units.Center.CountyId && u.Type == OrgUnitType.Station));
        Assert.Equal(stationCount, teams.Count(t => t.Kind == TeamKind.Squadron));
        Assert.Equal(10, teams.Count(t => t.Kind == TeamKind.Detachment));
    }

    [Fact]
    public async Task Volunteer_AppliesToADetachment_AndTheAdminApproves()
    {
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var teams = (await admin.GetFromJsonAsync<List<TeamDto>>("/api/v1/teams", Json.Options))!;
        var detachment = teams.First(t => t.Name == "文艺志愿服务支队");
        var volunteer = await app.SignedInAsync(DemoLogins.Volunteer);

        var applied = await volunteer.PostAsync($"/api/v1/me/teams/{detachment.Id}/apply", null);
        var membership = (await applied.Content.ReadFromJsonAsync<MyMembership>(Json.Options))!;
        Assert.Equal("申请中", membership.StatusName);
        await ProblemAssert.IsProblemAsync(await volunteer.PostAsync($"/api/v1/me/teams/{detachment.Id}/apply", null), HttpStatusCode.Conflict);

        var pending = await admin.GetFromJsonAsync<Paged<TeamMemberRow>>($"/api/v1/teams/{detachment.Id}/members?status=Applied", Json.Options);
        var row = Assert.Single(pending!.Items);
        Assert.Matches(@"^138\*{4}0005$", row.PhoneMasked);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/teams/{detachment.Id}/members/{row.Id}/approve", null)).StatusCode);

        var mine = await volunteer.GetFromJsonAsync<List<MyMembership>>("/api/v1/me/teams", Json.Options);
        Assert.Contains(mine!, m => m.TeamId == detachment.Id && m.Status == MembershipStatus.Active);
        Assert.Contains(mine!, m => m.Kind == TeamKind.Squadron && m.Status == MembershipStatus.Active);
    }

    [Fact]
    public async Task TeamLeader_InvitesAndMarksBackbone_ButCannotEnlistOrAppointLeaders()
    {
        var units = await DemoUnits.LoadAsync(app);
        var squadronId = await app.WithDbAsync(db => db.Teams.Where(t => t.OrgUnitId == units.Station.Id && t.Kind == TeamKind.Squadron).Select(t => t.Id).SingleAsync());
        var outsider = await app.WithDbAsync(db => db.Volunteers.Where(v => v.UnitId == units.OtherStation.Id && v.Status == VolunteerStatus.Approved).Select(v => v.Id).FirstAsync());
        var leader = await app.SignedInAsync(DemoLogins.TeamLeader);

        var members = await leader.GetFromJsonAsync<Paged<TeamMemberRow>>($"/api/v1/teams/{squadronId}/members", Json.Options);
        Assert.Contains(members!.Items, m => m.Role == MemberRole.Leader && m.PhoneMasked.EndsWith("0004", StringComparison.Ordinal));
        await ProblemAssert.IsProblemAsync(await leader.PostAsJsonAsync($"/api/v1/teams/{squadronId}/members", new AddMemberRequest { VolunteerId = outsider, Enlist = true }), HttpStatusCode.Conflict);
        var invited = await leader.PostAsJsonAsync($"/api/v1/teams/{squadronId}/members", new AddMemberRequest { VolunteerId = outsider });
        var invitation = (await invited.Content.ReadFromJsonAsync<TeamMemberRow>(Json.Options))!;
        Assert.Equal("已邀请", invitation.StatusName);

        var member = members.Items.First(m => m.Role == MemberRole.Member);
        var backbone = await leader.PutAsJsonAsync($"/api/v1/teams/{squadronId}/members/{member.Id}", new AssignMemberRequest { Role = MemberRole.DeputyLeader, IsBackbone = true });
        Assert.True((await backbone.Content.ReadFromJsonAsync<TeamMemberRow>(Json.Options))!.IsBackbone);
        await ProblemAssert.IsProblemAsync(await leader.PutAsJsonAsync($"/api/v1/teams/{squadronId}/members/{member.Id}", new AssignMemberRequest { Role = MemberRole.Leader }), HttpStatusCode.Conflict);

        var roster = await leader.GetByteArrayAsync($"/api/v1/teams/{squadronId}/roster");
        var rows = new MemoryStream(roster).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(members.Items.Count(m => m.Status == MembershipStatus.Active), rows.Count);
        Assert.All(rows, r => Assert.Matches(@"^1\d\d\*{4}\d{4}$", r["手机号"]?.ToString()));
    }

    [Fact]
    public async Task OtherStationsAndCounties_CannotSeeOrChangeTheMembers()
    {
        var units = await DemoUnits.LoadAsync(app);
        var squadronId = await app.WithDbAsync(db => db.Teams.Where(t => t.OrgUnitId == units.Station.Id && t.Kind == TeamKind.Squadron).Select(t => t.Id).SingleAsync());
        var otherStation = await app.SignedInAsync(DemoLogins.OtherStationAdmin);
        var otherCounty = await app.SignedInAsync(DemoLogins.OtherCountyAdmin);
        var volunteer = await app.SignedInAsync(DemoLogins.Volunteer);

        await ProblemAssert.IsProblemAsync(await otherStation.GetAsync($"/api/v1/teams/{squadronId}/members"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await otherStation.PutAsJsonAsync($"/api/v1/teams/{squadronId}", new TeamForm { Name = "改名" }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await volunteer.GetAsync($"/api/v1/teams/{squadronId}/members"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await otherCounty.GetAsync($"/api/v1/teams/{squadronId}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await otherCounty.GetAsync($"/api/v1/teams/{squadronId}/roster"), HttpStatusCode.NotFound);
        var theirs = await otherCounty.GetFromJsonAsync<List<TeamDto>>("/api/v1/teams", Json.Options);
        Assert.DoesNotContain(theirs!, t => t.Id == squadronId);
    }

    [Fact]
    public async Task Admin_CreatesASpecialisedSectionWithServiceItems_AndDisbandsIt()
    {
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var teams = (await admin.GetFromJsonAsync<List<TeamDto>>("/api/v1/teams", Json.Options))!;
        var detachment = teams.First(t => t.Name == "法律援助志愿服务支队");

        var created = await admin.PostAsJsonAsync("/api/v1/teams", new CreateTeamRequest
        {
            Kind = TeamKind.Section, ParentTeamId = detachment.Id, Name = "婚姻家事调解分队", LeadUnitName = "县妇联", Category = "法律服务",
            ServiceItems = ["婚姻家庭纠纷调解"], ServiceObjects = ["村（居）民"],
        });
        var section = (await created.Content.ReadFromJsonAsync<TeamDto>(Json.Options))!;
        Assert.Equal("分队", section.KindName);
        Assert.Equal(["婚姻家庭纠纷调解"], section.ServiceItems);
        await ProblemAssert.IsProblemAsync(await admin.PostAsync($"/api/v1/teams/{detachment.Id}/deactivate", null), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/teams/{section.Id}/deactivate", null)).StatusCode);
        var corps = teams.Single(t => t.Kind == TeamKind.Corps);
        await ProblemAssert.IsProblemAsync(await admin.PostAsync($"/api/v1/teams/{corps.Id}/deactivate", null), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Logo_RealPngAndJpeg_AreStoredAsDecodedPictures_AndServedWithNosniff()
    {
        var (admin, detachment) = await DetachmentAsync("科技志愿服务支队");
        foreach (var (format, type) in new[] { (SKEncodedImageFormat.Png, "image/png"), (SKEncodedImageFormat.Jpeg, "image/jpeg") })
        {
            var uploaded = await UploadLogoAsync(admin, detachment.Id, Picture(format, 120, 80));
            Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
            Assert.True((await uploaded.Content.ReadFromJsonAsync<TeamDto>(Json.Options))!.HasLogo);

            var logo = await app.Client().GetAsync($"/api/v1/teams/{detachment.Id}/logo");

            Assert.Equal(type, logo.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", string.Join(",", logo.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("default-src 'none'; sandbox", string.Join(",", logo.Headers.GetValues("Content-Security-Policy")));
            using var decoded = SKBitmap.Decode(await logo.Content.ReadAsByteArrayAsync());
            Assert.Equal((120, 80), (decoded.Width, decoded.Height));
        }
        var otherStation = await app.SignedInAsync(DemoLogins.OtherStationAdmin);
        await ProblemAssert.IsProblemAsync(await UploadLogoAsync(otherStation, detachment.Id, Picture(SKEncodedImageFormat.Png, 8, 8)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Logo_APngCarryingScript_IsServedWithoutTheScript_AndOnlyMagicBytesAreRefused()
    {
        var (admin, detachment) = await DetachmentAsync("文艺志愿服务支队");
        var polyglot = Picture(SKEncodedImageFormat.Png, 32, 32).Concat("<script>alert(document.cookie)</script>"u8.ToArray()).ToArray();

        var uploaded = await UploadLogoAsync(admin, detachment.Id, polyglot);

        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var logo = await app.Client().GetAsync($"/api/v1/teams/{detachment.Id}/logo");
        var served = await logo.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain("<script", Encoding.Latin1.GetString(served), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("nosniff", string.Join(",", logo.Headers.GetValues("X-Content-Type-Options")));
        byte[] magicOnly = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. "<script>alert(1)</script>"u8.ToArray()];
        await ProblemAssert.IsProblemAsync(await UploadLogoAsync(admin, detachment.Id, magicOnly), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await UploadLogoAsync(admin, detachment.Id, "<svg/>"u8.ToArray()), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Logo_WithMoreThan4096PixelsASide_IsRefusedBeforeDecoding()
    {
        var (admin, detachment) = await DetachmentAsync("法律援助志愿服务支队");

        var response = await UploadLogoAsync(admin, detachment.Id, Picture(SKEncodedImageFormat.Png, 4097, 2));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("4096", problem.GetProperty("detail").GetString());
        Assert.False(await app.WithDbAsync(db => db.Teams.Where(t => t.Id == detachment.Id).Select(t => t.LogoFile != null).SingleAsync()));
    }

    [Fact]
    public async Task Roster_OfATeamWhoseNameIsNoValidSheetName_IsStillAWorkbook()
    {
        var (admin, detachment) = await DetachmentAsync("法律援助志愿服务支队");
        var created = await admin.PostAsJsonAsync("/api/v1/teams", new CreateTeamRequest
        {
            Kind = TeamKind.Section, ParentTeamId = detachment.Id, Name = "法律/援助:调解*分队?[一]\\第二组——名称超过三十一个字的队伍测试", Category = "法律服务",
        });
        var section = (await created.Content.ReadFromJsonAsync<TeamDto>(Json.Options))!;

        var roster = await admin.GetByteArrayAsync($"/api/v1/teams/{section.Id}/roster");

        var sheet = Assert.Single(MiniExcel.GetSheetNames(new MemoryStream(roster)));
        Assert.InRange(sheet.Length, 1, 31);
        Assert.True(sheet.IndexOfAny(['[', ']', ':', '*', '?', '/', '\\']) < 0, sheet);
        Assert.StartsWith("法律", sheet);
    }

    private async Task<(HttpClient Admin, TeamDto Detachment)> DetachmentAsync(string name)
    {
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var teams = (await admin.GetFromJsonAsync<List<TeamDto>>("/api/v1/teams", Json.Options))!;
        return (admin, teams.First(t => t.Name == name));
    }

    private static async Task<HttpResponseMessage> UploadLogoAsync(HttpClient client, Guid teamId, byte[] content)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(content), "file", "队徽.png" } };
        return await client.PostAsync($"/api/v1/teams/{teamId}/logo", form);
    }

    /// <summary>A small two-colour picture, encoded the way an image editor would save it.</summary>
    internal static byte[] Picture(SKEncodedImageFormat format, int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        using (var gold = new SKPaint { Color = SKColors.Gold })
        {
            canvas.Clear(SKColors.DarkRed);
            canvas.DrawRect(0, 0, width / 2f, height / 2f, gold);
        }
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    [Fact]
    public async Task Volunteers_ApplyOnlyToSpecialisedTeamsAndTheirOwnSquads()
    {
        var units = await DemoUnits.LoadAsync(app);
        var (corps, otherSquadron) = await app.WithDbAsync(async db => (
            await db.Teams.Where(t => t.CountyId == units.Center.CountyId && t.Kind == TeamKind.Corps).Select(t => t.Id).SingleAsync(),
            await db.Teams.Where(t => t.OrgUnitId == units.OtherStation.Id && t.Kind == TeamKind.Squadron).Select(t => t.Id).SingleAsync()));
        var volunteer = await app.SignedInAsync(DemoLogins.Volunteer);

        await ProblemAssert.IsProblemAsync(await volunteer.PostAsync($"/api/v1/me/teams/{corps}/apply", null), HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(await volunteer.PostAsync($"/api/v1/me/teams/{otherSquadron}/apply", null), HttpStatusCode.Conflict);
    }
}
