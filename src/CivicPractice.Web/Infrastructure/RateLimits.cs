using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CivicPractice.Web.Infrastructure;

/// <summary>One limit: at most <see cref="PermitLimit"/> attempts per <see cref="WindowSeconds"/> (a sliding window).</summary>
public sealed class RateLimitRule
{
    public int PermitLimit { get; set; }
    public int WindowSeconds { get; set; }
}

/// <summary>
/// <c>Civic:RateLimits</c>. The defaults are the production limits: generous per address (a station's office,
/// a registration drive on one Wi-Fi and a carrier's NAT share one), tight per phone number.
/// </summary>
public sealed class RateLimitOptions
{
    public RateLimitRule SignInPerIp { get; set; } = new() { PermitLimit = 60, WindowSeconds = 60 };
    public RateLimitRule SignInPerPhone { get; set; } = new() { PermitLimit = 10, WindowSeconds = 900 };
    public RateLimitRule SmsPerIp { get; set; } = new() { PermitLimit = 60, WindowSeconds = 600 };
    public RateLimitRule SmsPerPhone { get; set; } = new() { PermitLimit = 5, WindowSeconds = 3600 };

    /// <summary>
    /// Seat transactions (sign-up, cancellation) running at once per instance; the rest wait their turn in arrival
    /// order. They queue on the activity's row lock anyway: past this many, more would only hold database connections
    /// while waiting (a crowd of 500 would exhaust PostgreSQL's connections and fail instead of waiting).
    /// </summary>
    public int SeatTransactions { get; set; } = 16;

    public IReadOnlyDictionary<string, RateLimitRule> Rules => new Dictionary<string, RateLimitRule>
    {
        [nameof(SignInPerIp)] = SignInPerIp,
        [nameof(SignInPerPhone)] = SignInPerPhone,
        [nameof(SmsPerIp)] = SmsPerIp,
        [nameof(SmsPerPhone)] = SmsPerPhone,
    };
}

/// <summary>
/// Limits on password guessing and SMS pumping. Per client address: ASP.NET Core's rate-limiting middleware, as
/// the policies <see cref="SignIn"/> and <see cref="Sms"/> on the sign-in and code endpoints and on the POSTs of the
/// pages that do the same (GETs are never limited). Per phone number: <see cref="PhoneRateLimiter"/>, asked where
/// the number is known (the endpoints, the login page, <c>VerificationCodes</c>). Refusals are 429 with a Chinese
/// ProblemDetails (API) or text (pages).
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Sms = "sms";
    public const string Seats = "seats";
    public const string Title = "请求过于频繁";
    public const string Detail = "操作过于频繁，请稍后再试。";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Civic:RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<PhoneRateLimiter>();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) => RejectAsync(context.HttpContext, context.Lease);
            o.AddPolicy(SignIn, http => PerClient(http, options.SignInPerIp));
            o.AddPolicy(Sms, http => PerClient(http, options.SmsPerIp));
            o.AddPolicy(Seats, _ => RateLimitPartition.GetConcurrencyLimiter("", _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = Math.Max(1, options.SeatTransactions),
                QueueLimit = 100_000,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            }));
        });
        return builder;
    }

    public static ProblemHttpResult TooMany() => TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: Title, detail: Detail);

    internal static SlidingWindowRateLimiterOptions Window(RateLimitRule rule) => new()
    {
        PermitLimit = Math.Max(1, rule.PermitLimit),
        Window = TimeSpan.FromSeconds(Math.Max(1, rule.WindowSeconds)),
        SegmentsPerWindow = 6,
        QueueLimit = 0,
    };

    private static RateLimitPartition<string> PerClient(HttpContext http, RateLimitRule rule) =>
        HttpMethods.IsPost(http.Request.Method)
            ? RateLimitPartition.GetSlidingWindowLimiter(ClientKey(http.Connection.RemoteIpAddress), _ => Window(rule))
            : RateLimitPartition.GetNoLimiter("");

    /// <summary>The client's address (after forwarded headers); an IPv6 client by its /64, which one household or phone holds whole.</summary>
    private static string ClientKey(IPAddress? address)
    {
        if (address is null) return "";
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4().ToString();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static async ValueTask RejectAsync(HttpContext http, RateLimitLease lease)
    {
        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = Title, Detail = Detail },
            });
            return;
        }
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(Detail + "\n");
    }
}

/// <summary>Per phone number (by its blind index, never in clear): sign-in attempts and texts sent.</summary>
public sealed class PhoneRateLimiter(RateLimitOptions options, PiiProtector pii) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _signIn = Create(options.SignInPerPhone);
    private readonly PartitionedRateLimiter<string> _texts = Create(options.SmsPerPhone);

    /// <summary>Takes one sign-in attempt for the phone; false once its attempts are spent.</summary>
    public bool TrySignIn(string phone) => Acquire(_signIn, pii.PhoneIndex(phone));

    /// <summary>Takes one text for the phone (by blind index); false once its texts are spent.</summary>
    public bool TrySendText(string phoneIndex) => Acquire(_texts, phoneIndex);

    public void Dispose()
    {
        _signIn.Dispose();
        _texts.Dispose();
    }

    private static PartitionedRateLimiter<string> Create(RateLimitRule rule) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => RateLimits.Window(rule)));

    private static bool Acquire(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }
}
