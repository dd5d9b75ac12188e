using CivicPractice.Domain.Common;

namespace CivicPractice.Domain.Volunteers;

/// <summary>
/// One distinct consent text exactly as people agreed to it (the portal's notice of a version, or an admin's note of a
/// signed paper form). Stored once and referenced by every volunteer who agreed to it; never changed or deleted, so each
/// volunteer's record keeps showing the very text of their consent.
/// </summary>
public sealed class ConsentNotice
{
    public const int MaxLength = 800;

    private ConsentNotice() { }

    public Guid Id { get; private set; }
    public string Text { get; private set; } = "";

    public static ConsentNotice Of(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new DomainException("请阅读并同意个人信息处理规则。");
        if (text.Length > MaxLength) throw new DomainException($"个人信息处理规则的文本最长 {MaxLength} 个字。");
        return new ConsentNotice { Id = Guid.CreateVersion7(), Text = text };
    }
}
