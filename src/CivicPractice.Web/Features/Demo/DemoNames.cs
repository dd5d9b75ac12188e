using CivicPractice.Domain.Organization;

namespace CivicPractice.Web.Features.Demo;

/// <summary>A specialised team (支队) a demo county sets up, with its lead unit (牵头单位), seed 003 篇四.</summary>
public sealed record DemoDetachment(string Name, string Lead, string Category, string[] Items, string[] Objects);

/// <summary>
/// One demo county's own names and figures: a rural county (县) of towns and villages, or an urban district (区) of
/// streets and communities. The generator combines the word lists deterministically with its random source.
/// </summary>
public sealed record DemoCountyProfile
{
    public required string Name { get; init; }
    public required string Code { get; init; }
    /// <summary>Start of the unit codes (QS01, QS01-001 …).</summary>
    public required string Prefix { get; init; }
    /// <summary>The demo logins are this plus two digits.</summary>
    public required string PhonePrefix { get; init; }
    public required string AreaCode { get; init; }
    public required string CenterAddress { get; init; }
    /// <summary>Size against the requested scale; at least <see cref="MinScale"/>.</summary>
    public double ScaleFactor { get; init; } = 1;
    public double MinScale { get; init; }
    public required string[] Towns { get; init; }
    public required string[] Streets { get; init; }
    /// <summary>How many of the institutes are streets (街道), in percent.</summary>
    public required int StreetPercent { get; init; }
    /// <summary>One station in this many under a town is a community (社区) rather than a village.</summary>
    public required int TownCommunityOneIn { get; init; }
    public required (int Min, int Max) CommunityPopulation { get; init; }
    public required (int Min, int Max) VillagePopulation { get; init; }
    public required string[] VillageFirst { get; init; }
    public required string[] VillageSecond { get; init; }
    public required string[] CommunityFirst { get; init; }
    public required string[] CommunitySecond { get; init; }
    public required string[] PointKinds { get; init; }
    /// <summary>Practice bases (基地) at agencies, schools, hospitals and firms, full names.</summary>
    public required string[] Bases { get; init; }
    public required VenueDetails[] CenterVenues { get; init; }
    public required DemoDetachment[] Detachments { get; init; }
    /// <summary>Registered volunteers against the configured share (<c>Civic:Demo:VolunteerShare</c>).</summary>
    public double VolunteerShareFactor { get; init; } = 1;
    /// <summary>Of the registered, how many are already approved (the rest wait for their station).</summary>
    public double ApprovedShare { get; init; } = 0.95;
}

