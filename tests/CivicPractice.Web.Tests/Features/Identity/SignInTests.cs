using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
        var unknown = await app.Client().PostAsJsonAsync("/api/v1/auth/login", new { phone = "13712345678", password = "Whatever#1" });
        var problem = await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.Unauthorized);
        Assert.Equal("手机号或密码错误。", problem.GetProperty("detail").GetString());
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
}
