namespace CivicPractice.Web.Features.Identity;

/// <summary>
/// One line of the SMS delivery log: to whom (masked), which template, whether it went out. The message text is kept
/// only by the development outbox (<see cref="Text"/>); in every other environment it is null, so no sign-in code or
/// password is ever stored readable.
/// </summary>
public sealed class SmsMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? CountyId { get; set; }
    public string PhoneMasked { get; set; } = "";
    public string PhoneIndex { get; set; } = "";
    public SmsTemplate Template { get; set; }
    public SmsStatus Status { get; set; }
    /// <summary>Which sender handled it (Outbox, Http, None).</summary>
    public string Provider { get; set; } = "";
    /// <summary>The development outbox's copy of the text; null outside Development.</summary>
    public string? Text { get; set; }
    public DateTimeOffset SentAt { get; set; }
}

public enum SmsTemplate
{
    Unknown = 0,
    SignInCode = 1,
    RegisterCode = 2,
    PasswordCode = 3,
    RoleGranted = 10,
    PasswordReset = 11,
}

public enum SmsStatus
{
    Sent = 1,
    Failed = 2,
    /// <summary>No carrier is configured: nothing left the platform.</summary>
    NotConfigured = 3,
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