internal static class DemoNames
{
    /// <summary>青山县: the main demo county, rural, about 12 institutes and 200 stations at scale 1, at the 13 % target.</summary>
    public static readonly DemoCountyProfile QingShan = new()
    {
        Name = "青山县", Code = DemoSeeder.MainCountyCode, Prefix = "QS", PhonePrefix = "138000000", AreaCode = "0731",
        CenterAddress = "青山县人民路1号",
        Towns =
        [
            "城关镇", "青山镇", "白沙镇", "龙泉镇", "柳溪乡", "石门镇", "金桥镇", "花桥乡", "清水镇", "黄土岭镇",
            "双江口镇", "梅林乡", "太平镇", "高桥镇", "观音阁镇", "杨柳湾乡", "大屋镇", "新塘镇",
        ],
        Streets = ["桃源街道", "东城街道", "西城街道", "南湖街道", "滨江街道", "文昌街道"],
        StreetPercent = 25,
        TownCommunityOneIn = 6,
        CommunityPopulation = (3000, 12000),
        VillagePopulation = (800, 6000),
        VillageFirst =
        [
            "杨", "李", "张", "刘", "陈", "黄", "周", "吴", "何", "罗", "谢", "唐", "彭", "曾", "邓", "石", "龙", "桂",
            "枫", "松", "竹", "梅", "兰", "荷", "桃", "杏", "柳", "樟", "泉", "溪", "塘", "岭", "坪", "湾", "冲", "山",
            "新", "大", "小", "高", "长", "双", "三", "五", "金", "银", "玉", "福", "和", "兴", "安", "丰", "合", "永",
        ],
        VillageSecond =
        [
            "家", "树", "花", "林", "田", "坪", "塘", "桥", "湾", "冲", "岭", "山", "溪", "泉", "港", "洲", "坝", "院",
            "庄", "湖", "园", "峰", "源", "台", "口", "铺", "寨", "垸",
        ],
        CommunityFirst = ["阳光", "幸福", "和平", "建设", "人民", "文化", "光明", "友谊", "锦绣", "春华", "书香", "紫荆", "金色", "滨湖", "东风", "团结"],
        CommunitySecond = ["", "路", "里", "苑", "湾", "桥", "街", "园"],
        PointKinds = ["党员先锋岗", "文明单位", "创业基地", "农家书屋", "新时代讲习所", "红色教育"],
        Bases =
        [
            "青山县第一中学", "青山县人民医院", "青山县农商银行", "青山县图书馆", "青山县职业中专", "青山县供电公司", "青山县科技馆",
            "青山县老年大学", "青山县烈士陵园", "青山茶业公司", "青山县妇幼保健院", "青山县青少年活动中心",
        ],
        CenterVenues =
        [
            new("理论宣讲厅", "理论宣讲平台", "县委宣传部", null, 200, "周一至周五 8:30-17:30", null),
            new("县图书馆阅览室", "教育服务平台", "县文化旅游广电体育局", null, 120, "周二至周日 9:00-20:00", null),
            new("县文化馆排练厅", "文化服务平台", "县文化馆", null, 150, "周二至周日 9:00-21:00", null),
            new("县科技馆", "科技与科普服务平台", "县科学技术协会", null, 300, "周三至周日 9:00-17:00", null),
            new("全民健身中心", "健身体育服务平台", "县体育中心", null, 500, "每日 6:00-22:00", null),
        ],
        Detachments =
        [
            new("党员志愿服务支队", "青山县委组织部", "理论政策宣讲", ["政策宣讲", "结对帮扶"], ["困难群众", "农村留守人员"]),
            new("青年志愿服务支队", "共青团青山县委", "文明倡导", ["文明交通劝导", "环境整治"], ["社区居民"]),
            new("教育志愿服务支队", "青山县教育局", "助学支教", ["课后辅导", "家庭教育讲座"], ["留守儿童", "中小学生"]),
            new("巾帼志愿服务支队", "青山县妇联", "关爱未成年人", ["家风家教宣讲", "妇女儿童关爱"], ["妇女", "儿童"]),
            new("爱心公益志愿服务支队", "青山县民政局", "扶难解困", ["走访慰问", "物资募集"], ["孤寡老人", "残疾人"]),
            new("法律援助志愿服务支队", "青山县司法局", "法律服务", ["法律咨询", "矛盾调解"], ["村（居）民"]),
            new("职工志愿服务支队", "青山县总工会", "便民服务", ["家电维修", "技能培训"], ["社区居民"]),
            new("理论宣讲志愿服务支队", "青山县委宣传部", "理论政策宣讲", ["百姓宣讲", "身边人讲身边事"], ["基层群众"]),
            new("文艺志愿服务支队", "青山县文联", "文化文艺服务", ["文艺演出", "书画进村"], ["基层群众"]),
            new("科技志愿服务支队", "青山县科协", "科学普及", ["科普讲座", "农技指导"], ["农户", "青少年"]),
        ],
    };

