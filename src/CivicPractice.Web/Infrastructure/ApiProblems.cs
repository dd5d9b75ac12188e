using System.ComponentModel.DataAnnotations;
using CivicPractice.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CivicPractice.Web.Infrastructure;

/// <summary>
/// Errors as RFC 9457 ProblemDetails with Chinese titles and details. Domain refusals become 400/409,
/// unreadable requests 400; anything else is logged and answered 500 without internals.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            DomainException d => (d.Kind == DomainErrorKind.Conflict ? 409 : 400, d.Kind == DomainErrorKind.Conflict ? "操作与当前状态冲突" : "提交的数据有误", d.Message),
            NotFoundException n => (404, "未找到", n.Message),
            BadHttpRequestException b => (b.StatusCode, "请求格式不正确", "请求内容无法识别，请检查后重试。"),
            _ => (500, "服务器内部错误", "系统繁忙，请稍后再试。"),
        };
        var http = httpContext;
        if (status >= 500) logger.LogError(exception, "Unhandled error on {Path}", http.Request.Path);
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}

public static class ApiProblems
{
    public static ProblemHttpResult NotFound(string what = "记录") =>
        TypedResults.Problem(statusCode: 404, title: "未找到", detail: $"{what}不存在，或您无权查看。");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: 409, title: "操作与当前状态冲突", detail: detail);

    public static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(statusCode: 400, title: "提交的数据有误", detail: detail);

    /// <summary>Chinese titles for the bare status codes the framework answers by itself (401, 403, 404, 405 …).</summary>
    public static void Localize(ProblemDetailsContext context)
    {
        var pd = context.ProblemDetails;
        pd.Title = pd.Status switch
        {
            400 when pd.Title is null or "Bad Request" or "One or more validation errors occurred." => "提交的数据有误",
            401 => "请先登录",
            403 => "没有权限",
            404 when pd.Title is null or "Not Found" => "未找到",
            405 => "不支持该请求方法",
            415 => "请求内容类型不受支持",
            _ => pd.Title,
        };
        if (pd.Status == 401) pd.Detail ??= "登录已失效，请重新登录。";
        if (pd.Status == 403) pd.Detail ??= "您没有执行此操作的权限。";
        if (pd.Status == 404) pd.Detail ??= "请求的资源不存在。";
        pd.Type = null;
    }
}

/// <summary>Validates the request body by its DataAnnotations before the handler runs; one filter for every write endpoint.</summary>
public sealed class ValidationFilter<T> : IEndpointFilter where T : class
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var body = context.Arguments.OfType<T>().FirstOrDefault();
        if (body is null) return ApiProblems.Invalid("请求内容不能为空。");
        var errors = Validate(body);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "提交的数据有误", detail: errors.First().Value[0]);
        }
        return await next(context);
    }

    /// <summary>Normalises the body's text in place (<see cref="TextInput"/>), then checks it: text refusals first, then DataAnnotations.</summary>
    public static Dictionary<string, string[]> Validate(object body)
    {
        var textErrors = TextInput.NormalizeAndCheck(body);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(body, new ValidationContext(body), results, validateAllProperties: true);
        return results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => (Member: m, r.ErrorMessage)))
            .GroupBy(x => x.Member)
            .Where(g => !textErrors.ContainsKey(g.Key))
            .Aggregate(textErrors, (errors, g) =>
            {
                errors[g.Key] = [.. g.Select(x => x.ErrorMessage ?? "无效的值")];
                return errors;
            });
    }
}

public static class ValidationFilterExtensions
{
    public static RouteHandlerBuilder Validates<T>(this RouteHandlerBuilder route) where T : class =>
        route.AddEndpointFilter<ValidationFilter<T>>().ProducesValidationProblem();
}
