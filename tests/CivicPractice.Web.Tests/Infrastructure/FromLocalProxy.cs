using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace CivicPractice.Web.Tests.Infrastructure;

/// <summary>
/// The test server leaves the peer address empty; a real socket always has one. This gives every request the
/// address of a reverse proxy on the same machine (loopback), so forwarded headers are honoured as in production.
/// </summary>
public sealed class FromLocalProxy : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, nextMiddleware) =>
        {
            http.Connection.RemoteIpAddress ??= IPAddress.Loopback;
            return nextMiddleware(http);
        });
        next(app);
    };
}