    /// <summary>
    /// 云溪区: a small urban district beside the county, to show that counties are separate tenants; mostly streets and
    /// communities, larger populations per station, and behind on registration (about two thirds of the target).
    /// </summary>
    public static readonly DemoCountyProfile YunXi = new()
    {
        Name = "云溪区", Code = DemoSeeder.OtherCountyCode, Prefix = "YX", PhonePrefix = "139000000", AreaCode = "0730",
        CenterAddress = "云溪区云港路88号",
        ScaleFactor = 0.1, MinScale = 0.05,
        Towns = ["陆城镇", "路口镇", "永济乡", "文桥镇"],
        Streets = ["云溪街道", "长岭街道", "松阳湖街道", "滨港街道", "洞庭街道", "金盆街道", "望湖街道", "临港街道"],
        StreetPercent = 75,
        TownCommunityOneIn = 3,
        CommunityPopulation = (6000, 20000),
        VillagePopulation = (1500, 5000),
        VillageFirst = ["荆", "芦", "荷", "菱", "渔", "沙", "洲", "湖", "港", "堤", "闸", "滩", "江", "汊", "桑", "麻", "蒲", "莲"],
        VillageSecond = ["湾", "咀", "垸", "坪", "口", "滩", "洲", "堤", "岗", "铺", "矶"],
        CommunityFirst = ["云港", "江景", "翠竹", "望湖", "沿江", "石化", "松阳", "临港", "洞庭", "金盆", "云港湾", "荆江", "新港", "雅苑", "丽景", "天宝"],
        CommunitySecond = ["", "新村", "花园", "小区", "家园", "名苑"],
        PointKinds = ["红色驿站", "小区议事厅", "楼栋党小组", "社区书屋", "志愿服务驿站", "新就业群体服务站"],
        Bases =
        [
            "云溪区实验学校", "云溪区中医院", "云溪化工公司", "云溪区图书馆", "云溪港务公司", "云溪区应急管理局",
            "云溪工业园", "云溪区老干部活动中心",
        ],
        CenterVenues =
        [
            new("新时代文明实践报告厅", "理论宣讲平台", "区委宣传部", null, 260, "周一至周五 9:00-17:00", null),
            new("区图书馆城市书房", "教育服务平台", "区文化旅游体育局", null, 80, "每日 9:00-21:00", null),
            new("区文化艺术中心小剧场", "文化服务平台", "区文化馆", null, 420, "周二至周日 9:00-21:30", null),
            new("青少年科普体验馆", "科技与科普服务平台", "区科协", null, 150, "周六、周日 9:00-17:00", null),
            new("滨江体育公园", "健身体育服务平台", "区体育事业发展中心", null, 800, "每日 6:00-22:00", null),
        ],
        Detachments =
        [
            new("在职党员进社区志愿服务支队", "云溪区委组织部", "便民服务", ["社区报到", "网格服务"], ["社区居民"]),
            new("青年突击志愿服务支队", "共青团云溪区委", "应急救援", ["防汛值守", "文明城市创建"], ["社区居民", "外来务工人员"]),
            new("医疗健康志愿服务支队", "云溪区卫生健康局", "医疗健身", ["义诊", "健康讲座"], ["老年人", "慢性病患者"]),
            new("应急救援志愿服务支队", "云溪区应急管理局", "应急救援", ["应急演练", "防溺水宣传"], ["中小学生", "沿江居民"]),
            new("企业职工志愿服务支队", "云溪区总工会", "卫生环保", ["长江岸线清洁", "安全生产宣传"], ["园区职工", "沿江居民"]),
            new("心理关爱志愿服务支队", "云溪区妇联", "心理关爱", ["心理疏导", "亲子课堂"], ["青少年", "妇女"]),
        ],
        VolunteerShareFactor = 0.65,
        ApprovedShare = 0.85,
    };

    public static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "彭", "邓", "曾", "谢", "唐", "罗"];
    public static readonly string[] GivenNames = ["建国", "丽华", "志强", "秀英", "海燕", "文军", "春梅", "卫东", "晓红", "国平", "小燕", "伟", "芳", "敏", "静", "勇", "军", "霞"];
}
