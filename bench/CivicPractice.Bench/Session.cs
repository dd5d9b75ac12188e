using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CivicPractice.Bench;

/// <summary>The demo accounts the platform's <c>seed</c> command creates (see DemoSeeder).</summary>
public static class DemoLogins
{
    public const string Password = "Demo@2026";
    public const string CountyAdmin = "13800000001";
    public const string StationAdmin = "13800000003";
}

/// <summary>
/// A signed-in session, made once by the platform's real password sign-in (<c>POST /api/v1/auth/login</c>) and shared
/// by every connection of a run. The cookies are kept by hand: in Production they are <c>Secure</c>, which a cookie
/// container would not send over the bench's plain loopback HTTP.
/// </summary>
public sealed class Session
{
    private readonly string _cookie;

    private Session(string cookie, Guid countyId, Guid? unitId)
    {
        _cookie = cookie;
        CountyId = countyId;
        UnitId = unitId;
    }

    public Guid CountyId { get; }

    /// <summary>The unit the role is held on (the county's centre for a county admin, the station for a station admin).</summary>
    public Guid? UnitId { get; }

    public void Apply(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("Cookie", _cookie);
        // What our API clients send on every write (CrossSiteRequests); harmless on reads.
        request.Headers.TryAddWithoutValidation("X-Requested-With", "XMLHttpRequest");
    }

    public static async Task<Session> SignInAsync(HttpClient client, string phone, string password = DemoLogins.Password, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { phone, password }) };
        request.Headers.TryAddWithoutValidation("X-Requested-With", "XMLHttpRequest");
        using var response = await client.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"sign-in as {phone} answered {(int)response.StatusCode}: {body}");
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var set)
            ? string.Join("; ", set.Select(c => c.Split(';', 2)[0].Trim()))
            : throw new InvalidOperationException($"sign-in as {phone} set no cookie");
        using var me = JsonDocument.Parse(body);
        var unit = me.RootElement.TryGetProperty("unitId", out var u) && u.ValueKind == JsonValueKind.String ? u.GetGuid() : (Guid?)null;
        return new Session(cookies, me.RootElement.GetProperty("countyId").GetGuid(), unit);
    }
}
