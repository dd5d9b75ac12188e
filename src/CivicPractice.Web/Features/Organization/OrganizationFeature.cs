using CivicPractice.Domain.Organization;
using CivicPractice.Web.Data;
using CivicPractice.Web.Features.Identity;
using CivicPractice.Web.Infrastructure;
using CivicPractice.Web.Components.Layout;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivicPractice.Web.Features.Organization;

/// <summary>The organisation tree and its venues under /api/v1/org.</summary>
public static class OrganizationFeature
{
    public static WebApplicationBuilder AddOrganization(this WebApplicationBuilder builder)
    {
        builder.Services.AddAdminMenu(new(20, "组织架构", "/admin/org", "fa-solid fa-sitemap", Policies.Admin));
        return builder;
    }

    public static WebApplication MapOrganization(this WebApplication app)
    {
        var units = app.MapGroup("/api/v1/org/units").WithTags("组织架构").RequireAuthorization(Policies.Admin);
        units.MapGet("/", List).WithSummary("查询组织单位");
        units.MapGet("/{id:guid}", Get).WithSummary("查看组织单位");
        units.MapGet("/{id:guid}/ancestors", Ancestors).WithSummary("查看组织单位的上级链");
        units.MapGet("/{id:guid}/registration", Registration).WithSummary("查看志愿者注册率");
        units.MapPost("/", Create).WithSummary("新建组织单位").Validates<CreateOrgUnitRequest>();
        units.MapPut("/{id:guid}", Update).WithSummary("修改组织单位").Validates<UpdateOrgUnitRequest>();
        units.MapPost("/{id:guid}/move", Move).WithSummary("调整组织单位的上级").Validates<MoveOrgUnitRequest>();
        units.MapPost("/{id:guid}/deactivate", Deactivate).WithSummary("停用组织单位");
        units.MapPost("/{id:guid}/activate", Activate).WithSummary("启用组织单位");
        units.MapGet("/{id:guid}/venues", ListVenues).WithSummary("查询组织单位的阵地");
        units.MapPost("/{id:guid}/venues", CreateVenue).WithSummary("新建阵地").Validates<VenueForm>();

        var venues = app.MapGroup("/api/v1/org/venues").WithTags("组织架构").RequireAuthorization(Policies.Admin);
        venues.MapPut("/{id:guid}", UpdateVenue).WithSummary("修改阵地").Validates<VenueForm>();
        venues.MapPost("/{id:guid}/deactivate", DeactivateVenue).WithSummary("停用阵地");
        return app;
    }

    private static async Task<Ok<Paged<OrgUnitDto>>> List(AppDbContext db, Guid? parentId, string? q, OrgUnitType? type, bool? includeInactive, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await OrgUnitHandlers.ListAsync(db, new OrgUnitQuery(parentId, q, type, includeInactive ?? false, page, pageSize), ct));

    private static async Task<Ok<OrgUnitDto>> Get(AppDbContext db, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await OrgUnitHandlers.GetAsync(db, id, ct));

    private static async Task<Ok<IReadOnlyList<OrgUnitDto>>> Ancestors(AppDbContext db, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await OrgUnitHandlers.AncestorsAsync(db, id, ct));

    private static async Task<Ok<RegistrationReport>> Registration(AppDbContext db, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await RegistrationRates.ForUnitAsync(db, id, ct));

    private static async Task<Created<OrgUnitDto>> Create(AppDbContext db, TimeProvider clock, CreateOrgUnitRequest body, CancellationToken ct)
    {
        var unit = await OrgUnitHandlers.CreateAsync(db, body, clock.GetUtcNow(), ct);
        return TypedResults.Created($"/api/v1/org/units/{unit.Id}", unit);
    }

    private static async Task<Ok<OrgUnitDto>> Update(AppDbContext db, TimeProvider clock, Guid id, UpdateOrgUnitRequest body, CancellationToken ct) =>
        TypedResults.Ok(await OrgUnitHandlers.UpdateAsync(db, id, body, clock.GetUtcNow(), ct));

    private static async Task<Ok<OrgUnitDto>> Move(AppDbContext db, TimeProvider clock, Guid id, MoveOrgUnitRequest body, CancellationToken ct) =>
        TypedResults.Ok(await OrgUnitHandlers.MoveAsync(db, id, body.NewParentId!.Value, clock.GetUtcNow(), ct));

    private static async Task<Ok<OrgUnitDto>> Deactivate(AppDbContext db, TimeProvider clock, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await OrgUnitHandlers.DeactivateAsync(db, id, clock.GetUtcNow(), ct));

    private static async Task<Ok<OrgUnitDto>> Activate(AppDbContext db, TimeProvider clock, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await OrgUnitHandlers.ActivateAsync(db, id, clock.GetUtcNow(), ct));

    private static async Task<Ok<IReadOnlyList<VenueDto>>> ListVenues(AppDbContext db, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await VenueHandlers.ListAsync(db, id, ct));

    private static async Task<Created<VenueDto>> CreateVenue(AppDbContext db, TimeProvider clock, Guid id, VenueForm body, CancellationToken ct)
    {
        var venue = await VenueHandlers.CreateAsync(db, id, body, clock.GetUtcNow(), ct);
        return TypedResults.Created($"/api/v1/org/venues/{venue.Id}", venue);
    }

    private static async Task<Ok<VenueDto>> UpdateVenue(AppDbContext db, TimeProvider clock, Guid id, VenueForm body, CancellationToken ct) =>
        TypedResults.Ok(await VenueHandlers.UpdateAsync(db, id, body, clock.GetUtcNow(), ct));

    private static async Task<Ok<VenueDto>> DeactivateVenue(AppDbContext db, TimeProvider clock, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await VenueHandlers.DeactivateAsync(db, id, clock.GetUtcNow(), ct));
}
