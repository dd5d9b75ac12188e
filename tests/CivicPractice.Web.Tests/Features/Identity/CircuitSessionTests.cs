using CivicPractice.Web.Data;
using CivicPractice.Web.Features.Identity;
using CivicPractice.Web.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivicPractice.Web.Tests.Features.Identity;

/// <summary>A console circuit's services, run the way a circuit runs them (its own DI scope), without a browser.</summary>
public sealed class CircuitSessionTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    [Fact]
    public async Task WhenTheStampChanges_TheCircuitSignsOut_AndItsDataScopeCloses()
    {
        var userId = await app.WithDbAsync(db => db.Users.Where(u => u.PhoneMasked == Domain.Identity.MobileNumber.Mask(DemoLogins.OtherStationAdmin)).Select(u => u.Id).FirstAsync());
        await using var circuit = app.Services.CreateAsyncScope();
        var services = circuit.ServiceProvider;
        var user = (await services.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(userId.ToString()))!;
        var principal = await services.GetRequiredService<SignInManager<AppUser>>().CreateUserPrincipalAsync(user);
        var auth = services.GetRequiredService<AuthenticationStateProvider>();
        ((IHostEnvironmentAuthenticationStateProvider)auth).SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        var scope = services.GetRequiredService<CurrentScope>();
        foreach (var handler in services.GetServices<CircuitHandler>()) await handler.OnCircuitOpenedAsync(null!, CancellationToken.None);
        Assert.Equal(Domain.Identity.RoleKind.StationAdmin, scope.Role);

        await using (var other = app.Services.CreateAsyncScope())
        {
            await SessionValidator.RenewStampAsync(other.ServiceProvider.GetRequiredService<AppDbContext>(), userId);
        }

        // The revalidation runs every 2 seconds in tests; give it ten times that.
        for (var i = 0; i < 200 && scope.Role is not null; i++) await Task.Delay(100);
        Assert.False((await auth.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
        Assert.Null(scope.Role);
        Assert.Null(scope.CountyId);
        Assert.False(scope.IsAuthenticated);
    }
}
