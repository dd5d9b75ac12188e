using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Components.Layout;
using CivicPractice.Web.Features.Identity;
using CivicPractice.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivicPractice.Web.Features.Volunteers;

/// <summary>志愿者 under /api/v1/volunteers (admins, scoped), /api/v1/volunteer-registration (public) and /api/v1/me/volunteer (the person).</summary>
public static class VolunteersFeature
{
    public static WebApplicationBuilder AddVolunteers(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<VolunteerService>();
        builder.Services.AddScoped<VolunteerImporter>();
        builder.Services.Configure<VolunteerImportOptions>(builder.Configuration.GetSection("Civic:Import"));
        builder.Services.AddScoped<Demo.IDemoContributor, VolunteerDemoContributor>();
        builder.Services.AddAdminMenu(new(40, "志愿者", "/admin/volunteers", "fa-solid fa-hand-holding-heart", Policies.Admin));
        return builder;
    }

    public static WebApplication MapVolunteers(this WebApplication app)
    {
        var pub = app.MapGroup("/api/v1/volunteer-registration").WithTags("志愿者注册").AllowAnonymous();
        pub.MapGet("/options", Options).WithSummary("查看注册表单的选项").ProducesProblem(StatusCodes.Status404NotFound);
        pub.MapPost("/sms-code", SendCode).WithSummary("发送注册验证码").RequireRateLimiting(RateLimits.Sms).Validates<RegistrationCodeRequest>();
        pub.MapPost("/", Register).WithSummary("自助注册志愿者").Validates<SelfRegistrationRequest>();

        var admin = app.MapGroup("/api/v1/volunteers").WithTags("志愿者").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", List).WithSummary("查询志愿者");
        admin.MapPost("/", Create).WithSummary("录入志愿者").Validates<AdminRegistrationRequest>();
        admin.MapGet("/{id:guid}", Get).WithSummary("查看志愿者");
        admin.MapGet("/import/template", Template).WithSummary("下载导入模板");
        // A multipart upload from API clients; CrossSiteRequests refuses it without X-Requested-With or from another site.
        admin.MapPost("/import", Import).WithSummary("从 Excel 导入志愿者").AcceptsFile("Excel 文件（.xlsx），不超过 20 MB。").DisableAntiforgery();
        admin.MapGet("/import/reports/{reportId:guid}", ImportReport).WithSummary("下载导入错误报告").ServesStoredFiles();
        admin.MapGet("/export", ExportList).WithSummary("导出志愿者名册");
        admin.MapPost("/{id:guid}/approve", Approve).WithSummary("审核通过");
        admin.MapPost("/{id:guid}/reject", Reject).WithSummary("审核不通过").Validates<RejectRequest>();
        admin.MapPost("/{id:guid}/reveal", Reveal).WithSummary("查看完整证件号或手机号").Validates<RevealRequest>();

        // 404 for a signed-in person without a volunteer record (an admin, say).
        var me = app.MapGroup("/api/v1/me/volunteer").WithTags("我的志愿者信息").RequireAuthorization(Policies.SignedIn)
            .ProducesProblem(StatusCodes.Status404NotFound);
        me.MapGet("/", Mine).WithSummary("查看本人的志愿者信息");
        me.MapGet("/export", ExportMine).WithSummary("导出本人的志愿者信息").Produces(StatusCodes.Status200OK, contentType: "application/json");
        me.MapPut("/", Correct).WithSummary("更正本人的志愿者信息").Validates<VolunteerProfileForm>();
        me.MapPost("/withdraw", Withdraw).WithSummary("注销本人的志愿者信息");
        return app;
    }

    private static async Task<Results<Ok<OptionLists>, ProblemHttpResult>> Options(VolunteerService volunteers, string? county, CancellationToken ct) =>
        await volunteers.OptionsAsync(county, ct) is { } options ? TypedResults.Ok(options) : ApiProblems.NotFound("县（区）");

    private static async Task<Results<Ok, ProblemHttpResult>> SendCode(VolunteerService volunteers, RegistrationCodeRequest body, CancellationToken ct)
    {
        var error = await volunteers.SendRegistrationCodeAsync(body.Phone!, body.CountyCode!, ct);
        return error is null ? TypedResults.Ok() : TypedResults.Problem(statusCode: 429, title: "请求过于频繁", detail: error);
    }

    private static async Task<Created<RegistrationResult>> Register(VolunteerService volunteers, SelfRegistrationRequest body, CancellationToken ct) =>
        TypedResults.Created("/api/v1/me/volunteer", await volunteers.RegisterSelfAsync(body, ct));

