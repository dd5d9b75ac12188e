using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CivicPractice.Domain.Identity;
using CivicPractice.Web.Components.Layout;
using CivicPractice.Web.Data;
using CivicPractice.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CivicPractice.Web.Features.Identity;

public static class IdentityFeature
{
    public const string LoginPath = "/account/login";

    public static WebApplicationBuilder AddIdentityFeature(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentity<AppUser, IdentityRole<Guid>>(o =>
            {
                o.User.AllowedUserNameCharacters = "";
                o.Password.RequiredLength = PasswordRules.MinLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddClaimsPrincipalFactory<CivicClaimsFactory>()
            .AddPasswordValidator<CharacterClassPasswordValidator>()
            .AddDefaultTokenProviders();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "civic.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = Hardening.CookieSecurity(builder.Environment);
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30); // idle timeout
            o.SlidingExpiration = true;
            o.LoginPath = LoginPath;
            o.AccessDeniedPath = "/account/denied";
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
            // The login page decides where to land (by role, from a checked return URL); the handler must not redirect on its own.
            o.Events.OnRedirectToReturnUrl = _ => Task.CompletedTask;
            o.Events.OnValidatePrincipal = SessionValidator.ValidatePrincipalAsync;
        });
        services.AddAuthorization(Policies.Register);
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, CircuitSessionRevalidator>();
        services.AddScoped<SignInService>();
        services.AddScoped<VerificationCodes>();
        services.AddScoped<PasswordAttempts>();
        services.AddScoped<AccountService>();
        services.AddScoped<OwnPassword>();
        var sms = SmsOptions.From(builder.Configuration);
        services.AddSingleton(sms);
        services.AddScoped<SmsService>();
        if (sms.HttpEnabled) services.AddHttpClient<ISmsGateway, HttpSmsGateway>(c => c.Timeout = TimeSpan.FromSeconds(10));
        else if (sms.OutboxEnabled) services.AddSingleton<ISmsGateway, OutboxSmsGateway>();
        else services.AddSingleton<ISmsGateway, NoSmsGateway>();
        services.AddScoped<CircuitHandler, ScopeCircuitHandler>();
        services.AddAdminMenu(new(10, "工作台", "/admin", "fa-solid fa-house", Policies.Admin));
        services.AddAdminMenu(new(90, sms.OutboxEnabled ? "短信发件箱" : "短信记录", "/admin/sms", "fa-solid fa-envelope", Policies.CountyAdmin));
        return builder;
    }

    /// <summary>API callers get a status code (and ProblemDetails), browsers a redirect to the login page.</summary>
    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Fills the request's <see cref="CurrentScope"/> from the signed-in principal.</summary>
    public static IApplicationBuilder UseCurrentScope(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var scope = http.RequestServices.GetRequiredService<CurrentScope>();
        scope.SetFromPrincipal(http.User);
        scope.IpAddress = http.Connection.RemoteIpAddress?.ToString();
        await next(http);
    });

    public static WebApplication MapIdentity(this WebApplication app)
    {
        // A leaking or unusable SMS set-up stops the start; a missing carrier is said loudly.
        if (app.Services.GetRequiredService<SmsOptions>().Check(app.Environment) is { } warning) app.Logger.LogWarning("{Warning}", warning);
        var auth = app.MapGroup("/api/v1/auth").WithTags("登录");
        auth.MapPost("/login", Login).WithSummary("用密码登录").ProducesProblem(StatusCodes.Status401Unauthorized).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn).Validates<LoginRequest>();
        auth.MapPost("/sms-code", SendCode).WithSummary("发送登录验证码").AllowAnonymous().RequireRateLimiting(RateLimits.Sms).Validates<SmsCodeRequest>();
        auth.MapPost("/sms-login", SmsLogin).WithSummary("用短信验证码登录").ProducesProblem(StatusCodes.Status401Unauthorized).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn).Validates<SmsLoginRequest>();
        auth.MapPost("/logout", ApiLogout).WithSummary("退出登录").RequireAuthorization(Policies.SignedIn);
        app.MapGet("/api/v1/me", Me).WithSummary("查看当前用户").WithTags("登录").RequireAuthorization(Policies.SignedIn);
        var password = app.MapGroup("/api/v1/me/password").WithTags("登录").RequireAuthorization(Policies.SignedIn);
        password.MapPost("/code", SendPasswordCode).WithSummary("发送改密验证码").ProducesProblem(StatusCodes.Status429TooManyRequests);
        password.MapPost("/", ChangePassword).WithSummary("设置本人密码").Validates<ChangePasswordRequest>();
        // The console's sign-out button: a plain form post carrying the anti-forgery token.
        app.MapPost("/account/logout", FormLogout).RequireAuthorization(Policies.SignedIn).ExcludeFromDescription();
        return app;
    }

    public sealed class LoginRequest
    {
        [Required(ErrorMessage = "请输入手机号。")]
        [RegularExpression(@"^\s*(\+86|0086)?\s*1[3-9]\d{9}\s*$", ErrorMessage = MobileNumber.Invalid)]
        public string? Phone { get; set; }

        [Required(ErrorMessage = "请输入密码。")]
        [StringLength(128, ErrorMessage = "密码过长。")]
        [DataType(DataType.Password)]
        public string? Password { get; set; }
    }

    public sealed class SmsCodeRequest
    {
        [Required(ErrorMessage = "请输入手机号。")]
        [RegularExpression(@"^\s*(\+86|0086)?\s*1[3-9]\d{9}\s*$", ErrorMessage = MobileNumber.Invalid)]
        public string? Phone { get; set; }
    }

    public sealed class SmsLoginRequest
    {
        [Required(ErrorMessage = "请输入手机号。")]
        [RegularExpression(@"^\s*(\+86|0086)?\s*1[3-9]\d{9}\s*$", ErrorMessage = MobileNumber.Invalid)]
        public string? Phone { get; set; }

        [Required(ErrorMessage = "请输入验证码。")]
        [RegularExpression(@"^\d{6}$", ErrorMessage = "验证码为 6 位数字。")]
        public string? Code { get; set; }
    }

    /// <param name="LeadsTeam">Leads (or deputises for) an active team, and so may use the team console.</param>
    public sealed record MeDto(Guid UserId, string Name, string PhoneMasked, Guid CountyId, string? Role, string? RoleName, Guid? UnitId, bool LeadsTeam);

    private static async Task<Results<Ok<MeDto>, ProblemHttpResult>> Login(LoginRequest body, SignInService signIn, PhoneRateLimiter limits, HttpContext http)
    {
        if (!limits.TrySignIn(body.Phone!)) return RateLimits.TooMany();
        var outcome = await signIn.PasswordAsync(body.Phone!, body.Password!);
        if (!outcome.Succeeded) return Unauthorized(outcome);
        var user = await signIn.FindByPhoneAsync(body.Phone!);
        return TypedResults.Ok(await DescribeAsync(user!, http));
    }

    private static async Task<Results<Ok, ProblemHttpResult>> SendCode(SmsCodeRequest body, SignInService signIn)
    {
        var error = await signIn.SendCodeAsync(body.Phone!);
        return error is null ? TypedResults.Ok() : TypedResults.Problem(statusCode: 429, title: RateLimits.Title, detail: error);
    }

    private static async Task<Results<Ok<MeDto>, ProblemHttpResult>> SmsLogin(SmsLoginRequest body, SignInService signIn, PhoneRateLimiter limits, HttpContext http)
    {
        if (!limits.TrySignIn(body.Phone!)) return RateLimits.TooMany();
        var outcome = await signIn.SmsCodeAsync(body.Phone!, body.Code!);
        if (!outcome.Succeeded) return Unauthorized(outcome);
        var user = await signIn.FindByPhoneAsync(body.Phone!);
        return TypedResults.Ok(await DescribeAsync(user!, http));
    }

    private static ProblemHttpResult Unauthorized(SignInOutcome outcome) => TypedResults.Problem(
        statusCode: 401, title: outcome.LockedOut ? "账号已锁定" : "登录失败", detail: outcome.Error,
        extensions: new Dictionary<string, object?> { ["lockedOut"] = outcome.LockedOut });

    private static async Task<NoContent> ApiLogout(SignInService signIn, UserManager<AppUser> users, ClaimsPrincipal principal)
    {
        await signIn.SignOutAsync(await users.GetUserAsync(principal));
        return TypedResults.NoContent();
    }

    private static async Task<RedirectHttpResult> FormLogout(SignInService signIn, UserManager<AppUser> users, ClaimsPrincipal principal, [FromForm] string? returnUrl)
    {
        await signIn.SignOutAsync(await users.GetUserAsync(principal));
        return TypedResults.LocalRedirect(returnUrl == "expired" ? LoginPath + "?expired=true" : LoginPath);
    }

    /// <summary>Sends a code to the signed-in person's own phone, for setting a password without the old one.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> SendPasswordCode(UserManager<AppUser> users, OwnPassword own, ClaimsPrincipal principal, CancellationToken ct)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null) return ApiProblems.NotFound("用户");
        var error = await own.SendCodeAsync(user, ct);
        return error is null ? TypedResults.NoContent() : TypedResults.Problem(statusCode: 429, title: RateLimits.Title, detail: error);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangePassword(UserManager<AppUser> users, OwnPassword own, ClaimsPrincipal principal, ChangePasswordRequest body, CancellationToken ct)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null) return ApiProblems.NotFound("用户");
        await own.ChangeAsync(user, body, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<MeDto>, ProblemHttpResult>> Me(UserManager<AppUser> users, HttpContext http)
    {
        var user = await users.GetUserAsync(http.User);
        return user is null ? ApiProblems.NotFound("用户") : TypedResults.Ok(await DescribeAsync(user, http));
    }

    private static Task<MeDto> DescribeAsync(AppUser user, HttpContext http)
    {
        // After a fresh sign-in the request's principal is still anonymous: rebuild it the way the cookie will carry it.
        var factory = http.RequestServices.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>();
        return Describe();

        async Task<MeDto> Describe()
        {
            var principal = http.User.Identity?.IsAuthenticated == true ? http.User : await factory.CreateAsync(user);
            var role = principal.FindFirstValue(CivicClaims.Role);
            return new MeDto(user.Id, user.DisplayName, user.PhoneMasked, user.CountyId, role,
                Enum.TryParse<RoleKind>(role, out var r)
                    ? Enum.TryParse<Domain.Organization.OrgUnitType>(principal.FindFirstValue(CivicClaims.UnitType), out var type) ? RoleLabels.Of(r, type) : RoleLabels.Of(r)
                    : null,
                Guid.TryParse(principal.FindFirstValue(CivicClaims.Unit), out var unit) ? unit : null, Policies.LeadsTeam(principal));
        }
    }
}

/// <summary>
/// Interactive components run outside an HTTP request: take the scope from the circuit's authentication state,
/// and follow it when it changes, so a person signed out by <see cref="CircuitSessionRevalidator"/> keeps no role or
/// subtree in the circuit either.
/// </summary>
public sealed class ScopeCircuitHandler(AuthenticationStateProvider auth, CurrentScope scope) : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var state = await auth.GetAuthenticationStateAsync();
        scope.SetFromPrincipal(state.User);
        auth.AuthenticationStateChanged += Follow;
    }

    private void Follow(Task<AuthenticationState> state)
    {
        // Closed until the new state is known (a sign-out arrives as a finished task).
        scope.SetFromPrincipal(state.IsCompletedSuccessfully ? state.Result.User : new ClaimsPrincipal());
        if (!state.IsCompleted) _ = state.ContinueWith(t => scope.SetFromPrincipal(t.Result.User), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    public void Dispose() => auth.AuthenticationStateChanged -= Follow;
}
