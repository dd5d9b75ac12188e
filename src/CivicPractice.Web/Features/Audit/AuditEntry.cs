namespace CivicPractice.Web.Features.Audit;

/// <summary>One line of the audit log: who did what to which record, with the values before and after.</summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>Null only for sign-in attempts with a phone no county knows.</summary>
    public Guid? CountyId { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? UserId { get; set; }
    public string? UserName { get; set; }
    public string Action { get; set; } = "";
    public string? EntityType { get; set; }
    public string? EntityId { get; set; }
    public string? Summary { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? IpAddress { get; set; }
}

/// <summary>The actions the log knows; stored as text so old rows stay readable.</summary>
public static class AuditActions
{
    public const string Create = "Create";
    public const string Update = "Update";
    public const string Delete = "Delete";
    public const string SignIn = "SignIn";
    public const string SignInFailed = "SignInFailed";
    public const string LockedOut = "LockedOut";
    public const string SignOut = "SignOut";
    /// <summary>An admin looked at a personal field in clear.</summary>
    public const string Reveal = "Reveal";
    /// <summary>A person downloaded their own data.</summary>
    public const string Export = "Export";
    /// <summary>Staff downloaded a list of volunteers (masked): who, which filter, how many rows.</summary>
    public const string BulkExport = "BulkExport";
    /// <summary>Staff imported a file of volunteers: one line per file (who, rows, imported/skipped/refused), not one per row.</summary>
    public const string Import = "Import";

    public static string Label(string action) => action switch
    {
        Create => "新增",
        Update => "修改",
        Delete => "删除",
        SignIn => "登录成功",
        SignInFailed => "登录失败",
        LockedOut => "账号锁定",
        SignOut => "退出登录",
        Reveal => "查看敏感信息",
        Export => "导出个人信息",
        BulkExport => "导出志愿者名册",
        Import => "导入志愿者",
        _ => action,
    };
}
