using System.Text.RegularExpressions;

namespace CivicPractice.Domain.Identity;

/// <summary>Mainland China mobile numbers: 11 digits starting 13–19.</summary>
public static partial class MobileNumber
{
    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Pattern();

    /// <summary>Strips spaces, dashes and a +86/0086 prefix that people paste in.</summary>
    public static string Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return string.Empty;
        var digits = new string(input.Where(c => c is not (' ' or '-')).ToArray());
        if (digits.StartsWith("+86", StringComparison.Ordinal)) digits = digits[3..];
        else if (digits.StartsWith("0086", StringComparison.Ordinal)) digits = digits[4..];
        return digits;
    }

    public static bool IsValid(string? input) => Pattern().IsMatch(Normalize(input));

    /// <summary>138****1234.</summary>
    public static string Mask(string number) => number.Length == 11 ? number[..3] + "****" + number[7..] : "***";

    public const string Invalid = "请输入正确的 11 位手机号码。";
}
