using System.Text.Json;
using System.Text.Json.Nodes;
using CivicPractice.Domain.Volunteers;

namespace CivicPractice.Web.Features.Audit;

/// <summary>
/// What the audit log may hold about a person. The log must not become a second copy of personal data: snapshots
/// leave out encrypted values, blind indexes and the birth date (digits 7–14 of the ID number, which beside the
/// mask would give the number back).
/// </summary>
public static class AuditRedaction
{
    public static bool IsNeverLogged(string property) =>
        property.EndsWith("Cipher", StringComparison.Ordinal)
        || property.EndsWith("Index", StringComparison.Ordinal)
        || property == nameof(Volunteer.BirthDate);

    /// <summary>
    /// A stored snapshot as it may be shown: never-logged fields dropped and ID masks narrowed, so lines written
    /// before these rules read the same as new ones.
    /// </summary>
    public static string? Redact(string? snapshot)
    {
        if (Parse(snapshot) is not { } json) return snapshot;
        var changed = false;
        foreach (var key in json.Select(p => p.Key).Where(IsNeverLogged).ToList())
        {
            json.Remove(key);
            changed = true;
        }
        if (json[nameof(Volunteer.IdMasked)] is JsonValue value && value.TryGetValue<string>(out var mask) && ChineseIdNumber.Mask(mask) != mask)
        {
            json[nameof(Volunteer.IdMasked)] = ChineseIdNumber.Mask(mask);
            changed = true;
        }
        return changed ? json.ToJsonString(Options) : snapshot;
    }

    private static JsonObject? Parse(string? snapshot)
    {
        if (string.IsNullOrEmpty(snapshot)) return null;
        try
        {
            return JsonNode.Parse(snapshot) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
