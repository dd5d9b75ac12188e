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
        builder.Services.AddScoped<CheckIn>();
        builder.Services.AddScoped<ServiceHoursLedger>();
        builder.Services.AddScoped<ActivityCalendar>();
        return builder;
    }

    public static WebApplication MapActivities(this WebApplication app)
    {
        var admin = app.MapGroup("/api/v1/activities").WithTags("志愿服务活动").RequireAuthorization(Policies.Admin);
        admin.MapPost("/", Create).WithSummary("新建活动（草稿）").Validates<CreateActivityRequest>();
        admin.MapPost("/{id:guid}/publish", Publish).WithSummary("发布活动");
        admin.MapGet("/{id:guid}/signups", Signups).WithSummary("查询活动报名");
        admin.MapGet("/{id:guid}/checkin-code", Code).WithSummary("获取当前签到码");
        admin.MapGet("/{id:guid}/checkin-qr", Qr).WithSummary("获取签到二维码图片").Produces(StatusCodes.Status200OK, contentType: "image/png");
        admin.MapPost("/{id:guid}/signups/{signupId:guid}/checkin", HandIn).WithSummary("代为签到（手工，留痕）");
        admin.MapPost("/{id:guid}/signups/{signupId:guid}/checkout", HandOut).WithSummary("代为签退（手工，留痕）");
        admin.MapGet("/{id:guid}/hours", Hours).WithSummary("查询待确认工时");
        admin.MapPost("/{id:guid}/hours/{signupId:guid}/confirm", Confirm).WithSummary("确认或调整工时").Validates<ConfirmHoursRequest>();
        admin.MapPost("/{id:guid}/hours/{signupId:guid}/revoke", Revoke).WithSummary("撤销已确认的工时").Validates<ConfirmHoursRequest>();

        var county = app.MapGroup("/api/v1/activities").WithTags("志愿服务活动").RequireAuthorization(Policies.SignedIn);
        county.MapGet("/{id:guid}", Get).WithSummary("查看活动");
        county.MapGet("/{id:guid}/ics", Ics).WithSummary("下载活动日历文件（.ics）").Produces(StatusCodes.Status200OK, contentType: "text/calendar");
        app.MapGet("/api/v1/me/calendar-link", CalendarLink).WithSummary("获取我的活动日历订阅地址").WithTags("我的活动").RequireAuthorization(Policies.SignedIn)
            .ProducesProblem(StatusCodes.Status404NotFound);
        // Fetched by calendar apps without a session: the token in the path is the credential.
        app.MapGet("/api/v1/calendar/{token}.ics", Feed).WithSummary("订阅我的活动日历（.ics）").WithTags("我的活动").AllowAnonymous()
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar").ProducesProblem(StatusCodes.Status404NotFound);

        var me = app.MapGroup("/api/v1/me/activities").WithTags("我的活动").RequireAuthorization(Policies.SignedIn);
        me.MapGet("/", Mine).WithSummary("查看我的报名");
        me.MapPost("/{id:guid}/signup", Join).WithSummary("报名参加活动").RequireRateLimiting(RateLimits.Seats);
        me.MapPost("/{id:guid}/cancel", Cancel).WithSummary("取消报名").RequireRateLimiting(RateLimits.Seats);
        me.MapPost("/{id:guid}/checkin", In).WithSummary("扫码签到").Validates<CheckinRequest>();
        me.MapPost("/{id:guid}/checkout", Out).WithSummary("扫码签退").Validates<CheckinRequest>();
        app.MapGet("/api/v1/me/hours", MyHoursList).WithSummary("查看我的服务时长").WithTags("我的活动").RequireAuthorization(Policies.SignedIn)
            .ProducesProblem(StatusCodes.Status404NotFound);
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

    private static async Task<Ok<CheckinCode>> Code(CheckIn checkIn, HttpRequest request, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await checkIn.CodeAsync(id, BaseUrl(request), ct));

    private static async Task<FileContentHttpResult> Qr(CheckIn checkIn, HttpRequest request, Guid id, CancellationToken ct) =>
        TypedResults.File(await checkIn.QrPngAsync(id, BaseUrl(request), ct), "image/png");

    private static async Task<Ok<SignupDto>> HandIn(CheckIn checkIn, Guid id, Guid signupId, CancellationToken ct) =>
        TypedResults.Ok(await checkIn.ByHandAsync(id, signupId, checkOut: false, ct));

    private static async Task<Ok<SignupDto>> HandOut(CheckIn checkIn, Guid id, Guid signupId, CancellationToken ct) =>
        TypedResults.Ok(await checkIn.ByHandAsync(id, signupId, checkOut: true, ct));

    private static async Task<Ok<IReadOnlyList<HoursRow>>> Hours(ServiceHoursLedger ledger, Guid id, CancellationToken ct) => TypedResults.Ok(await ledger.ListAsync(id, ct));

    private static async Task<Ok<HoursRow>> Confirm(ServiceHoursLedger ledger, Guid id, Guid signupId, ConfirmHoursRequest body, CancellationToken ct) =>
        TypedResults.Ok(await ledger.ConfirmAsync(id, signupId, body, ct));

    private static async Task<Ok<HoursRow>> Revoke(ServiceHoursLedger ledger, Guid id, Guid signupId, ConfirmHoursRequest body, CancellationToken ct) =>
        TypedResults.Ok(await ledger.RevokeAsync(id, signupId, body, ct));

    private static async Task<Ok<SignupDto>> In(CheckIn checkIn, Guid id, CheckinRequest body, CancellationToken ct) => TypedResults.Ok(await checkIn.InAsync(id, body, ct));

    private static async Task<Ok<SignupDto>> Out(CheckIn checkIn, Guid id, CheckinRequest body, CancellationToken ct) => TypedResults.Ok(await checkIn.OutAsync(id, body, ct));

    private static async Task<Ok<MyHours>> MyHoursList(ServiceHoursLedger ledger, CancellationToken ct) => TypedResults.Ok(await ledger.MineAsync(ct));

    /// <summary>The address the phone should open: this server as the request reached it (behind the forwarded-headers middleware).</summary>
    private static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static async Task<FileContentHttpResult> Ics(ActivityCalendar calendar, Guid id, CancellationToken ct) =>
        TypedResults.File(System.Text.Encoding.UTF8.GetBytes(await calendar.ActivityAsync(id, ct)), "text/calendar; charset=utf-8", $"activity-{id}.ics");

    private static async Task<Ok<CalendarLink>> CalendarLink(ActivityCalendar calendar, HttpRequest request, CancellationToken ct) =>
        TypedResults.Ok(new CalendarLink(BaseUrl(request) + await calendar.FeedPathAsync(ct)));

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Feed(ActivityCalendar calendar, string token, CancellationToken ct) =>
        await calendar.FeedAsync(token, ct) is { } ics
            ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", "volunteer.ics")
            : ApiProblems.NotFound("日历");

    private static async Task<Ok<IReadOnlyList<SignupDto>>> Mine(SignUp signUp, CancellationToken ct) => TypedResults.Ok(await signUp.MineAsync(ct));

    private static async Task<Ok<SignupDto>> Join(SignUp signUp, Guid id, CancellationToken ct) => TypedResults.Ok(await signUp.JoinAsync(id, ct));

    private static async Task<Ok<SignupDto>> Cancel(SignUp signUp, Guid id, CancellationToken ct) => TypedResults.Ok(await signUp.CancelAsync(id, ct));
}
