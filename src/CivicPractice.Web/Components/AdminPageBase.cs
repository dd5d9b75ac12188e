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
}
