using System.Net;
using System.Net.Http.Json;
using CivicPractice.Domain.Identity;
using CivicPractice.Web.Features.Accounts;
using CivicPractice.Web.Features.Audit;
using CivicPractice.Web.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Tests.Features.Accounts;

public sealed class AccountManagementTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    [Fact]
    public async Task InstituteAdmin_AppointsAStationAdmin_WhoCanThenSignInAndSeesOnlyTheirStation()
    {
        var units = await DemoUnits.LoadAsync(app);
        var admin = await app.SignedInAsync(DemoLogins.InstituteAdmin);

        var response = await admin.PostAsJsonAsync("/api/v1/accounts", new GrantRoleRequest
        {
            Name = "周新站长", Phone = "13711110001", Role = RoleKind.StationAdmin, UnitId = units.OtherStation.Id,
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var row = (await response.Content.ReadFromJsonAsync<AccountRow>(Json.Options))!;
        Assert.Equal(("周新站长", "137****0001", "站管理员"), (row.Name, row.PhoneMasked, row.RoleName));
        var appointee = await app.SignedInBySmsAsync("13711110001");
        var roots = await appointee.GetFromJsonAsync<Paged<Web.Features.Organization.OrgUnitDto>>("/api/v1/org/units", Json.Options);
        Assert.Equal(units.OtherStation.Id, Assert.Single(roots!.Items).Id);
        var sms = await app.WithDbAsync(db => db.SmsMessages.Where(m => m.PhoneMasked == "137****0001").Select(m => m.Text!).ToListAsync());
        Assert.Contains(sms, t => t.Contains("站管理员"));
    }

    [Fact]
    public async Task ANewAccount_LearnsNoPasswordFromAnyone_AndSetsItsOwnAfterAnSmsSignIn()
    {
        var units = await DemoUnits.LoadAsync(app);
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);

        var response = await admin.PostAsJsonAsync("/api/v1/accounts", new { name = "吴站长", phone = "13711110002", role = "StationAdmin", unitId = units.Station.Id, password = "Chosen#2026a" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var text = await app.WithDbAsync(db => db.SmsMessages.Where(m => m.PhoneMasked == "137****0002").Select(m => m.Text!).SingleAsync());
        Assert.Contains("验证码登录", text);
        Assert.DoesNotContain("密码 ", text);
        // A password the admin tried to choose is not the account's password.
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().PostAsJsonAsync("/api/v1/auth/login", new { phone = "13711110002", password = "Chosen#2026a" })).StatusCode);

        var leader = await app.SignedInBySmsAsync("13711110002");
        Assert.Equal(HttpStatusCode.NoContent, (await leader.PostAsync("/api/v1/me/password/code", null)).StatusCode);
        var set = await leader.PostAsJsonAsync("/api/v1/me/password", new { code = await app.LatestSmsCodeAsync("13711110002"), newPassword = "Own#Pass2026" });
        Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        await app.SignedInAsync("13711110002", "Own#Pass2026");
    }

    [Fact]
    public async Task APasswordReset_NeverReachesTheAdmin_ItVoidsTheOldOneAndTellsTheOwner()
    {
        var county = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var created = await county.PostAsJsonAsync("/api/v1/accounts", new GrantRoleRequest { Name = "被重置站长", Phone = "13711110007", Role = RoleKind.StationAdmin, UnitId = (await DemoUnits.LoadAsync(app)).OtherStation.Id });
        var row = (await created.Content.ReadFromJsonAsync<AccountRow>(Json.Options))!;
        var owner = await app.SignedInBySmsAsync("13711110007");
        await owner.PostAsync("/api/v1/me/password/code", null);
        await owner.PostAsJsonAsync("/api/v1/me/password", new { code = await app.LatestSmsCodeAsync("13711110007"), newPassword = "Before#2026x" });
        var session = await app.SignedInAsync("13711110007", "Before#2026x");

        var reset = await county.PostAsync($"/api/v1/accounts/{row.UserId}/reset-password", null);

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal("", await reset.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().PostAsJsonAsync("/api/v1/auth/login", new { phone = "13711110007", password = "Before#2026x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/v1/me")).StatusCode);
        var notice = await app.WithDbAsync(db => db.SmsMessages.Where(m => m.PhoneMasked == "137****0007").OrderByDescending(m => m.SentAt).FirstAsync());
        Assert.Equal(Web.Features.Identity.SmsTemplate.PasswordReset, notice.Template);
        Assert.Contains("验证码登录后设置新密码", notice.Text);
    }

    [Fact]
    public async Task StationAdmin_CannotAppointWiderRoles_OrOutsideTheirStation()
    {
        var units = await DemoUnits.LoadAsync(app);
        var admin = await app.SignedInAsync(DemoLogins.StationAdmin);

        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/accounts", new GrantRoleRequest { Name = "越权所长", Phone = "13711110003", Role = RoleKind.InstituteAdmin, UnitId = units.Institute.Id }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/accounts", new GrantRoleRequest { Name = "越权站长", Phone = "13711110003", Role = RoleKind.StationAdmin, UnitId = units.OtherStation.Id }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/accounts", new GrantRoleRequest { Name = "越权所长", Phone = "13711110003", Role = RoleKind.InstituteAdmin, UnitId = units.Station.Id }), HttpStatusCode.BadRequest);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.PhoneMasked == "137****0003")));

        var ok = await admin.PostAsJsonAsync("/api/v1/accounts", new GrantRoleRequest { Name = "本站志愿者", Phone = "13711110004", Role = RoleKind.Volunteer, UnitId = units.Station.Id });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
    }

    [Fact]
    public async Task Lists_AreScoped_AndAnotherCountySeesNone()
    {
        var units = await DemoUnits.LoadAsync(app);
        var station = await app.SignedInAsync(DemoLogins.StationAdmin);
        var other = await app.SignedInAsync(DemoLogins.OtherCountyAdmin);

        var mine = await station.GetFromJsonAsync<Paged<AccountRow>>("/api/v1/accounts?pageSize=200", Json.Options);
        var theirs = await other.GetFromJsonAsync<Paged<AccountRow>>("/api/v1/accounts?q=" + Uri.EscapeDataString(units.Station.Name), Json.Options);

        Assert.NotEmpty(mine!.Items);
        Assert.All(mine.Items, a => Assert.Equal(units.Station.Id, a.UnitId));
        Assert.Empty(theirs!.Items);
    }

    [Fact]
    public async Task Revoking_TakesTheConsoleAway_AndIsAudited()
    {
        var units = await DemoUnits.LoadAsync(app);
        var county = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var created = await county.PostAsJsonAsync("/api/v1/accounts", new GrantRoleRequest { Name = "临时站长", Phone = "13711110005", Role = RoleKind.StationAdmin, UnitId = units.Station.Id });
        var row = (await created.Content.ReadFromJsonAsync<AccountRow>(Json.Options))!;

        Assert.Equal(HttpStatusCode.NoContent, (await county.DeleteAsync($"/api/v1/accounts/assignments/{row.AssignmentId}")).StatusCode);

        var former = await app.SignedInBySmsAsync("13711110005");
        await ProblemAssert.IsProblemAsync(await former.GetAsync("/api/v1/org/units"), HttpStatusCode.Forbidden);
        var log = await county.GetFromJsonAsync<Paged<AuditEntryDto>>("/api/v1/audit?entityType=RoleAssignment&action=Delete", Json.Options);
        Assert.Contains(log!.Items, e => e.EntityId == row.AssignmentId.ToString());
        await ProblemAssert.IsProblemAsync(await county.DeleteAsync($"/api/v1/accounts/assignments/{row.AssignmentId}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task LockedAccount_IsUnlockedByItsAdmin()
    {
        var anonymous = app.Client();
        for (var i = 0; i < 5; i++) await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { phone = DemoLogins.Volunteer, password = $"Bad#pass{i}" });
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.PhoneMasked == "138****0005").Select(u => u.Id).SingleAsync());
        var station = await app.SignedInAsync(DemoLogins.StationAdmin);
        var list = await station.GetFromJsonAsync<Paged<AccountRow>>("/api/v1/accounts?q=0005", Json.Options);
        Assert.True(Assert.Single(list!.Items).LockedOut);

        await ProblemAssert.IsProblemAsync(await (await app.SignedInAsync(DemoLogins.OtherStationAdmin)).PostAsync($"/api/v1/accounts/{userId}/unlock", null), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await station.PostAsync($"/api/v1/accounts/{userId}/unlock", null)).StatusCode);

        await app.SignedInAsync(DemoLogins.Volunteer);
    }

    [Fact]
    public async Task AStationAdmin_CannotGetAHandleOnAWiderAccount()
    {
        var units = await DemoUnits.LoadAsync(app);
        var station = await app.SignedInAsync(DemoLogins.StationAdmin);
        var countyAdminId = await app.WithDbAsync(db => db.Users.Where(u => u.PhoneMasked == "138****0001" && u.CountyId == units.Center.CountyId).Select(u => u.Id).SingleAsync());

        var grant = await station.PostAsJsonAsync("/api/v1/accounts", new GrantRoleRequest { Name = "借壳", Phone = DemoLogins.CountyAdmin, Role = RoleKind.Volunteer, UnitId = units.Station.Id });
        await ProblemAssert.IsProblemAsync(grant, HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(await station.PostAsync($"/api/v1/accounts/{countyAdminId}/reset-password", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await station.PostAsync($"/api/v1/accounts/{countyAdminId}/unlock", null), HttpStatusCode.NotFound);

        // The county admin's password still works.
        await app.SignedInAsync(DemoLogins.CountyAdmin);
    }

    [Fact]
    public async Task ARoleLessAccount_IsReachableOnlyFromItsVolunteersUnit_OrTheCountyAdmin()
    {
        var units = await DemoUnits.LoadAsync(app);
        var farStation = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.ParentId == units.OtherInstitute.Id && u.Type == Domain.Organization.OrgUnitType.Station).OrderBy(u => u.SortOrder).FirstAsync());
        // A person registers themselves at a station of another institute: an account with no role until approved.
        const string victim = "13655557001";
        var registered = await app.SelfRegisterAsync(victim, Features.Volunteers.VolunteerRegistrationTests.IdNumber("19880808", "515"), "远方人", farStation.Id);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var victimId = await app.WithDbAsync(db => db.Users.Where(u => u.PhoneMasked == "136****7001").Select(u => u.Id).SingleAsync());
        var station = await app.SignedInAsync(DemoLogins.StationAdmin);

        var grant = await station.PostAsJsonAsync("/api/v1/accounts", new GrantRoleRequest { Name = "远方人", Phone = victim, Role = RoleKind.Volunteer, UnitId = units.Station.Id });

        await ProblemAssert.IsProblemAsync(grant, HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(await station.PostAsync($"/api/v1/accounts/{victimId}/reset-password", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await station.PostAsync($"/api/v1/accounts/{victimId}/unlock", null), HttpStatusCode.NotFound);
        Assert.False(await app.WithDbAsync(db => db.RoleAssignments.AnyAsync(r => r.UserId == victimId)));

        // The admin of the person's own institute may, and so may the county admin.
        var farAdmin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var ok = await farAdmin.PostAsJsonAsync("/api/v1/accounts", new GrantRoleRequest { Name = "远方人", Phone = victim, Role = RoleKind.Volunteer, UnitId = farStation.Id });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
    }

    [Fact]
    public async Task GuessingTheCurrentPassword_CountsTowardsTheLockout()
    {
        var units = await DemoUnits.LoadAsync(app);
        var county = await app.SignedInAsync(DemoLogins.CountyAdmin);
        await county.PostAsJsonAsync("/api/v1/accounts", new GrantRoleRequest { Name = "被盗会话", Phone = "13711110009", Role = RoleKind.Volunteer, UnitId = units.Station.Id });
        await app.SetOwnPasswordAsync("13711110009", "Right#2026x");
        var stolen = await app.SignedInAsync("13711110009", "Right#2026x");

        for (var i = 0; i < 5; i++)
        {
            await ProblemAssert.IsProblemAsync(await stolen.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = $"Guess#{i}x2026", newPassword = "Taken#2026x" }), HttpStatusCode.BadRequest);
        }

        // The sixth try, even with the right password, meets the lock; so does a sign-in.
        await ProblemAssert.IsProblemAsync(await stolen.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = "Right#2026x", newPassword = "Taken#2026x" }), HttpStatusCode.Conflict);
        var login = await app.Client().PostAsJsonAsync("/api/v1/auth/login", new { phone = "13711110009", password = "Right#2026x" });
        Assert.True((await ProblemAssert.IsProblemAsync(login, HttpStatusCode.Unauthorized)).GetProperty("lockedOut").GetBoolean());
    }

    [Fact]
    public async Task TheCountyAdmin_UnlocksARoleLessAccount_AndAppointingSaysNothingOfOtherCounties()
    {
        var units = await DemoUnits.LoadAsync(app);
        const string person = "13655557002";
        var registered = await app.SelfRegisterAsync(person, Features.Volunteers.VolunteerRegistrationTests.IdNumber("19870707", "717"), "待审人", units.Station.Id);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.PhoneMasked == "136****7002").Select(u => u.Id).SingleAsync());
        var county = await app.SignedInAsync(DemoLogins.CountyAdmin);

        Assert.Equal(HttpStatusCode.NoContent, (await county.PostAsync($"/api/v1/accounts/{userId}/unlock", null)).StatusCode);

        var station = await app.SignedInAsync(DemoLogins.StationAdmin);
        var otherCounty = await ProblemAssert.IsProblemAsync(await station.PostAsJsonAsync("/api/v1/accounts", new GrantRoleRequest { Name = "外县人", Phone = DemoLogins.OtherCountyAdmin, Role = RoleKind.Volunteer, UnitId = units.Station.Id }), HttpStatusCode.Conflict);
        var wider = await ProblemAssert.IsProblemAsync(await station.PostAsJsonAsync("/api/v1/accounts", new GrantRoleRequest { Name = "本县人", Phone = DemoLogins.CountyAdmin, Role = RoleKind.Volunteer, UnitId = units.Station.Id }), HttpStatusCode.Conflict);
        Assert.Equal(wider.GetProperty("detail").GetString(), otherCounty.GetProperty("detail").GetString());
    }
}
