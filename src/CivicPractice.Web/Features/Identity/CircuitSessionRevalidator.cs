using CivicPractice.Web.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CivicPractice.Web.Features.Identity;

/// <summary>
/// An open console tab makes no HTTP requests, so the cookie checks never see it. Its circuit checks the security
/// stamp itself every <see cref="RevalidationInterval"/> (<c>Civic:Identity:CircuitRevalidationInterval</c>, one
/// minute by default); when the stamp changed (role revoked, logged out elsewhere, password reset) the circuit's
/// person becomes anonymous, <c>AuthorizeRouteView</c> sends the tab to the login page, and
/// <see cref="ScopeCircuitHandler"/> closes the circuit's data scope.
/// </summary>
public sealed class CircuitSessionRevalidator(
    ILoggerFactory loggers,
    IServiceScopeFactory scopes,
    IOptions<IdentityOptions> identity,
    IConfiguration configuration)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    public const string IntervalSetting = "Civic:Identity:CircuitRevalidationInterval";

    protected override TimeSpan RevalidationInterval { get; } = configuration.GetValue(IntervalSetting, TimeSpan.FromMinutes(1));

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await SessionValidator.IsCurrentAsync(db, authenticationState.User, identity.Value.ClaimsIdentity, cancellationToken);
    }
}
