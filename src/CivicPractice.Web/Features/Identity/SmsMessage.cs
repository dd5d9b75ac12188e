namespace CivicPractice.Web.Features.Identity;

/// <summary>A text message as the development sender keeps it: an outbox admins can read.</summary>
public sealed class SmsMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? CountyId { get; set; }
    public string PhoneMasked { get; set; } = "";
    public string PhoneIndex { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTimeOffset SentAt { get; set; }
}

/// <summary>A one-time sign-in code; only its hash is stored.</summary>
public sealed class SmsCode
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string PhoneIndex { get; set; } = "";
    public CodePurpose Purpose { get; set; } = CodePurpose.SignIn;
    public string CodeHash { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
    public int FailedAttempts { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
