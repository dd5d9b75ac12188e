using System.Text.Encodings.Web;
using System.Text.Unicode;
using CivicPractice.Web.Components;
using CivicPractice.Web.Features.Identity;
using CivicPractice.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;

namespace CivicPractice.Web;

/// <summary>The web host's cross-cutting parts: UI framework, errors, OpenAPI, health, static files.</summary>
public static class Platform
{
    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Without this, Chinese leaves the server as &#x...; entities.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        });
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddBootstrapBlazor(o => o.DefaultCultureInfo = "zh-CN");
        services.AddHttpContextAccessor();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiProblems.Localize);
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi(ApiDocumentation.Configure);
        builder.AddHardening();
        builder.AddRateLimits();
        builder.Logging.AddFilter("BootstrapBlazor", LogLevel.Warning);
        // Outside Development a build-folder run must still serve _content/* assets.
        builder.WebHost.UseStaticWebAssets();
        // A build-folder run re-reads each asset to spot edits (hot reload) and then sends gzip without compression;
        // outside Development the build's compressed files are served as built.
        if (!builder.Environment.IsDevelopment()) builder.Configuration[ReloadStaticAssets] ??= "false";
        return builder;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseHardening();
        app.UseExceptionHandler();
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        // Explicit, after the status-code pages, so a re-executed /not-found request is routed again.
        app.UseRouting();
        app.UseCrossSiteRequestChecks();
        app.UseRateLimiter();
        app.UseRequestLocalization("zh-CN");
        app.UseAuthentication();
        app.UseCurrentScope();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapPlatform(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        if (ApiDocsEnabled(app))
        {
            app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
            app.MapScalarApiReference("/docs", ApiDocumentation.ConfigureReference).AllowAnonymous();
        }
        app.MapHealthChecks("/health").AllowAnonymous();
        return app;
    }

    private const string ReloadStaticAssets = "ReloadStaticAssetsAtRuntime";

    /// <summary><c>Civic:ApiDocs:Enabled</c>; by default on for developers and tests, off on a production host.</summary>
    private static bool ApiDocsEnabled(WebApplication app) =>
        app.Configuration.GetValue<bool?>("Civic:ApiDocs:Enabled") ?? (app.Environment.IsDevelopment() || app.Environment.IsEnvironment("Testing"));
}
