namespace CivicPractice.Domain.Identity;

/// <summary>The password policy: at least 8 characters from at least 3 of the 4 classes.</summary>
public static class PasswordRules
{
    public const int MinLength = 8;
    public const int MinClasses = 3;

    public static int CountClasses(string password)
    {
        var classes = 0;
        if (password.Any(char.IsAsciiLetterLower)) classes++;
        if (password.Any(char.IsAsciiLetterUpper)) classes++;
        if (password.Any(char.IsAsciiDigit)) classes++;
        if (password.Any(c => !char.IsAsciiLetterOrDigit(c))) classes++;
        return classes;
    }

    public static bool IsStrong(string password) => password.Length >= MinLength && CountClasses(password) >= MinClasses;

    public const string Requirement = "密码至少 8 位，且须包含大写字母、小写字母、数字、符号中的至少三类。";
}
