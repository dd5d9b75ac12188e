using CivicPractice.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CivicPractice.Web.Components;

/// <summary>
/// Base of console pages: makes sure the circuit's <see cref="CurrentScope"/> carries the signed-in user
/// before the page's first query, whatever order the circuit's start-up ran in.
/// </summary>
public abstract class AdminPageBase : ComponentBase
{
    [CascadingParameter] protected Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] protected CurrentScope Scope { get; set; } = default!;
    [Inject] protected Microsoft.EntityFrameworkCore.IDbContextFactory<Data.AppDbContext> DbFactory { get; set; } = default!;
    [Inject] protected TimeProvider Clock { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (!Scope.IsAuthenticated) Scope.SetFromPrincipal((await AuthState).User);
        await OnPageInitializedAsync();
    }

    protected virtual Task OnPageInitializedAsync() => Task.CompletedTask;

    [Inject] private IServiceScopeFactory ScopeFactory { get; set; } = default!;

    /// <summary>
    /// Runs one operation in a fresh DI scope (its own DbContext and Identity managers) acting as the page's user,
    /// so a failed operation leaves nothing half-tracked behind for the next one.
    /// </summary>
    protected async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = ScopeFactory.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().SetFromPrincipal((await AuthState).User);
        return await work(scope.ServiceProvider);
    }
}