    private static async Task<Ok<Paged<VolunteerRow>>> List(VolunteerService volunteers, string? q, VolunteerStatus? status, PoliticalStatus? politicalStatus,
        string? skill, string? tag, Guid? unitId, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await volunteers.ListAsync(new VolunteerQuery(q, status, politicalStatus, skill, tag, unitId, page, pageSize), ct));

    private static async Task<Created<VolunteerDetail>> Create(VolunteerService volunteers, AdminRegistrationRequest body, CancellationToken ct)
    {
        var created = await volunteers.RegisterByAdminAsync(body, ct: ct);
        return TypedResults.Created($"/api/v1/volunteers/{created.Summary.Id}", created);
    }

    private static async Task<Ok<VolunteerDetail>> Get(VolunteerService volunteers, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await volunteers.GetAsync(id, ct));

    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const long MaxImportBytes = 20 * 1024 * 1024;

    private static async Task<FileContentHttpResult> Template(VolunteerImporter importer, CancellationToken ct) =>
        TypedResults.File(await importer.TemplateAsync(ct), Xlsx, "志愿者导入模板.xlsx");

    private static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> Import(VolunteerImporter importer, CurrentScope scope, HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType) return ApiProblems.Invalid("请以表单方式上传 Excel 文件（字段名 file）。");
        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0) return ApiProblems.Invalid("请选择要导入的 Excel 文件。");
        if (file.Length > MaxImportBytes) return ApiProblems.Invalid("文件超过 20 MB，请分批导入。");
        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        return TypedResults.Ok(await importer.ImportAsync(buffer, scope.UserName ?? "管理员", ct: ct));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ImportReport(VolunteerImporter importer, Guid reportId, CancellationToken ct) =>
        await importer.ReportAsync(reportId, ct) is { } report ? TypedResults.File(report, Xlsx, "志愿者导入错误报告.xlsx") : ApiProblems.NotFound("错误报告");

    /// <summary>The roster is sent from a temporary file that closing the response deletes (see <see cref="VolunteerService.ExportListAsync"/>).</summary>
    private static async Task<FileStreamHttpResult> ExportList(VolunteerService volunteers, string? q, VolunteerStatus? status, PoliticalStatus? politicalStatus,
        string? skill, string? tag, Guid? unitId, CancellationToken ct)
    {
        var file = await volunteers.ExportListAsync(new VolunteerQuery(q, status, politicalStatus, skill, tag, unitId), ct);
        return TypedResults.File(file, Xlsx, $"志愿者名册-{DateTime.UtcNow.AddHours(8):yyyyMMdd}.xlsx");
    }

    private static async Task<Ok<VolunteerDetail>> Approve(VolunteerService volunteers, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await volunteers.ApproveAsync(id, ct));

    private static async Task<Ok<VolunteerDetail>> Reject(VolunteerService volunteers, Guid id, RejectRequest body, CancellationToken ct) =>
        TypedResults.Ok(await volunteers.RejectAsync(id, body.Reason!, ct));

    private static async Task<Ok<RevealResponse>> Reveal(VolunteerService volunteers, Guid id, RevealRequest body, CancellationToken ct) =>
        TypedResults.Ok(new RevealResponse(body.Field!.Value, await volunteers.RevealAsync(id, body.Field.Value, ct)));

    private static async Task<Results<Ok<VolunteerDetail>, ProblemHttpResult>> Mine(VolunteerService volunteers, CancellationToken ct) =>
        await volunteers.MineAsync(ct) is { } mine ? TypedResults.Ok(mine) : ApiProblems.NotFound("志愿者信息");

    private static async Task<FileContentHttpResult> ExportMine(VolunteerService volunteers, CancellationToken ct) =>
        TypedResults.File(await volunteers.ExportMineAsync(ct), "application/json; charset=utf-8", "我的志愿者信息.json");

    private static async Task<Ok<VolunteerDetail>> Correct(VolunteerService volunteers, VolunteerProfileForm body, CancellationToken ct) =>
        TypedResults.Ok(await volunteers.CorrectMineAsync(body, ct));

    private static async Task<NoContent> Withdraw(VolunteerService volunteers, CancellationToken ct)
    {
        await volunteers.WithdrawMineAsync(ct);
        return TypedResults.NoContent();
    }
}

public sealed record RevealResponse(PiiField Field, string Value);
