namespace CivicPractice.Web.Features.Volunteers;

public enum VolunteerOptionKind
{
    /// <summary>专业技能.</summary>
    Skill = 1,
    /// <summary>服务意向 — seeded with the 17 team types of DOMAIN.md §3.</summary>
    Interest = 2,
    /// <summary>人员标签 (五老, 在职党员 …).</summary>
    Tag = 3,
    /// <summary>可服务时间.</summary>
    Availability = 4,
    /// <summary>阵地所属平台 — not a volunteer's choice but a county list all the same; venues are filed under one.</summary>
    ServicePlatform = 5,
}

/// <summary>One choice of a county-editable list: the lists volunteers pick from, and the county's service platforms.</summary>
public sealed class VolunteerOption
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CountyId { get; set; }
    public VolunteerOptionKind Kind { get; set; }
    public string Name { get; set; } = "";
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>What a new county starts with (DOMAIN.md §3: team types and volunteer sources).</summary>
    public static IEnumerable<VolunteerOption> Defaults(Guid countyId)
    {
        var lists = new Dictionary<VolunteerOptionKind, string[]>
        {
            [VolunteerOptionKind.Interest] =
            [
                "理论政策宣讲", "文化文艺服务", "社科普及惠民", "助学支教", "医疗健身", "科学普及", "法律服务", "卫生环保", "扶难解困",
                "文明倡导", "心理关爱", "应急救援", "便民服务", "敬老爱老", "关爱未成年人", "美德健康生活方式", "移风易俗",
            ],
            [VolunteerOptionKind.Skill] =
            [
                "医疗护理", "法律咨询", "心理咨询", "教育辅导", "文艺表演", "书法美术", "摄影摄像", "新闻写作", "计算机网络",
                "家电维修", "水电维修", "驾驶", "外语翻译", "手语", "急救", "农业技术", "财会", "烹饪",
            ],
            [VolunteerOptionKind.Tag] =
            [
                "五老", "老干部", "老教师", "老战士", "老专家", "老模范", "五青", "在职党员", "大学生", "文艺骨干", "专业技术人员", "退役军人", "乡贤",
            ],
            [VolunteerOptionKind.Availability] = ["工作日白天", "工作日晚上", "周末", "节假日", "随时"],
            [VolunteerOptionKind.ServicePlatform] = [.. Domain.Organization.ServicePlatforms.Defaults],
        };
        foreach (var (kind, names) in lists)
        {
            for (var i = 0; i < names.Length; i++)
            {
                yield return new VolunteerOption { CountyId = countyId, Kind = kind, Name = names[i], SortOrder = i + 1 };
            }
        }
    }
}
