using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;

namespace CivicPractice.Web.Tests.Infrastructure;

/// <summary>Headers every response carries, and what a production host does differently from a developer's.</summary>
public sealed partial class HardeningTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    [Theory]
    [InlineData("/account/login")]
    [InlineData("/docs/")]
    public async Task Pages_CarryACspWithAFreshNonce_ThatTheirScriptsUse(string path)
    {
        var first = await app.Client().GetAsync(path);
        var second = await app.Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var csp = Assert.Single(first.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal(path.StartsWith("/docs", StringComparison.Ordinal), csp.Contains("'unsafe-eval'", StringComparison.Ordinal));
        var nonce = Nonce().Match(csp).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.NotEqual(nonce, Nonce().Match(Assert.Single(second.Headers.GetValues("Content-Security-Policy"))).Groups[1].Value);
        // Every inline script of the page carries the nonce, so the browser runs it; no other inline script exists.
        var html = await first.Content.ReadAsStringAsync();
        var inline = InlineScript().Matches(html);
        Assert.NotEmpty(inline);
        Assert.All(inline, m => Assert.Contains($"nonce=\"{nonce}\"", m.Value));
    }

    [Fact]
    public async Task Responses_ForbidSniffing_AndLeakNoReferrer()
    {
        foreach (var path in new[] { "/", "/api/v1/teams", "/health" })
        {
            var response = await app.Client().GetAsync(path);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        }
    }

    [Fact]
    public async Task ForeignHost_IsNeverReflected_IntoRedirectsOrLinks()
    {
        var client = app.Client();
        using var admin = new HttpRequestMessage(HttpMethod.Get, "/admin/volunteers") { Headers = { Host = "evil.example" } };
        var challenge = await client.SendAsync(admin);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.DoesNotContain("evil.example", challenge.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);

        using var login = new HttpRequestMessage(HttpMethod.Get, "/account/login?returnUrl=%2Fadmin") { Headers = { Host = "evil.example" } };
        var html = await (await client.SendAsync(login)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("evil.example", html, StringComparison.OrdinalIgnoreCase);

        // Signing in through the page redirects to the console, on this site whatever Host the request named.
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login?returnUrl=%2Fadmin")
        {
            Headers = { Host = "evil.example" },
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "password",
                ["__RequestVerificationToken"] = Token().Match(html).Groups[1].Value,
                ["PasswordForm.Phone"] = DemoLogins.CountyAdmin,
                ["PasswordForm.Password"] = DemoLogins.Password,
            }),
        };
        var landed = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        Assert.Equal("/admin", landed.Headers.Location!.OriginalString);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("script-src [^;]*'nonce-([^']+)'")]
    private static partial Regex Nonce();

    [GeneratedRegex("<script(?![^>]*\\ssrc=)[^>]*>")]
    private static partial Regex InlineScript();
}

/// <summary>The same app as a production host runs it: HTTPS behind a proxy, a configured host name, no API docs.</summary>
public sealed class ProductionHostTests(ProductionHostTests.ProductionHost app) : IClassFixture<ProductionHostTests.ProductionHost>
{
    private const string Site = "https://civic.example";

    [Fact]
    public async Task ApiDocs_AreOff()
    {
        var client = app.Client();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Site + "/docs/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Site + "/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task SignIn_SetsSecureCookies_AndHttpsAnswersCarryHsts()
    {
        var response = await app.Client().PostAsJsonAsync(Site + "/api/v1/auth/login", new { phone = DemoLogins.CountyAdmin, password = DemoLogins.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("civic.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        var login = await app.Client().GetAsync(Site + "/account/login");
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.Contains("antiforgery", StringComparison.OrdinalIgnoreCase) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ForeignHost_IsRefused()
    {
        Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync(Site + "/account/login")).StatusCode);
        var foreign = await app.Client().GetAsync("https://evil.example/admin");
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Null(foreign.Headers.Location);
    }

    public sealed class ProductionHost : CivicAppFactory
    {
        protected override void ConfigureMore(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("AllowedHosts", "civic.example");
            builder.UseSetting("Civic:Sms:Provider", "None");
        }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await SeedDemoExplicitlyAsync();
        }
    }
}
