namespace CivicPractice.Web.Features.Volunteers;

/// <summary>
/// The notice a person agrees to before registering (PIPL arts. 17, 29: separate consent for sensitive personal
/// information). The exact text and the moment of consent are stored with each volunteer.
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
}
