using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CivicPractice.Domain.Activities;

public enum CheckinTokenCheck
{
    Ok,
    Malformed,
    WrongActivity,
    Expired,
}

/// <summary>
/// The token in the check-in QR code: HMAC-SHA256 over the activity id and the 30-second time step, so it cannot be
/// forged, is worthless for another activity and expires after the next rotation (the previous step is still accepted,
/// so a scan made just before the code changed goes through). Format: "{step}.{base64url mac}".
/// </summary>
public static class CheckinTokens
{
    private const int MacBytes = 16;

    public static string Create(ReadOnlySpan<byte> key, Guid activityId, DateTimeOffset now) =>
        Create(key, activityId, StepOf(now));

    public static CheckinTokenCheck Check(ReadOnlySpan<byte> key, string? token, Guid activityId, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64) return CheckinTokenCheck.Malformed;
        var dot = token.IndexOf('.');
        if (dot <= 0 || !long.TryParse(token.AsSpan(0, dot), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var step))
        {
            return CheckinTokenCheck.Malformed;
        }
        byte[] mac;
        try
        {
            mac = Base64UrlDecode(token[(dot + 1)..]);
        }
        catch (FormatException)
        {
            return CheckinTokenCheck.Malformed;
        }
        if (mac.Length != MacBytes) return CheckinTokenCheck.Malformed;
        if (!CryptographicOperations.FixedTimeEquals(mac, Mac(key, activityId, step))) return CheckinTokenCheck.WrongActivity;
        var current = StepOf(now);
        return step == current || step == current - 1 ? CheckinTokenCheck.Ok : CheckinTokenCheck.Expired;
    }

    public static string Describe(CheckinTokenCheck check) => check switch
    {
        CheckinTokenCheck.Ok => "签到码有效。",
        CheckinTokenCheck.Expired => "签到码已过期，请重新扫描现场屏幕上的二维码。",
        CheckinTokenCheck.WrongActivity => "签到码与本活动不符，请扫描本活动现场的二维码。",
        _ => "签到码无效，请重新扫描现场的二维码。",
    };

    private static long StepOf(DateTimeOffset now) => now.ToUnixTimeSeconds() / (long)ActivityPolicies.CheckinTokenStep.TotalSeconds;

    private static string Create(ReadOnlySpan<byte> key, Guid activityId, long step) =>
        step.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + Base64UrlEncode(Mac(key, activityId, step));

    private static byte[] Mac(ReadOnlySpan<byte> key, Guid activityId, long step)
    {
        Span<byte> message = stackalloc byte[16 + 8];
        activityId.TryWriteBytes(message);
        BinaryPrimitives.WriteInt64BigEndian(message[16..], step);
        Span<byte> full = stackalloc byte[32];
        HMACSHA256.HashData(key, message, full);
        return full[..MacBytes].ToArray();
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s + new string('=', (4 - s.Length % 4) % 4));
    }
}
