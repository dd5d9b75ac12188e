using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CivicPractice.Web.Features.Portal;

/// <summary>The public portal: its cache, and the interceptor that clears it when the tree changes.</summary>
public static class PortalFeature
{
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PortalCache>();
        builder.Services.AddSingleton<PortalCacheInvalidator>();
        builder.Services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<PortalCacheInvalidator>());
        return builder;
    }
}
