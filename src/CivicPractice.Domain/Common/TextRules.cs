using System.Globalization;
using System.Text;

namespace CivicPractice.Domain.Common;

/// <summary>
/// What text a person may store: trimmed, in Unicode NFC, and free of control and format characters (NUL, bells, bidi
/// overrides such as U+202E that make "exe.gnp" read "png.exe", zero-width spaces, unpaired surrogates). Multi-line
/// fields (introductions, descriptions) keep line breaks and tabs. The zero-width joiner stays allowed: emoji need it.
/// </summary>
public static class TextRules
{
    private const char ZeroWidthJoiner = '\u200D';

    /// <summary>Trimmed, line breaks as <c>\n</c>, composed (NFC), so that equal-looking names compare equal.</summary>
    public static string Normalize(string text, bool multiline = false)
    {
        var trimmed = text.Trim();
        if (multiline && trimmed.Contains('\r')) trimmed = trimmed.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return trimmed.IsNormalized(NormalizationForm.FormC) ? trimmed : trimmed.Normalize(NormalizationForm.FormC);
    }

    /// <summary>True when the text holds no forbidden character; <paramref name="multiline"/> allows CR, LF and tab.</summary>
    public static bool IsAllowed(string text, bool multiline = false)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            UnicodeCategory category;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                category = CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(c, text[i + 1]));
                i++;
            }
            else
            {
                category = char.GetUnicodeCategory(c);
            }
            switch (category)
            {
                case UnicodeCategory.Control when multiline && c is '\n' or '\r' or '\t':
                    continue;
                case UnicodeCategory.Format when c == ZeroWidthJoiner:
                    continue;
                case UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                    or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator:
                    return false;
            }
        }
        return true;
    }

    /// <summary>The refusal, naming the field as the form labels it.</summary>
    public static string Refused(string field, bool multiline = false) => multiline
        ? $"{field}含有控制字符或不可见的格式字符（如 NUL、文字方向控制符），请删除后重新填写。"
        : $"{field}含有换行、控制字符或不可见的格式字符（如 NUL、文字方向控制符），请删除后重新填写。";
}
