using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.HttpOverrides;

namespace CivicPractice.Web.Infrastructure;

/// <summary>
/// Transport and browser hardening: the reverse proxy's forwarded headers, HSTS and secure cookies outside
/// development, no <c>Server</c> header, and on every response <c>nosniff</c>, a referrer policy and a
/// Content-Security-Policy with a fresh nonce.
/// </summary>
/// <remarks>
/// The CSP: scripts only from this site, plus inline scripts carrying the request's nonce (the import map Blazor
/// writes into the page, the start-up script of the API docs); no <c>eval</c> except on the API docs page, whose
/// Scalar bundle compiles code at run time (and which a production host does not serve by default). Styles allow inline
/// (<c>'unsafe-inline'</c>) because Blazor and BootstrapBlazor set <c>style</c> attributes as they render (column
/// widths, popover positions); inline style cannot run code, and nonces cannot be put on attributes.
/// <c>connect-src 'self'</c> covers the circuit's WebSocket, <c>data:</c> images and fonts cover Bootstrap's inline
/// SVG icons. Nothing may frame the site (clickjacking), and forms post only here.
/// </remarks>
public static class Hardening
{
    private const string NonceKey = "civic.csp-nonce";

    public static WebApplicationBuilder AddHardening(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurity(builder.Environment));
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        var proxies = builder.Configuration.GetSection("Civic:ForwardedHeaders");
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Loopback is trusted by default (a proxy on the same machine); others only when configured.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies.GetSection("KnownProxies").Get<string[]>() ?? []) o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in proxies.GetSection("KnownNetworks").Get<string[]>() ?? []) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        return builder;
    }

    /// <summary>Cookies travel only over HTTPS, except on a developer's machine and in the test host (plain HTTP on loopback).</summary>
    public static CookieSecurePolicy CookieSecurity(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing") ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    public static IApplicationBuilder UseHardening(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        return app.Use((http, next) =>
        {
            var nonce = Nonce(http);
            // The API reference page (Scalar, off in production by default) compiles code at run time.
            var eval = http.Request.Path.StartsWithSegments("/docs") ? " 'unsafe-eval'" : "";
            // At the last moment, so that error pages (which clear the response) carry the headers too.
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                if (headers.Location.Count > 0) headers.Location = HostRelative(http.Request, headers.Location.ToString());
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers.XFrameOptions = "DENY";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                // A stored file's sandboxed policy (nothing runs) is kept; anything else (antiforgery's frame-ancestors) is replaced.
                if (!headers.ContentSecurityPolicy.ToString().Contains("sandbox", StringComparison.Ordinal)) headers.ContentSecurityPolicy =
                    $"default-src 'self'; script-src 'self' 'nonce-{nonce}'{eval}; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
                    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
                return Task.CompletedTask;
            });
            return next(http);
        });
    }

    /// <summary>
    /// A redirect to this site is sent without scheme and host. The framework builds absolute ones from the Host
    /// header (the cookie challenge, a page's NavigateTo), and the client chooses that header: with AllowedHosts
    /// left at "*", a forged Host would send the user to another site.
    /// </summary>
    private static string HostRelative(HttpRequest request, string location) =>
        Uri.TryCreate(location, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            ? uri.PathAndQuery + uri.Fragment
            : location;

    /// <summary>The request's CSP nonce, for inline scripts the page must run.</summary>
    public static string Nonce(HttpContext http)
    {
        if (http.Items[NonceKey] is string nonce) return nonce;
        nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)); // hex: no "+" for HTML encoders to escape
        http.Items[NonceKey] = nonce;
        return nonce;
    }
}
