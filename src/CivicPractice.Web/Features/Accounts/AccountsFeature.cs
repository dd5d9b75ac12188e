using CivicPractice.Web.Components.Layout;
using CivicPractice.Web.Features.Identity;
using CivicPractice.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivicPractice.Web.Features.Accounts;

/// <summary>账号与权限 under /api/v1/accounts: appoint, revoke, unlock, reset — inside the caller's subtree.</summary>
public static class AccountsFeature
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AccountManagement>();
        builder.Services.AddAdminMenu(new(30, "账号与权限", "/admin/accounts", "fa-solid fa-user-shield", Policies.Admin));
        return builder;
    }

    public static WebApplication MapAccounts(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/accounts").WithTags("账号与权限").RequireAuthorization(Policies.Admin);
        group.MapGet("/", List).WithSummary("查询账号");
        group.MapPost("/", Grant).WithSummary("任命管理员").Validates<GrantRoleRequest>();
        group.MapDelete("/assignments/{id:guid}", Revoke).WithSummary("撤销任命");
        group.MapPost("/{userId:guid}/unlock", Unlock).WithSummary("解锁账号");
        group.MapPost("/{userId:guid}/reset-password", ResetPassword).WithSummary("重置密码");
        return app;
    }

    private static async Task<Ok<Paged<AccountRow>>> List(AccountManagement accounts, string? q, Domain.Identity.RoleKind? role, Guid? unitId, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await accounts.ListAsync(new AccountQuery(q, role, unitId, page, pageSize), ct));

    private static async Task<Created<AccountRow>> Grant(AccountManagement accounts, GrantRoleRequest body, CancellationToken ct)
    {
        var row = await accounts.GrantAsync(body, ct);
        return TypedResults.Created($"/api/v1/accounts/assignments/{row.AssignmentId}", row);
    }

    private static async Task<NoContent> Revoke(AccountManagement accounts, Guid id, CancellationToken ct)
    {
        await accounts.RevokeAsync(id, ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Unlock(AccountManagement accounts, Guid userId, CancellationToken ct)
    {
        await accounts.UnlockAsync(userId, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Voids the password and tells the person by SMS to set a new one; the caller never learns it.</summary>
    private static async Task<NoContent> ResetPassword(AccountManagement accounts, Guid userId, CancellationToken ct)
    {
        await accounts.ResetPasswordAsync(userId, ct);
        return TypedResults.NoContent();
    }
}
