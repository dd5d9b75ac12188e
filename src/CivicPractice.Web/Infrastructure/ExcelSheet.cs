using System.Buffers;
using System.Globalization;
using System.Text;

namespace CivicPractice.Web.Infrastructure;

/// <summary>Excel's rules for a sheet name, for every sheet named after data (a team's roster …).</summary>
public static class ExcelSheet
{
    public const int MaxNameLength = 31;
    private static readonly SearchValues<char> Forbidden = SearchValues.Create("[]:*?/\\");

    /// <summary>
    /// At most 31 characters, none of <c>[]:*?/\</c> (each becomes <c>_</c>), no control or format characters, no
    /// apostrophe at either end, not the reserved "History"; what is left empty becomes <paramref name="fallback"/>.
    /// </summary>
    public static string SafeName(string? name, string fallback = "Sheet1")
    {
        var safe = new StringBuilder(MaxNameLength);
        foreach (var rune in (name ?? "").EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator) continue;
            var replaced = rune.IsBmp && Forbidden.Contains((char)rune.Value) ? new Rune('_') : rune;
            if (safe.Length + replaced.Utf16SequenceLength > MaxNameLength) break;
            safe.Append(replaced.ToString());
        }
        var trimmed = safe.ToString().Trim().Trim('\'').Trim();
        return trimmed.Length == 0 || trimmed.Equals("History", StringComparison.OrdinalIgnoreCase) ? fallback : trimmed;
    }
}
