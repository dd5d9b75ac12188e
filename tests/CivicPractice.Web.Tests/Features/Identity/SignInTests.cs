using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CivicPractice.Domain.Identity;
using CivicPractice.Web.Features.Accounts;
using CivicPractice.Web.Features.Audit;
using CivicPractice.Web.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Tests.Features.Identity;

public sealed class SignInTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_AndTheAuditLogShowsEachFailure()
    {
        var client = app.Client();
        var me = await (await app.SignedInAsync(DemoLogins.TeamLeader)).GetFromJsonAsync<JsonElement>("/api/v1/me");
        var name = me.GetProperty("name").GetString()!;

        for (var i = 1; i <= 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { phone = DemoLogins.TeamLeader, password = $"Wrong#pass{i}" });
            await ProblemAssert.IsProblemAsync(wrong, HttpStatusCode.Unauthorized);
        }
        var right = await client.PostAsJsonAsync("/api/v1/auth/login", new { phone = DemoLogins.TeamLeader, password = DemoLogins.Password });

        var problem = await ProblemAssert.IsProblemAsync(right, HttpStatusCode.Unauthorized);
        Assert.True(problem.GetProperty("lockedOut").GetBoolean());
        Assert.Contains("锁定", problem.GetProperty("detail").GetString());

        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var failures = await admin.GetFromJsonAsync<Paged<AuditEntryDto>>($"/api/v1/audit?action=SignInFailed&q={Uri.EscapeDataString(name)}", Json.Options);
        var locked = await admin.GetFromJsonAsync<Paged<AuditEntryDto>>($"/api/v1/audit?action=LockedOut&q={Uri.EscapeDataString(name)}", Json.Options);
        Assert.Equal(5, failures!.Total);
        Assert.All(failures.Items, f => Assert.Equal("登录失败", f.ActionName));
        Assert.Equal(1, locked!.Total);
    }

    [Fact]
    public async Task UnknownPhone_GetsTheSameAnswerAsAWrongPassword()
    {
        var known = await ProblemAssert.IsProblemAsync(
            await app.Client().PostAsJsonAsync("/api/v1/auth/login", new { phone = DemoLogins.StationAdmin, password = "Whatever#1" }), HttpStatusCode.Unauthorized);
        var unknown = await ProblemAssert.IsProblemAsync(
            await app.Client().PostAsJsonAsync("/api/v1/auth/login", new { phone = "13712345678", password = "Whatever#1" }), HttpStatusCode.Unauthorized);

        Assert.Equal("手机号或密码错误。", unknown.GetProperty("detail").GetString());
        // Nothing in the answer tells a registered phone from an unknown one.
        Assert.Equal(unknown.GetProperty("detail").GetString(), known.GetProperty("detail").GetString());
        Assert.Equal(unknown.GetProperty("title").GetString(), known.GetProperty("title").GetString());
        Assert.Equal(unknown.GetProperty("lockedOut").GetBoolean(), known.GetProperty("lockedOut").GetBoolean());
    }

    [Fact]
    public async Task ParallelPasswordGuesses_CheckAtMostFivePasswords_ThenTheAccountIsLocked()
    {
        const string phone = "13722220001", password = "Para#2026a";
        const int attempts = 40, rightOne = attempts - 1;
        var userId = await NewAccountAsync("并发测试", phone, password);
        var since = DateTimeOffset.UtcNow;

        var answers = await Task.WhenAll(Enumerable.Range(0, attempts).Select(i =>
            app.Client().PostAsJsonAsync("/api/v1/auth/login", new { phone, password = i == rightOne ? password : $"Wrong#pass{i}" })));

        // No 5xx (the test client fails on any), and every answer is a success or a refusal.
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Unauthorized }));
        var lines = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "Account" && e.EntityId == userId.ToString() && e.At >= since).Select(e => e.Action).ToListAsync());
        var failed = lines.Count(a => a == AuditActions.SignInFailed);
        var signedIn = lines.Count(a => a == AuditActions.SignIn);
        var refused = lines.Count(a => a == AuditActions.LockedOut);
        // Each attempt leaves exactly one line: a judged wrong password, a success, or a refusal of a locked account.
        Assert.Equal(attempts, failed + signedIn + refused);
        Assert.Equal(answers.Count(a => a.StatusCode == HttpStatusCode.OK), signedIn);
        if (signedIn == 0)
        {
            // The right password came after the fifth try: exactly five passwords were judged, and the account is locked.
            Assert.Equal(5, failed);
            var after = await app.Client().PostAsJsonAsync("/api/v1/auth/login", new { phone, password });
            Assert.True((await ProblemAssert.IsProblemAsync(after, HttpStatusCode.Unauthorized)).GetProperty("lockedOut").GetBoolean());
        }
        else
        {
            // The right password was among the first five tries; a success forgives the failures before it only,
            // so at most four wrong passwords came before it and five after.
            Assert.Equal(1, signedIn);
            Assert.InRange(failed, 0, 9);
        }
    }

    [Fact]
    public async Task LoggingOut_EndsTheSessionOnTheServer_SoAReplayedCookieIsRefused()
    {
        var client = app.Client();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { phone = DemoLogins.Volunteer, password = DemoLogins.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(h => h.Split(';')[0]).Where(c => c.StartsWith("civic.auth", StringComparison.Ordinal)));
        var replay = app.Client();
        replay.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await replay.GetAsync("/api/v1/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/v1/auth/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await replay.GetAsync("/api/v1/me")).StatusCode);
        // Signing in again still works.
        await app.SignedInAsync(DemoLogins.Volunteer);
    }

    [Fact]
    public async Task SmsCode_FromTheOutbox_SignsIn_AndAWrongCodeDoesNot()
    {
        var client = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/sms-code", new { phone = DemoLogins.InstituteAdmin })).StatusCode);
        var code = await app.LatestSmsCodeAsync(DemoLogins.InstituteAdmin);

        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/auth/sms-login", new { phone = DemoLogins.InstituteAdmin, code = code == "000000" ? "111111" : "000000" }), HttpStatusCode.Unauthorized);
        var ok = await client.PostAsJsonAsync("/api/v1/auth/sms-login", new { phone = DemoLogins.InstituteAdmin, code });

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
        // A used code cannot be replayed.
        var replay = app.Client();
        await ProblemAssert.IsProblemAsync(await replay.PostAsJsonAsync("/api/v1/auth/sms-login", new { phone = DemoLogins.InstituteAdmin, code }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PhoneNumbers_AreNotStoredInClear()
    {
        var rows = await app.WithDbAsync(db => db.Users.Select(u => new { u.UserName, u.PhoneNumber, u.PhoneCipher, u.PhoneMasked }).ToListAsync());
        Assert.NotEmpty(rows);
        Assert.All(rows, r =>
        {
            Assert.DoesNotContain(DemoLogins.CountyAdmin, r.UserName);
            Assert.Null(r.PhoneNumber);
            Assert.DoesNotContain("1380000", r.PhoneCipher);
            Assert.Matches(@"^1\d\d\*{4}\d{4}$", r.PhoneMasked);
        });
    }

    /// <summary>A fresh volunteer account of the demo station, so a test can lock it without disturbing the others.</summary>
    private async Task<Guid> NewAccountAsync(string name, string phone, string password)
    {
        var units = await DemoUnits.LoadAsync(app);
        var county = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var created = await county.PostAsJsonAsync("/api/v1/accounts", new GrantRoleRequest { Name = name, Phone = phone, Role = RoleKind.Volunteer, UnitId = units.Station.Id });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await app.SetOwnPasswordAsync(phone, password);
        return (await created.Content.ReadFromJsonAsync<AccountRow>(Json.Options))!.UserId;
    }
}
