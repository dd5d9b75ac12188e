using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Features.Volunteers;

/// <summary>
/// The notice a person agrees to before registering (PIPL arts. 17, 29: separate consent for sensitive personal
/// information). The moment of consent is stored with each volunteer, the exact text once per distinct text
/// (<see cref="ConsentNotice"/>, see <see cref="StoredAsync"/>) and referenced.
/// </summary>
public static class VolunteerConsent
{
    public const string Version = "2026-11";

    public const string Text =
        "《志愿者个人信息处理规则》（" + Version + "）\n" +
        "1. 处理者：本县（区）新时代文明实践中心。\n" +
        "2. 处理的信息：姓名、身份证号码、手机号码、性别、出生日期、政治面貌、技能特长、服务意向、人员标签与可服务时间。其中身份证号码属于敏感个人信息。\n" +
        "3. 处理目的：志愿者实名注册、身份核验、服务记录与时长认定、表彰激励，以及按规定向全国志愿服务信息系统报送。\n" +
        "4. 保护措施：身份证号码与手机号码加密存储，页面默认脱敏显示；工作人员查看完整信息须经授权并留有记录。\n" +
        "5. 您的权利：您可以随时查阅、导出、更正本人信息，也可以注销志愿者身份；注销后个人信息将被删除，已形成的服务记录以匿名方式保留。\n" +
        "6. 保存期限：自注册之日起至注销之日止。\n" +
        "我已阅读并同意上述规则，并单独同意处理我的身份证号码等敏感个人信息。";

    public static string AdminEntered(string adminName) =>
        $"由管理员 {adminName} 录入；申请人已线下签署《志愿者个人信息处理规则》（{Version}）纸质同意书。";

    /// <summary>
    /// The stored notice with exactly this text, added if no one agreed to it before. The insert skips a text a concurrent
    /// registration has just stored (unique text) without disturbing the caller's transaction; call it before writing.
    /// </summary>
    public static async Task<ConsentNotice> StoredAsync(AppDbContext db, string text, CancellationToken ct = default)
    {
        var stored = await db.ConsentNotices.AsNoTracking().FirstOrDefaultAsync(n => n.Text == text, ct);
        if (stored is not null) return stored;
        var notice = ConsentNotice.Of(text);
        // EF keeps Guids as upper-case text on SQLite; a raw parameter must match that form.
        object id = db.Database.IsSqlite() ? notice.Id.ToString().ToUpperInvariant() : notice.Id;
        await db.Database.ExecuteSqlAsync($"INSERT INTO \"ConsentNotices\" (\"Id\", \"Text\") VALUES ({id}, {text}) ON CONFLICT (\"Text\") DO NOTHING", ct);
        return await db.ConsentNotices.AsNoTracking().FirstAsync(n => n.Text == text, ct);
    }
}
