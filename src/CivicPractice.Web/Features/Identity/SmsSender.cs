using System.Net.Http.Json;
using CivicPractice.Domain.Identity;
using CivicPractice.Web.Data;
using CivicPractice.Web.Infrastructure;

namespace CivicPractice.Web.Features.Identity;

/// <summary>
/// <c>Civic:Sms</c>: which carrier delivers text messages. <c>Outbox</c> (Development and tests only) keeps them in the
/// console's outbox; <c>Http</c> posts them to an SMS gateway; <c>None</c> (the default outside Development) sends nothing
/// and says so at start.
/// </summary>
public sealed class SmsOptions
{
    public const string Outbox = "Outbox";
    public const string Http = "Http";
    public const string None = "None";

    public string Provider { get; set; } = None;
    public HttpGatewayOptions Gateway { get; set; } = new();

    public bool OutboxEnabled => string.Equals(Provider, Outbox, StringComparison.OrdinalIgnoreCase);
    public bool HttpEnabled => string.Equals(Provider, Http, StringComparison.OrdinalIgnoreCase);
    public bool Configured => OutboxEnabled || HttpEnabled;

    public sealed class HttpGatewayOptions
    {
        /// <summary>The gateway's endpoint; it receives <c>{ phone, template, parameters, text }</c> as JSON.</summary>
        public string? Url { get; set; }
        /// <summary>Sent as a bearer token.</summary>
        public string? ApiKey { get; set; }
    }

    public static SmsOptions From(IConfiguration configuration) => new()
    {
        Provider = configuration["Civic:Sms:Provider"] is { Length: > 0 } p ? p : None,
        Gateway = new HttpGatewayOptions { Url = configuration["Civic:Sms:Http:Url"], ApiKey = configuration["Civic:Sms:Http:ApiKey"] },
    };

