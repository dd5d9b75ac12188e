namespace CivicPractice.Domain.Volunteers;

/// <summary>
/// 居民身份证号码 by GB 11643-1999: 6-digit address code, 8-digit birth date, 3-digit sequence (odd = male),
/// and an ISO 7064 MOD 11-2 check character (0–9 or X). A lower-case x is accepted and normalised.
/// </summary>
public sealed record ChineseIdNumber(string Value, DateOnly BirthDate, Gender Gender)
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    /// <summary>Province-level codes of GB/T 2260, plus 81/82/83 used by residence permits of Hong Kong, Macao and Taiwan residents.</summary>
    private static readonly HashSet<int> Provinces =
    [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
        50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
    ];

    public static bool TryParse(string? input, DateOnly today, out ChineseIdNumber? id, out string error)
    {
        id = null;
        var value = HalfWidth((input ?? "").Trim()).ToUpperInvariant();
        if (value.Length == 0) return Fail("请填写身份证号码。", out error);
        if (value.Length != 18) return Fail("身份证号码应为 18 位。", out error);
        if (!value[..17].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(value[17]) || value[17] == 'X'))
        {
            return Fail("身份证号码只能由数字组成，最后一位可以是 X。", out error);
        }
        var province = int.Parse(value[..2], System.Globalization.CultureInfo.InvariantCulture);
        // A residence permit of a Hong Kong, Macao or Taiwan resident carries the whole region: 810000, 820000, 830000.
        if (!Provinces.Contains(province) || (value[2..6] == "0000" && province is not (81 or 82 or 83)))
        {
            return Fail("身份证号码的地区码不正确。", out error);
        }
        if (!DateOnly.TryParseExact(value[6..14], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var birth)
            || birth.Year < 1900)
        {
            return Fail("身份证号码中的出生日期不正确。", out error);
        }
        if (birth > today) return Fail("身份证号码中的出生日期晚于今天。", out error);
        if (CheckCharacter(value) != value[17]) return Fail("身份证号码校验位不正确，请核对后重新输入。", out error);
        id = new ChineseIdNumber(value, birth, (value[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female);
        error = "";
        return true;
    }

    /// <summary>
    /// Full-width digits and X (０–９, Ｘ), which Chinese input methods type, become their ASCII forms; anything else is
    /// left for the format check to refuse.
    /// </summary>
    private static string HalfWidth(string value) => string.Create(value.Length, value, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = c is >= '０' and <= '９' || c is 'Ｘ' or 'ｘ' ? (char)(c - 0xFEE0) : c;
        }
    });

    /// <summary>The check character of the first 17 digits.</summary>
    public static char CheckCharacter(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckChars[sum % 11];
    }

    /// <summary>
    /// 430**************5: the province/city prefix and the check character only. Digits 7–17 (birth date and
    /// sequence) never show: lists show an age beside the mask, and an age, the gender and the county's region code
    /// together with the sequence digits would leave only the month and day to guess (~365, ~33 after the check
    /// character). Hidden, they leave ~365 days × 500 sequences ÷ 11 ≈ 16 600 candidates. The same call narrows a
    /// stored mask of the older, wider form (last four shown), so rows masked before read the same way.
    /// </summary>
    public static string Mask(string value) => value.Length switch
    {
        18 => value[..3] + new string('*', 14) + value[17],
        0 => "",
        _ => "******",
    };

    public int AgeOn(DateOnly day) => day.Year - BirthDate.Year - (day < BirthDate.AddYears(day.Year - BirthDate.Year) ? 1 : 0);

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}

public enum Gender
{
    Male = 1,
    Female = 2,
}
