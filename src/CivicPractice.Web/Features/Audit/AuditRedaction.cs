using System.Text.Json;
using System.Text.Json.Nodes;
using CivicPractice.Domain.Volunteers;

namespace CivicPractice.Web.Features.Audit;

/// <summary>
/// What the audit log may hold about a person. The log must not become a second copy of personal data: snapshots
/// leave out encrypted values, blind indexes and the birth date (digits 7–14 of the ID number, which beside the
/// mask would give the number back), and a withdrawn person's traces are replaced by the erased marker.
/// </summary>
public static class AuditRedaction
{
    /// <summary>The length of <see cref="AuditEntry.Summary"/> in the database (AuditEntryConfiguration).</summary>
    public const int MaxSummary = 200;

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

    /// <summary>
    /// Erases a person from one line and keeps the event: the named snapshot fields become the marker, and every
    /// trace (a name, a mask) is replaced wherever it stands in the summary or in a snapshot's values.
    /// </summary>
    public static void Erase(AuditEntry entry, IReadOnlySet<string> fields, IEnumerable<string?> traces, string marker, bool eraseOperator)
    {
        // Longest first, so a name is not left half replaced by a shorter earlier name it contains.
        var ordered = traces.OfType<string>().Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(t => t.Length).ToList();
        if (eraseOperator) entry.UserName = marker;
        var summary = Replace(entry.Summary, ordered, marker);
        // A short name replaced by the longer marker could overflow the column.
        entry.Summary = summary is { Length: > MaxSummary } ? summary[..MaxSummary] : summary;
        entry.Before = EraseSnapshot(entry.Before, fields, ordered, marker);
        entry.After = EraseSnapshot(entry.After, fields, ordered, marker);
    }

    /// <summary>The text a snapshot holds for one field (e.g. a name the person had before correcting it), if any.</summary>
    public static string? Value(string? snapshot, string field) =>
        Parse(snapshot)?[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string? EraseSnapshot(string? snapshot, IReadOnlySet<string> fields, IReadOnlyList<string> traces, string marker)
    {
        if (Parse(snapshot) is not { } json) return Replace(snapshot, traces, marker);
        foreach (var key in json.Select(p => p.Key).ToList())
        {
            json[key] = fields.Contains(key) && json[key] is not null ? marker : EraseValues(json[key], traces, marker);
        }
        return json.ToJsonString(Options);
    }

    private static JsonNode? EraseValues(JsonNode? node, IReadOnlyList<string> traces, string marker) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => Replace(text, traces, marker),
        JsonArray array => new JsonArray([.. array.Select(item => EraseValues(item, traces, marker))]),
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, EraseValues(p.Value, traces, marker)))),
        _ => node?.DeepClone(),
    };

    private static string? Replace(string? text, IReadOnlyList<string> traces, string marker)
    {
        if (string.IsNullOrEmpty(text)) return text;
        foreach (var trace in traces) text = text.Replace(trace, marker, StringComparison.Ordinal);
        return text;
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
