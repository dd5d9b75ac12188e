using System.Net;
using System.Net.Http.Json;
using CivicPractice.Web.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CivicPractice.Web.Tests.Features.Identity;

/// <summary>
/// Password guessing and SMS pumping meet the production limits (the other suites raise them, since they sign
/// in far more often than any person). Clients are told apart by the address the local reverse proxy forwards.
/// </summary>
public sealed class RateLimitTests(RateLimitTests.ProductionLimits app) : IClassFixture<RateLimitTests.ProductionLimits>
{
    private static readonly RateLimitOptions Defaults = new();

    [Fact]
    public async Task SignIn_PastTheLimitForOnePhone_Gets429InChinese_WhileAnotherPhoneStillTries()
    {
        var client = app.Client();
        const string target = "13712340001";

        for (var i = 0; i < Defaults.SignInPerPhone.PermitLimit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "198.51.100.1", target)).StatusCode);
        }
        var refused = await LoginAsync(client, "198.51.100.2", target);

        var problem = await ProblemAssert.IsProblemAsync(refused, (HttpStatusCode)429);
        Assert.Contains("频繁", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "198.51.100.1", "13712340002")).StatusCode);
    }

    [Fact]
    public async Task SignIn_PastTheLimitForOneAddress_Gets429_WhileAnotherAddressSignsIn()
    {
        var client = app.Client();
        for (var i = 0; i < Defaults.SignInPerIp.PermitLimit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "203.0.113.7", $"1371235{i:D4}")).StatusCode);
        }

        await ProblemAssert.IsProblemAsync(await LoginAsync(client, "203.0.113.7", "13712359999"), (HttpStatusCode)429);
        var other = await LoginAsync(app.Client(), "203.0.113.8", DemoLogins.CountyAdmin, DemoLogins.Password);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task SmsCodes_PastTheLimitForOneAddress_Get429_AndNoMoreTextsAreSent()
    {
        var client = app.Client();
        for (var i = 0; i < Defaults.SmsPerIp.PermitLimit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SendCodeAsync(client, "192.0.2.9", $"1381236{i:D4}")).StatusCode);
        }
        var before = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.SmsCodes));

        await ProblemAssert.IsProblemAsync(await SendCodeAsync(client, "192.0.2.9", "13812369999"), (HttpStatusCode)429);
        Assert.Equal(before, await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.SmsCodes)));
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string ip, string phone, string password = "Wrong#pass1") =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { phone, password }),
            Headers = { { "X-Forwarded-For", ip } },
        });

    private static Task<HttpResponseMessage> SendCodeAsync(HttpClient client, string ip, string phone) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/sms-code")
        {
            Content = JsonContent.Create(new { phone }),
            Headers = { { "X-Forwarded-For", ip } },
        });

    /// <summary>The app with the limits it ships with, behind a reverse proxy on the same machine.</summary>
    public sealed class ProductionLimits : CivicAppFactory
    {
        protected override void ConfigureMore(IWebHostBuilder builder)
        {
            foreach (var (name, rule) in Defaults.Rules)
            {
                builder.UseSetting($"Civic:RateLimits:{name}:PermitLimit", rule.PermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, FromLocalProxy>());
        }
    }
}
