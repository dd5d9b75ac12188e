using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CivicPractice.Web.Features.Demo;
using CivicPractice.Web.Features.Identity;
using CivicPractice.Web.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace CivicPractice.Web.Tests.Features.Identity;

/// <summary>What a Production start does on its own: no demo data, no readable codes, no key file for everyone.</summary>
public sealed class ProductionDefaultsTests
{
    /// <summary>The real app as an operator would start it: ASPNETCORE_ENVIRONMENT=Production and their settings.</summary>
    private sealed class ProductionApp(IReadOnlyDictionary<string, string> settings) : CivicAppFactory
    {
        protected override void ConfigureMore(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Civic:Sms:Provider", "None");
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }

    private static string Messages(Exception e) => e is AggregateException a ? string.Join(" | ", a.Flatten().InnerExceptions.Select(Messages)) : e.Message + (e.InnerException is { } inner ? " | " + Messages(inner) : "");

    [Fact]
    public async Task WithoutPiiKeys_TheStartIsRefused_WithAClearMessage()
    {
        await using var app = new ProductionApp(new Dictionary<string, string> { ["Civic:Pii:EncryptionKey"] = "", ["Civic:Pii:IndexKey"] = "" });

        var e = Assert.ThrowsAny<Exception>(() => app.Client());

        Assert.Contains("Civic:Pii:EncryptionKey", Messages(e));
        Assert.False(File.Exists(Path.Combine(app.DataDirectory, "keys", "pii-keys.json")));
    }

    [Fact]
    public async Task TheDevelopmentOutbox_CannotBeSwitchedOnInProduction()
    {
        await using var app = new ProductionApp(new Dictionary<string, string> { ["Civic:Sms:Provider"] = "Outbox" });

        var e = Assert.ThrowsAny<Exception>(() => app.Client());

        Assert.Contains("Development only", Messages(e));
    }

    [Fact]
    public async Task AnEmptyDatabase_GetsNoDemoCounty_AndWithoutACarrierNoCodeIsKept()
    {
        await using var app = new ProductionApp(new Dictionary<string, string> { ["Civic:SeedDemoOnEmptyDatabase"] = "true" });
        await ((Xunit.IAsyncLifetime)app).InitializeAsync();

        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync()));
        Assert.False(await app.WithDbAsync(db => db.Counties.AnyAsync()));

        // Demo data only on the explicit command.
        await app.SeedDemoExplicitlyAsync();
        var sent = await app.Client().PostAsJsonAsync("/api/v1/auth/sms-code", new { phone = DemoLogins.CountyAdmin });

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var log = await app.WithDbAsync(db => db.SmsMessages.SingleAsync());
        Assert.Equal((SmsTemplate.SignInCode, SmsStatus.NotConfigured, null, "138****0001"), (log.Template, log.Status, log.Text, log.PhoneMasked));
    }

    [Fact]
    public async Task ACarrierGetsTheCode_ThePlatformKeepsOnlyTheDeliveryLog()
    {
        var received = new ConcurrentQueue<JsonElement>();
        await using var carrier = await StartCarrierAsync(received);
        var url = carrier.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/sms";
        await using var app = new ProductionApp(new Dictionary<string, string>
        {
            ["Civic:Sms:Provider"] = "Http", ["Civic:Sms:Http:Url"] = url, ["Civic:Sms:Http:ApiKey"] = "carrier-secret",
        });
        await ((Xunit.IAsyncLifetime)app).InitializeAsync();
        await app.SeedDemoExplicitlyAsync();
        var client = app.Client();

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/sms-code", new { phone = DemoLogins.CountyAdmin })).StatusCode);

        var message = Assert.Single(received);
        Assert.Equal(DemoLogins.CountyAdmin, message.GetProperty("phone").GetString());
        Assert.Equal("SignInCode", message.GetProperty("template").GetString());
        var code = message.GetProperty("parameters").GetProperty("code").GetString()!;
        Assert.Contains(code, message.GetProperty("text").GetString());
        var log = await app.WithDbAsync(db => db.SmsMessages.SingleAsync());
        Assert.Equal((SmsStatus.Sent, "Http", null), (log.Status, log.Provider, log.Text));
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => (a.Summary ?? "").Contains(code) || (a.After ?? "").Contains(code))));
        // The code the person received works.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/sms-login", new { phone = DemoLogins.CountyAdmin, code })).StatusCode);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void ADevelopmentKeyFile_IsReadableByItsOwnerOnly()
    {
        var dir = Path.Combine(Path.GetTempPath(), "civic-keys-" + Guid.NewGuid().ToString("N"));
        var config = new ConfigurationBuilder().Build();
        try
        {
            PiiProtector.FromConfiguration(config, dir, new HostingEnvironment { EnvironmentName = "Development" });
            var file = Path.Combine(dir, "keys", "pii-keys.json");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));

            // A key file left readable by others (an older version wrote it so) is tightened before use.
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            PiiProtector.FromConfiguration(config, dir, new HostingEnvironment { EnvironmentName = "Production" });
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>A stand-in SMS gateway on loopback: a real HTTP server that accepts every message and keeps it.</summary>
    private static async Task<WebApplication> StartCarrierAsync(ConcurrentQueue<JsonElement> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var carrier = builder.Build();
        carrier.MapPost("/sms", async (HttpRequest request) =>
        {
            if (request.Headers.Authorization != "Bearer carrier-secret") return Results.Unauthorized();
            received.Enqueue((await JsonDocument.ParseAsync(request.Body)).RootElement.Clone());
            return Results.Ok();
        });
        await carrier.StartAsync();
        return carrier;
    }
}
