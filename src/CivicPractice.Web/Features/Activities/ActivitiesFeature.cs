using CivicPractice.Domain.Activities;
using CivicPractice.Web.Features.Identity;
using CivicPractice.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivicPractice.Web.Features.Activities;

/// <summary>志愿服务活动 under /api/v1/activities (organisers, readers of the county) and /api/v1/me/activities (the volunteer).</summary>
public static class ActivitiesFeature
{
    public static WebApplicationBuilder AddActivities(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ActivityService>();
        builder.Services.AddScoped<SignUp>();
        return builder;
    }

    public static WebApplication MapActivities(this WebApplication app)
    {
        var admin = app.MapGroup("/api/v1/activities").WithTags("志愿服务活动").RequireAuthorization(Policies.Admin);
        admin.MapPost("/", Create).WithSummary("新建活动（草稿）").Validates<CreateActivityRequest>();
        admin.MapPost("/{id:guid}/publish", Publish).WithSummary("发布活动");
        admin.MapGet("/{id:guid}/signups", Signups).WithSummary("查询活动报名");

        var county = app.MapGroup("/api/v1/activities").WithTags("志愿服务活动").RequireAuthorization(Policies.SignedIn);
        county.MapGet("/{id:guid}", Get).WithSummary("查看活动");

        var me = app.MapGroup("/api/v1/me/activities").WithTags("我的活动").RequireAuthorization(Policies.SignedIn);
        me.MapGet("/", Mine).WithSummary("查看我的报名");
        me.MapPost("/{id:guid}/signup", Join).WithSummary("报名参加活动").RequireRateLimiting(RateLimits.Seats);
        me.MapPost("/{id:guid}/cancel", Cancel).WithSummary("取消报名").RequireRateLimiting(RateLimits.Seats);
        return app;
    }

    private static async Task<Created<ActivityDto>> Create(ActivityService activities, CreateActivityRequest body, CancellationToken ct)
    {
        var activity = await activities.CreateAsync(body, ct);
        return TypedResults.Created($"/api/v1/activities/{activity.Id}", activity);
    }

    private static async Task<Ok<ActivityDto>> Publish(ActivityService activities, Guid id, CancellationToken ct) => TypedResults.Ok(await activities.PublishAsync(id, ct));

    private static async Task<Ok<ActivityDto>> Get(ActivityService activities, Guid id, CancellationToken ct) => TypedResults.Ok(await activities.GetAsync(id, ct));

    private static async Task<Ok<IReadOnlyList<SignupRow>>> Signups(ActivityService activities, Guid id, SignupStatus? status, CancellationToken ct) =>
        TypedResults.Ok(await activities.SignupsAsync(id, status, ct));

    private static async Task<Ok<IReadOnlyList<SignupDto>>> Mine(SignUp signUp, CancellationToken ct) => TypedResults.Ok(await signUp.MineAsync(ct));

    private static async Task<Ok<SignupDto>> Join(SignUp signUp, Guid id, CancellationToken ct) => TypedResults.Ok(await signUp.JoinAsync(id, ct));

    private static async Task<Ok<SignupDto>> Cancel(SignUp signUp, Guid id, CancellationToken ct) => TypedResults.Ok(await signUp.CancelAsync(id, ct));
}