    /// <summary>Refuses a configuration that would leak messages or cannot work; returns a warning to log, or null.</summary>
    public string? Check(IHostEnvironment environment)
    {
        if (OutboxEnabled && !(environment.IsDevelopment() || environment.IsEnvironment("Testing")))
        {
            throw new InvalidOperationException(
                "Civic:Sms:Provider=Outbox keeps every text (sign-in codes included) readable in the console and is for Development only. " +
                "Configure Civic:Sms:Provider=Http with Civic:Sms:Http:Url (and ApiKey), or None. / 开发短信发件箱只能在开发环境使用，请配置短信网关。");
        }
        if (HttpEnabled && !Uri.TryCreate(Gateway.Url, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException("Civic:Sms:Provider=Http needs Civic:Sms:Http:Url (an absolute URL). / 短信网关地址未配置。");
        }
        if (!Configured && !string.Equals(Provider, None, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Unknown Civic:Sms:Provider '{Provider}' (Outbox, Http or None). / 短信通道配置无效。");
        }
        return Configured ? null
            : "No SMS carrier is configured (Civic:Sms:Provider=None): sign-in codes, registration codes and notices cannot be delivered. " +
              "/ 未配置短信通道：验证码和通知短信无法发送，请配置 Civic:Sms:Provider=Http 与 Civic:Sms:Http:Url。";
    }
}

/// <summary>A text message as a carrier receives it: the template and its values, and the rendered text.</summary>
public sealed record SmsEnvelope(string Phone, SmsTemplate Template, IReadOnlyDictionary<string, string> Parameters, string Text);

/// <summary>A carrier: throws when the message was not accepted.</summary>
public interface ISmsGateway
{
    string Name { get; }
    Task SendAsync(SmsEnvelope message, CancellationToken ct);
}

/// <summary>Development: nothing leaves the machine; <see cref="SmsService"/> keeps the text in the outbox.</summary>
public sealed class OutboxSmsGateway : ISmsGateway
{
    public string Name => SmsOptions.Outbox;
    public Task SendAsync(SmsEnvelope message, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>Nothing is configured: every message is logged as not sent.</summary>
public sealed class NoSmsGateway : ISmsGateway
{
    public string Name => SmsOptions.None;
    public Task SendAsync(SmsEnvelope message, CancellationToken ct) => throw new SmsNotConfiguredException();
}

public sealed class SmsNotConfiguredException() : Exception("No SMS carrier is configured.");

/// <summary>
/// A carrier reached over HTTP: an SMS gateway (or a relay in front of a cloud SMS service) that takes
/// <c>POST {Url}</c> with a JSON body and answers 2xx when it accepted the message.
/// </summary>
public sealed class HttpSmsGateway(HttpClient http, SmsOptions options) : ISmsGateway
{
    public string Name => SmsOptions.Http;

    public async Task SendAsync(SmsEnvelope message, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Gateway.Url)
        {
            Content = JsonContent.Create(new { phone = message.Phone, template = message.Template.ToString(), parameters = message.Parameters, text = message.Text }),
        };
        if (!string.IsNullOrEmpty(options.Gateway.ApiKey)) request.Headers.Authorization = new("Bearer", options.Gateway.ApiKey);
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }
}

/// <summary>
/// Sends a templated text message through the configured carrier and writes the delivery log: recipient (masked),
/// template, status. The text itself is stored only in the development outbox.
/// </summary>
public sealed class SmsService(AppDbContext db, PiiProtector pii, ISmsGateway gateway, SmsOptions options, TimeProvider clock, ILogger<SmsService> logger)
{
    public bool CanDeliver => options.Configured;

    /// <returns>Whether the carrier accepted the message.</returns>
    public async Task<bool> SendAsync(Guid? countyId, string phone, SmsTemplate template, IReadOnlyDictionary<string, string> parameters, CancellationToken ct = default)
    {
        phone = MobileNumber.Normalize(phone);
        var text = SmsTexts.Render(template, parameters);
        SmsStatus status;
        try
        {
            await gateway.SendAsync(new SmsEnvelope(phone, template, parameters, text), ct);
            status = SmsStatus.Sent;
        }
        catch (SmsNotConfiguredException)
        {
            status = SmsStatus.NotConfigured;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "SMS gateway refused a {Template} message to {Phone}", template, MobileNumber.Mask(phone));
            status = SmsStatus.Failed;
        }
        db.SmsMessages.Add(new SmsMessage
        {
            CountyId = countyId,
            PhoneMasked = MobileNumber.Mask(phone),
            PhoneIndex = pii.PhoneIndex(phone),
            Template = template,
            Status = status,
            Provider = gateway.Name,
            Text = options.OutboxEnabled ? text : null,
            SentAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        return status == SmsStatus.Sent;
    }
}

/// <summary>The platform's message templates (a carrier registers the same wording under its own template codes).</summary>
public static class SmsTexts
{
    public const string Signature = "【文明实践云】";

    public static string Render(SmsTemplate template, IReadOnlyDictionary<string, string> p) => Signature + template switch
    {
        SmsTemplate.SignInCode => $"您的登录验证码是 {p["code"]}，{p["minutes"]} 分钟内有效。如非本人操作，请忽略本短信。",
        SmsTemplate.RegisterCode => $"您的志愿者注册验证码是 {p["code"]}，{p["minutes"]} 分钟内有效。如非本人操作，请忽略本短信。",
        SmsTemplate.PasswordCode => $"您正在设置登录密码，验证码是 {p["code"]}，{p["minutes"]} 分钟内有效。如非本人操作，请忽略本短信。",
        SmsTemplate.RoleGranted => $"{p["name"]}，您已被设为{p["unit"]}的{p["role"]}。请用本手机号以短信验证码登录，登录后可设置密码。",
        SmsTemplate.PasswordReset => $"{p["name"]}，管理员已重置您的登录密码，原密码已失效。请用本手机号以短信验证码登录后设置新密码。如有疑问请联系管理员。",
        _ => throw new ArgumentOutOfRangeException(nameof(template)),
    };

    public static string Label(SmsTemplate template) => template switch
    {
        SmsTemplate.SignInCode => "登录验证码",
        SmsTemplate.RegisterCode => "注册验证码",
        SmsTemplate.PasswordCode => "设置密码验证码",
        SmsTemplate.RoleGranted => "角色授予通知",
        SmsTemplate.PasswordReset => "密码重置通知",
        _ => "其他",
    };

    public static string Label(SmsStatus status) => status switch
    {
        SmsStatus.Sent => "已发送",
        SmsStatus.Failed => "发送失败",
        SmsStatus.NotConfigured => "未发送（未配置短信通道）",
        _ => "未知",
    };
}
