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
        units.MapGet("/", List);
        units.MapGet("/{id:guid}", Get);
        units.MapGet("/{id:guid}/ancestors", Ancestors);
        units.MapGet("/{id:guid}/registration", Registration);
        units.MapPost("/", Create).Validates<CreateOrgUnitRequest>();
        units.MapPut("/{id:guid}", Update).Validates<UpdateOrgUnitRequest>();
        units.MapPost("/{id:guid}/move", Move).Validates<MoveOrgUnitRequest>();
        units.MapPost("/{id:guid}/deactivate", Deactivate);
        units.MapPost("/{id:guid}/activate", Activate);
        units.MapGet("/{id:guid}/venues", ListVenues);
        units.MapPost("/{id:guid}/venues", CreateVenue).Validates<VenueForm>();

        var venues = app.MapGroup("/api/v1/org/venues").WithTags("组织架构").RequireAuthorization(Policies.Admin);
        venues.MapPut("/{id:guid}", UpdateVenue).Validates<VenueForm>();
        venues.MapPost("/{id:guid}/deactivate", DeactivateVenue);
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
