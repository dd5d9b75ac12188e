using CivicPractice.Web.Components.Layout;
using CivicPractice.Web.Data;
using CivicPractice.Web.Features.Identity;
using CivicPractice.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Features.Audit;

public sealed record AuditQuery(string? Action = null, string? EntityType = null, DateTimeOffset? From = null, DateTimeOffset? To = null, string? Search = null, int? Page = null, int? PageSize = null);

public sealed record AuditEntryDto(Guid Id, DateTimeOffset At, string? UserName, string Action, string? EntityType, string? EntityId, string? Summary, string? Before, string? After, string? IpAddress)
{
    public string ActionName => AuditActions.Label(Action);
}

/// <summary>The county's audit log: read-only, newest first, for the county's center admins.</summary>
public static class AuditFeature
{
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddAdminMenu(new(80, "审计日志", "/admin/audit", "fa-solid fa-clipboard-list", Policies.CountyAdmin));
        return builder;
    }

    public static WebApplication MapAudit(this WebApplication app)
    {
        app.MapGet("/api/v1/audit", List).WithSummary("查询审计日志").WithTags("审计日志").RequireAuthorization(Policies.CountyAdmin);
        return app;
    }

    private static async Task<Ok<Paged<AuditEntryDto>>> List(AppDbContext db, string? action, string? entityType, DateTimeOffset? from, DateTimeOffset? to, string? q, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await QueryAsync(db, new AuditQuery(action, entityType, from, to, q, page, pageSize), ct));

    public static async Task<Paged<AuditEntryDto>> QueryAsync(AppDbContext db, AuditQuery q, CancellationToken ct = default)
    {
        var rows = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q.Action)) rows = rows.Where(a => a.Action == q.Action);
        if (!string.IsNullOrWhiteSpace(q.EntityType)) rows = rows.Where(a => a.EntityType == q.EntityType);
        if (q.From is { } from) rows = rows.Where(a => a.At >= from);
        if (q.To is { } to) rows = rows.Where(a => a.At < to);
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var s = q.Search.Trim();
            rows = rows.Where(a => (a.UserName != null && a.UserName.Contains(s)) || (a.Summary != null && a.Summary.Contains(s)));
        }
        var (page, size) = Paging.Normalize(q.Page, q.PageSize);
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip((page - 1) * size).Take(size)
            .Select(a => new AuditEntryDto(a.Id, a.At, a.UserName, a.Action, a.EntityType, a.EntityId, a.Summary, a.Before, a.After, a.IpAddress))
            .ToListAsync(ct);
        // Lines written before the log's redaction rules existed are shown under the same rules.
        items = [.. items.Select(a => a with { Before = AuditRedaction.Redact(a.Before), After = AuditRedaction.Redact(a.After) })];
        return new Paged<AuditEntryDto>(items, total, page, size);
    }
}
