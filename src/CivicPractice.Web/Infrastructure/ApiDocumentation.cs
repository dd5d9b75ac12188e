using System.Reflection;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace CivicPractice.Web.Infrastructure;

/// <summary>
/// The OpenAPI document (/openapi/v1.json), described in one place from what the endpoints already declare: an
/// operationId from the handler's name (<c>Volunteers_List</c>), the session cookie as security scheme, and the errors
/// each operation can answer, as ProblemDetails — 401 where a policy applies, 403 where the policy needs more than a
/// signed-in person and on every write (<see cref="CrossSiteRequests"/>), 404 where an id in the path, query or body names a record, 429 where a
/// rate limit applies. Each endpoint states its own Chinese summary (<c>WithSummary</c>) and the errors only its
/// handler knows (<c>ProducesProblem</c>); file uploads say so with <see cref="AcceptsFile"/>.
/// </summary>
public static class ApiDocumentation
{
    public const string CookieScheme = "cookie";
    private const string ProblemSchema = "ProblemDetails";

    /// <summary>Tag descriptions; a tag not listed here has none (Redocly warns).</summary>
    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["登录"] = "登录、退出、当前用户与本人密码。",
        ["组织架构"] = "县（区）新时代文明实践中心、所、站的组织树与阵地（管理员，限本人管辖范围）。",
        ["账号与权限"] = "管理员账号的任命、撤销、解锁与重置密码。",
        ["志愿者注册"] = "公众自助注册志愿者（无需登录，手机号以短信验证码证明）。",
        ["志愿者"] = "志愿者的录入、审核、查询、导入与导出（管理员，限本人管辖范围）。",
        ["我的志愿者信息"] = "本人的志愿者信息：查看、更正、导出与注销。",
        ["志愿服务队伍"] = "志愿服务队伍及其成员（管理员与队长）。",
        ["我的队伍"] = "本人加入、申请与退出的队伍。",
        ["县（区）设置"] = "县（区）级设置与选项列表（县级管理员）。",
        ["审计日志"] = "操作审计记录（县级管理员）。",
    };

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer(DescribeDocumentAsync);
        options.AddOperationTransformer(DescribeOperationAsync);
    }

    /// <summary>
    /// The API reference at /docs (Scalar), for a network that reaches only this site: no fonts, telemetry, AI chat,
    /// MCP or hosted client from the vendor's servers, no developer toolbar, in Chinese. The vendor's remaining offers, which the bundle
    /// shows on a loopback host whatever the options (the SDK generator, "Powered by Scalar"), are hidden by style.
    /// </summary>
    public static void ConfigureReference(ScalarOptions options, HttpContext http) => options
        .WithTitle("文明实践云 API 文档")
        .WithOpenApiRoutePattern("/openapi/{documentName}.json")
        .WithNonce(Hardening.Nonce(http))
        .WithLocalization(new ScalarLocalizationOptions { Locale = "zh-CN" })
        .DisableDefaultFonts()
        .DisableTelemetry()
        .DisableAgent()
        .DisableMcp()
        .HideDeveloperTools()
        .HideClientButton() // it opens the vendor's hosted client; "Test Request" uses the embedded one
        .WithCustomCss(VendorOffersHidden);

    /// <summary>The SDK generator's buttons (client libraries card, operation footers) and every link to the vendor's site ("Powered by Scalar").</summary>
    private const string VendorOffersHidden =
        ".selected-client-action, .generate-sdk-button, a[href*=\"scalar.com\"] { display: none !important; }";

    /// <summary>The endpoint takes one file as the <c>multipart/form-data</c> field <c>file</c> and refuses a missing or bad one with 400.</summary>
    public static RouteHandlerBuilder AcceptsFile(this RouteHandlerBuilder route, string description) =>
        route.WithMetadata(new FileUpload(description)).ProducesProblem(StatusCodes.Status400BadRequest);

    private sealed record FileUpload(string Description);

    private static async Task DescribeDocumentAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "文明实践云 API";
        document.Info.Version = "v1";
        document.Info.Description = "以登录后的 Cookie 认证。所有写操作（POST、PUT、DELETE）须携带请求头 `X-Requested-With: XMLHttpRequest`"
            + "（JSON 请求体的请求可免），且不得来自其他站点，否则返回 403。登录与短信验证码接口按 IP 和手机号限流，超出返回 429。"
            + "错误均以 ProblemDetails（application/problem+json）返回，`detail` 为中文说明。";
        // The server the document was fetched from, without the trailing slash clients would double.
        foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');

        var cookie = context.ApplicationServices.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(IdentityConstants.ApplicationScheme).Cookie.Name;
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = cookie,
            Description = "登录（`/api/v1/auth/login` 或 `/api/v1/auth/sms-login`）成功后服务器设置的会话 Cookie，30 分钟无操作失效。",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(ProblemSchema))
        {
            document.Components.Schemas[ProblemSchema] = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, ct);
        }
        foreach (var tag in document.Tags ?? Enumerable.Empty<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description)) tag.Description ??= description;
        }
    }

    private static async Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var api = context.Description;
        var metadata = api.ActionDescriptor.EndpointMetadata;
        operation.OperationId ??= OperationId(metadata.OfType<MethodInfo>().FirstOrDefault());

        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        var secured = authorize.Count > 0 && !metadata.OfType<IAllowAnonymous>().Any();
        // An empty requirement states "no credentials needed", so an open operation is told apart from one that forgot to say.
        operation.Security = [secured
            ? new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, context.Document)] = [] }
            : new OpenApiSecurityRequirement()];
        if (secured) AddProblem(operation, context, StatusCodes.Status401Unauthorized, "未登录，或登录已失效。");

        var write = !HttpMethods.IsGet(api.HttpMethod ?? "GET") && api.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
        if (write || secured && await NeedsMoreThanSignInAsync(authorize, context.ApplicationServices))
        {
            AddProblem(operation, context, StatusCodes.Status403Forbidden,
                write ? "没有权限；或写请求来自其他站点、未携带 X-Requested-With 请求头。" : "没有权限。");
        }
        if (NamesARecord(api))
        {
            AddProblem(operation, context, StatusCodes.Status404NotFound, "记录不存在，或不在您的管辖范围内。");
        }
        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            AddProblem(operation, context, StatusCodes.Status429TooManyRequests, "请求过于频繁，请稍后再试。");
        }
        if (metadata.OfType<FileUpload>().FirstOrDefault() is { } upload)
        {
            operation.RequestBody = FileBody(upload.Description);
        }
        foreach (var (status, response) in operation.Responses ?? [])
        {
            // The framework describes errors in English ("Bad Request"); the reader of this document reads Chinese.
            if (response is OpenApiResponse r && Descriptions.TryGetValue(status, out var text)
                && (string.IsNullOrEmpty(r.Description) || r.Description == ReasonPhrase(status)))
            {
                r.Description = text;
            }
        }
    }

    private static readonly Dictionary<string, string> Descriptions = new()
    {
        ["200"] = "成功。",
        ["201"] = "已创建。",
        ["204"] = "成功，无返回内容。",
        ["400"] = "提交的数据有误。",
        ["401"] = "未登录，或登录已失效。",
        ["403"] = "没有权限。",
        ["404"] = "记录不存在，或不在您的管辖范围内。",
        ["409"] = "操作与当前状态冲突。",
        ["429"] = "请求过于频繁，请稍后再试。",
    };

    private static string? ReasonPhrase(string status) =>
        int.TryParse(status, out var code) ? Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(code) : null;

    /// <summary><c>VolunteersFeature.List</c> → <c>Volunteers_List</c>; a lambda has no name to give.</summary>
    private static string? OperationId(MethodInfo? handler) =>
        handler?.DeclaringType is { } type && !handler.Name.Contains('<', StringComparison.Ordinal)
            ? $"{type.Name.Replace("Feature", "", StringComparison.Ordinal)}_{handler.Name}"
            : null;

    /// <summary>An id in the path, the query or the body: the record may not exist, or lie outside the caller's scope (the data filters answer both alike).</summary>
    private static bool NamesARecord(ApiDescription api) =>
        api.ParameterDescriptions.Any(p => IsId(p.Type)
            || p.Source == BindingSource.Body && p.Type is { } body && body.GetProperties().Any(property => IsId(property.PropertyType)));

    private static bool IsId(Type? type) => type is not null && (Nullable.GetUnderlyingType(type) ?? type) == typeof(Guid);

    private static async Task<bool> NeedsMoreThanSignInAsync(IEnumerable<IAuthorizeData> authorize, IServiceProvider services)
    {
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        foreach (var data in authorize)
        {
            if (!string.IsNullOrEmpty(data.Roles)) return true;
            var policy = data.Policy is null ? await policies.GetDefaultPolicyAsync() : await policies.GetPolicyAsync(data.Policy);
            if (policy is null || policy.Requirements.Any(r => r is not DenyAnonymousAuthorizationRequirement)) return true;
        }
        return false;
    }

    private static void AddProblem(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description)
    {
        operation.Responses ??= [];
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses.ContainsKey(key)) return; // the endpoint described it itself (ProducesProblem)
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) },
            },
        };
    }

    private static OpenApiRequestBody FileBody(string description) => new()
    {
        Required = true,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["multipart/form-data"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { "file" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = description },
                    },
                },
            },
        },
    };
}
