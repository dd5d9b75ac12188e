using System.Globalization;
using CivicPractice.Web.Data;
using CivicPractice.Web.Features.Demo;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CivicPractice.Web;

/// <summary>
/// The command line: <c>migrate</c> brings the schema up to date and exits; <c>seed --seed N --scale X</c> fills an
/// empty database with a demo county and exits (the benchmark harness uses it for large data).
/// Without a command the app serves, and <see cref="DatabaseInitializer"/> does the start-up work.
/// </summary>
public static class PlatformCommands
{
    /// <returns>True when a command ran and the process should exit instead of serving.</returns>
    public static async Task<bool> RunAsync(WebApplication app, string[] args)
    {
        var command = args.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('='));
        if (command is not ("migrate" or "seed")) return false;
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await DataFeature.MigrateAsync(db);
        if (command == "migrate")
        {
            Console.WriteLine("数据库已迁移到最新版本。");
            return true;
        }
        var options = new DemoOptions(
            int.Parse(Option(args, "--seed") ?? "20261124", CultureInfo.InvariantCulture),
            double.Parse(Option(args, "--scale") ?? "1", CultureInfo.InvariantCulture));
        if (!await DemoSeeder.IsEmptyAsync(db, CancellationToken.None))
        {
            Console.WriteLine("数据库中已有数据，未重复生成演示数据。");
            return true;
        }
        var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
        await seeder.SeedAsync(options);
        DatabaseInitializer.PrintLogins(await seeder.DescribeAccountsAsync(), addresses: []);
        return true;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}

/// <summary>
/// Runs before the server takes requests: migrates the schema and, in Development only, seeds the demo county on an
/// empty database. Elsewhere demo data (with its public password) comes only from the explicit <c>seed</c> command.
/// Once the server listens, the demo logins are printed as the database holds them, with the addresses it listens on.
/// </summary>
public sealed class DatabaseInitializer(IServiceProvider services, IConfiguration config, IHostEnvironment environment, IHostApplicationLifetime lifetime, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await DataFeature.MigrateAsync(db, cancellationToken);
        if (!config.GetValue("Civic:SeedDemoOnEmptyDatabase", false)) return;
        if (!(environment.IsDevelopment() || environment.IsEnvironment("Testing")))
        {
            logger.LogWarning("Civic:SeedDemoOnEmptyDatabase is ignored outside Development: demo accounts share a public password. " +
                "Run the 'seed' command explicitly to load demo data. / 非开发环境不会自动生成演示数据。");
            return;
        }
        var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
        if (await DemoSeeder.IsEmptyAsync(db, cancellationToken))
        {
            var options = new DemoOptions(config.GetValue("Civic:Demo:Seed", 20261124), config.GetValue("Civic:Demo:Scale", 1.0));
            Console.WriteLine("首次启动：正在生成演示县（区）数据（含约 15 万名志愿者），约需一分钟……");
            var started = DateTime.UtcNow;
            await seeder.SeedAsync(options, cancellationToken);
            logger.LogInformation("Demo county seeded in {Seconds:F1}s", (DateTime.UtcNow - started).TotalSeconds);
        }
        var logins = await seeder.DescribeAccountsAsync(cancellationToken);
        // The addresses are known only once the server listens (--urls, ASPNETCORE_URLS, launch profile, or Kestrel's default).
        lifetime.ApplicationStarted.Register(() => PrintLogins(logins, ListeningAddresses()));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IReadOnlyList<string> ListeningAddresses() =>
        services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    public static void PrintLogins(IEnumerable<DemoAccount> logins, IReadOnlyList<string> addresses)
    {
        Console.WriteLine("演示账号（手机号 / 密码 / 角色 / 单位）：");
        foreach (var l in logins)
        {
            Console.WriteLine($"  {l.Phone} / {l.Password} / {Domain.Identity.RoleLabels.Of(l.Role)} / {l.CountyName} {l.UnitName}");
        }
        if (addresses.Count == 0) return;
        var root = Browsable(addresses[0]);
        Console.WriteLine($"管理后台：{root}/admin   公众门户：{root}/   接口文档：{root}/docs");
    }

    /// <summary>A listening address a browser on this machine can open: a wildcard host (0.0.0.0, [::], *, +) becomes localhost.</summary>
    public static string Browsable(string address)
    {
        var match = System.Text.RegularExpressions.Regex.Match(address.TrimEnd('/'), @"^(?<scheme>[a-z]+)://(?<host>\[[^\]]*\]|[^:/]+)(?<rest>.*)$");
        if (!match.Success) return address.TrimEnd('/');
        var host = match.Groups["host"].Value is "0.0.0.0" or "[::]" or "*" or "+" ? "localhost" : match.Groups["host"].Value;
        return $"{match.Groups["scheme"].Value}://{host}{match.Groups["rest"].Value}";
    }
}
