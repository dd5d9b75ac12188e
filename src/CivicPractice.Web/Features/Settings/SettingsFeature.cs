using CivicPractice.Web.Components.Layout;
using CivicPractice.Web.Features.Identity;
using CivicPractice.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivicPractice.Web.Features.Settings;

public static class SettingsFeature
{
    public static WebApplicationBuilder AddSettings(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CountySettingsService>();
        builder.Services.AddAdminMenu(new(70, "县（区）设置", "/admin/settings", "fa-solid fa-sliders", Policies.CountyAdmin));
        return builder;
    }

    public static WebApplication MapSettings(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/county-settings").WithTags("县（区）设置").RequireAuthorization(Policies.CountyAdmin);
        group.MapGet("/", Get).WithSummary("查看县（区）设置");
        group.MapPut("/", Update).WithSummary("修改县（区）设置").Validates<UpdateCountySettingsRequest>();
        group.MapPut("/team-tiers", UpdateTeamTiers).WithSummary("修改队伍层级名称").Validates<UpdateTeamTiersRequest>();
        group.MapPost("/options", AddOption).WithSummary("新增选项").Validates<AddOptionRequest>();
        group.MapPost("/options/{id:guid}/retire", Retire).WithSummary("停用选项");
        return app;
    }

    private static async Task<Ok<CountySettingsDto>> Get(CountySettingsService settings, CancellationToken ct) => TypedResults.Ok(await settings.GetAsync(ct));

    private static async Task<Ok<CountySettingsDto>> Update(CountySettingsService settings, UpdateCountySettingsRequest body, CancellationToken ct) =>
        TypedResults.Ok(await settings.UpdateAsync(body, ct));

    private static async Task<Ok<CountySettingsDto>> UpdateTeamTiers(CountySettingsService settings, UpdateTeamTiersRequest body, CancellationToken ct) =>
        TypedResults.Ok(await settings.UpdateTeamTiersAsync(body, ct));

    private static async Task<Ok<CountySettingsDto>> AddOption(CountySettingsService settings, AddOptionRequest body, CancellationToken ct) =>
        TypedResults.Ok(await settings.AddOptionAsync(body, ct));

    private static async Task<Ok<CountySettingsDto>> Retire(CountySettingsService settings, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await settings.RetireOptionAsync(id, ct));
}
