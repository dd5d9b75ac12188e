using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CivicPractice.Web.Tests.Infrastructure;

/// <summary>Every endpoint and page of the running app states who may use it: a named policy, or explicit anonymity.</summary>
public sealed class AuthorizationCoverageTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    /// <summary>
    /// Blazor's own transport (the circuit hub and its helpers) and the development-time static file fallback
    /// cannot carry attributes of ours. They serve no data by themselves: every routed page carries its own
    /// policy (checked below) and an anonymous circuit has no scope, so its queries see nothing. Nothing else may be unmarked.
    /// </summary>
    private static readonly string[] FrameworkTransport = ["_blazor", "_framework/", "{**path:file}"];

    [Fact]
    public void EveryEndpoint_DeclaresAPolicyOrAnonymity()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.True(endpoints.Count > 20, $"only {endpoints.Count} endpoints found");

        var unmarked = endpoints
            .Where(e => !FrameworkTransport.Any(p => (e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith(p, StringComparison.Ordinal)))
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null
                && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy)))
            .Select(e => $"{string.Join(",", e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])} {e.RoutePattern.RawText} ({e.DisplayName})")
            .ToList();

        Assert.True(unmarked.Count == 0, "Endpoints without an explicit policy or [AllowAnonymous]:\n" + string.Join("\n", unmarked));
    }

    [Fact]
    public void TheAdminApi_AndThePublicPortal_AreBothCovered()
    {
        var patterns = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Select(e => e.RoutePattern.RawText).ToList();
        Assert.Contains("/api/v1/org/units/", patterns);
        Assert.Contains("/health", patterns);
        Assert.Contains(patterns, p => p == "/" || p == "");
    }
}
