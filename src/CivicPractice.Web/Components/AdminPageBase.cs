using BootstrapBlazor.Components;
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
    [Inject] protected ToastService Toast { get; set; } = default!;

    /// <summary>The refusal of the last change tried from a dialog, shown inside that dialog.</summary>
    protected string? FormError { get; set; }

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

    /// <summary>
    /// Runs a change; a refusal by the domain (or a record out of scope) becomes <see cref="FormError"/> or a toast,
    /// never a broken circuit. Returns null when refused.
    /// </summary>
    protected async Task<T?> AttemptAsync<T>(Func<Task<T>> work, bool toast = false) where T : class
    {
        FormError = null;
        try
        {
            return await work();
        }
        catch (Exception ex) when (ex is Domain.Common.DomainException or NotFoundException)
        {
            if (toast) await Toast.Error("操作未完成", ex.Message);
            else FormError = ex.Message;
            StateHasChanged();
            return null;
        }
    }
}
