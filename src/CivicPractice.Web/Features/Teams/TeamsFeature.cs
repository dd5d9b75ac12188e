using CivicPractice.Domain.Teams;
using CivicPractice.Web.Components.Layout;
using CivicPractice.Web.Features.Identity;
using CivicPractice.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CivicPractice.Web.Features.Teams;

/// <summary>志愿服务队伍 under /api/v1/teams (managers) and /api/v1/me/teams (the volunteer).</summary>
public static class TeamsFeature
{
    public static WebApplicationBuilder AddTeams(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<TeamService>();
        builder.Services.AddScoped<Demo.IDemoContributor, TeamDemoContributor>();
        builder.Services.AddAdminMenu(new(50, "志愿服务队伍", "/admin/teams", "fa-solid fa-people-group", Policies.TeamManager));
        return builder;
    }

    public static WebApplication MapTeams(this WebApplication app)
    {
        var admin = app.MapGroup("/api/v1/teams").WithTags("志愿服务队伍").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", List).WithSummary("查询队伍");
        admin.MapPost("/", Create).WithSummary("新建队伍").Validates<CreateTeamRequest>();
        admin.MapPost("/{id:guid}/deactivate", Deactivate).WithSummary("解散队伍");

        // Team leaders manage their own team too; the service decides per team and answers 404 to anyone else.
        var managed = app.MapGroup("/api/v1/teams").WithTags("志愿服务队伍").RequireAuthorization(Policies.SignedIn);
        managed.MapGet("/{id:guid}", Get).WithSummary("查看队伍");
        managed.MapPut("/{id:guid}", Update).WithSummary("修改队伍").Validates<TeamForm>();
        managed.MapGet("/{id:guid}/members", Members).WithSummary("查询队员");
        managed.MapPost("/{id:guid}/members", Add).WithSummary("添加队员").Validates<AddMemberRequest>();
        managed.MapPost("/{id:guid}/members/{memberId:guid}/approve", Approve).WithSummary("批准入队申请");
        managed.MapPost("/{id:guid}/members/{memberId:guid}/remove", Remove).WithSummary("移出队员");
        managed.MapPut("/{id:guid}/members/{memberId:guid}", Assign).WithSummary("设置队员职务").Validates<AssignMemberRequest>();
        managed.MapGet("/{id:guid}/roster", Roster).WithSummary("导出队伍名册");
        // Multipart upload from API clients; CrossSiteRequests refuses it without X-Requested-With or from another site.
        managed.MapPost("/{id:guid}/logo", UploadLogo).WithSummary("上传队徽").AcceptsFile("队徽图片（PNG 或 JPEG），小于 1 MB。").DisableAntiforgery();
        app.MapGet("/api/v1/teams/{id:guid}/logo", Logo).WithSummary("查看队徽").WithTags("志愿服务队伍").AllowAnonymous().ServesStoredFiles();

        var me = app.MapGroup("/api/v1/me/teams").WithTags("我的队伍").RequireAuthorization(Policies.SignedIn);
        me.MapGet("/", Mine).WithSummary("查看我的队伍");
        me.MapPost("/{teamId:guid}/apply", Apply).WithSummary("申请加入队伍");
        me.MapPost("/memberships/{memberId:guid}/accept", Accept).WithSummary("接受入队邀请");
        me.MapPost("/memberships/{memberId:guid}/leave", Leave).WithSummary("退出队伍");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<TeamDto>>> List(TeamService teams, bool? includeInactive, CancellationToken ct) =>
        TypedResults.Ok(await teams.SubtreeAsync(includeInactive ?? false, ct));

    private static async Task<Created<TeamDto>> Create(TeamService teams, CreateTeamRequest body, CancellationToken ct)
    {
        var team = await teams.CreateAsync(body, ct);
        return TypedResults.Created($"/api/v1/teams/{team.Id}", team);
    }

    private static async Task<Ok<TeamDto>> Deactivate(TeamService teams, Guid id, CancellationToken ct) => TypedResults.Ok(await teams.DeactivateAsync(id, ct));

    private static async Task<Ok<TeamDto>> Get(TeamService teams, Guid id, CancellationToken ct) => TypedResults.Ok(await teams.GetAsync(id, ct));

    private static async Task<Ok<TeamDto>> Update(TeamService teams, Guid id, TeamForm body, CancellationToken ct) => TypedResults.Ok(await teams.UpdateAsync(id, body, ct));

    private static async Task<Ok<Paged<TeamMemberRow>>> Members(TeamService teams, Guid id, MembershipStatus? status, string? q, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await teams.MembersAsync(id, status, q, page, pageSize, ct));

    private static async Task<Ok<TeamMemberRow>> Add(TeamService teams, Guid id, AddMemberRequest body, CancellationToken ct) => TypedResults.Ok(await teams.AddAsync(id, body, ct));

    private static async Task<Ok<TeamMemberRow>> Approve(TeamService teams, Guid id, Guid memberId, CancellationToken ct) => TypedResults.Ok(await teams.ApproveAsync(id, memberId, ct));

    private static async Task<Ok<TeamMemberRow>> Remove(TeamService teams, Guid id, Guid memberId, CancellationToken ct) => TypedResults.Ok(await teams.RemoveAsync(id, memberId, ct));

    private static async Task<Ok<TeamMemberRow>> Assign(TeamService teams, Guid id, Guid memberId, AssignMemberRequest body, CancellationToken ct) =>
        TypedResults.Ok(await teams.AssignAsync(id, memberId, body, ct));

    private static async Task<FileContentHttpResult> Roster(TeamService teams, Guid id, CancellationToken ct) =>
        TypedResults.File(await teams.RosterAsync(id, ct), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "队伍名册.xlsx");

    private static async Task<Results<Ok<TeamDto>, ProblemHttpResult>> UploadLogo(TeamService teams, Guid id, HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType) return ApiProblems.Invalid("请以表单方式上传图片（字段名 file）。");
        var file = (await request.ReadFormAsync(ct)).Files.GetFile("file");
        if (file is null || file.Length == 0) return ApiProblems.Invalid("请选择队徽图片。");
        if (file.Length > TeamService.MaxLogoBytes) return ApiProblems.Invalid("队徽图片须小于 1 MB。");
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return TypedResults.Ok(await teams.SetLogoAsync(id, buffer.ToArray(), ct));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Logo(TeamService teams, Guid id, CancellationToken ct) =>
        await teams.LogoAsync(id, ct) is { } logo ? TypedResults.File(logo.Content, logo.ContentType) : ApiProblems.NotFound("队徽");

    private static async Task<Ok<IReadOnlyList<MyMembership>>> Mine(TeamService teams, CancellationToken ct) => TypedResults.Ok(await teams.MineAsync(ct));

    private static async Task<Ok<MyMembership>> Apply(TeamService teams, Guid teamId, CancellationToken ct) => TypedResults.Ok(await teams.ApplyAsync(teamId, ct));

    private static async Task<Ok<MyMembership>> Accept(TeamService teams, Guid memberId, CancellationToken ct) => TypedResults.Ok(await teams.AcceptAsync(memberId, ct));

    private static async Task<NoContent> Leave(TeamService teams, Guid memberId, CancellationToken ct)
    {
        await teams.LeaveAsync(memberId, ct);
        return TypedResults.NoContent();
    }
}
