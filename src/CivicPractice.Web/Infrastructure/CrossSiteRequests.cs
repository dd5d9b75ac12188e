using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace CivicPractice.Web.Infrastructure;

/// <summary>
/// Cross-site request forgery guard for the API. The API is authenticated by the session cookie, which the browser
/// attaches whoever wrote the page that sends the request; SameSite=Lax alone still lets a sibling subdomain, or a
/// browser that ignores SameSite, post. A write under /api is therefore refused (403) when
/// <list type="bullet">
/// <item>its <c>Origin</c> (or, without one, its <c>Referer</c>) names another site, or</item>
/// <item>it is a request any page may send without a CORS preflight — no body, or a form, multipart or text body —
/// and carries neither the <see cref="HeaderName"/> header nor a valid anti-forgery token.</item>
/// </list>
/// A custom header or a JSON body makes the browser ask first (preflight), and this app grants no CORS, so only our
/// own pages and non-browser clients get through. The console and portal never post to /api from the browser
/// (they call services in the circuit or post their own forms), so none of our pages is affected.
/// </summary>
public static class CrossSiteRequests
{
    /// <summary>The header API clients send on every write: <c>X-Requested-With: XMLHttpRequest</c> (any value).</summary>
    public const string HeaderName = "X-Requested-With";

    public const string ForeignOrigin = "跨站请求被拒绝：请求来源不是本站。";
    public const string MissingHeader = "跨站请求被拒绝：写操作须携带 X-Requested-With 请求头（或使用 JSON 请求体）。";

    public static IApplicationBuilder UseCrossSiteRequestChecks(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var refusal = await CheckAsync(http);
        if (refusal is null)
        {
            await next(http);
            return;
        }
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "禁止跨站请求", Detail = refusal },
        });
    });

    private static async Task<string?> CheckAsync(HttpContext http)
    {
        var request = http.Request;
        if (!request.Path.StartsWithSegments("/api") || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        {
            return null;
        }
        if (IsForeign(request)) return ForeignOrigin;
        if (!IsSimple(request) || request.Headers.ContainsKey(HeaderName)) return null;
        try
        {
            return await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http) ? null : MissingHeader;
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return MissingHeader; // an unreadable form carries no token
        }
    }

    /// <summary>The browser names the page's origin on every cross-origin write (and on same-origin ones, mostly); "null" is an opaque, foreign one.</summary>
    private static bool IsForeign(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0) return !SameOrigin(request, origin);
        var referer = request.Headers.Referer.ToString();
        return referer.Length > 0 && !SameOrigin(request, referer);
    }

    private static bool SameOrigin(HttpRequest request, string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Authority, HostWithoutDefaultPort(request), StringComparison.OrdinalIgnoreCase);

    private static string HostWithoutDefaultPort(HttpRequest request)
    {
        var host = request.Host;
        var defaultPort = request.IsHttps ? 443 : 80;
        return host.Port is null || host.Port == defaultPort ? host.Host : $"{host.Host}:{host.Port}";
    }

    /// <summary>A request an HTML form or a no-cors fetch can send: no body type, or one of the three "simple" types.</summary>
    private static bool IsSimple(HttpRequest request)
    {
        if (string.IsNullOrEmpty(request.ContentType)) return true;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)) return true;
        var media = type.MediaType.Value ?? "";
        return media.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || media.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || media.Equals("text/plain", StringComparison.OrdinalIgnoreCase);
    }
}
