namespace CivicPractice.Web.Features.Demo;

/// <summary>Word lists for believable place names; combined deterministically by the generator's random source.</summary>
internal static class DemoNames
{
    public static readonly string[] Towns =
    [
        "城关镇", "青山镇", "白沙镇", "龙泉镇", "柳溪乡", "石门镇", "金桥镇", "花桥乡", "清水镇", "黄土岭镇",
        "双江口镇", "梅林乡", "太平镇", "高桥镇", "观音阁镇", "杨柳湾乡", "大屋镇", "新塘镇",
    ];

    public static readonly string[] Streets = ["桃源街道", "东城街道", "西城街道", "南湖街道", "滨江街道", "文昌街道"];

    public static readonly string[] First =
    [
        "杨", "李", "张", "刘", "陈", "黄", "周", "吴", "何", "罗", "谢", "唐", "彭", "曾", "邓", "石", "龙", "桂",
        "枫", "松", "竹", "梅", "兰", "荷", "桃", "杏", "柳", "樟", "泉", "溪", "塘", "岭", "坪", "湾", "冲", "山",
        "新", "大", "小", "高", "长", "双", "三", "五", "金", "银", "玉", "福", "和", "兴", "安", "丰", "合", "永",
    ];

    public static readonly string[] Second =
    [
        "家", "树", "花", "林", "田", "坪", "塘", "桥", "湾", "冲", "岭", "山", "溪", "泉", "港", "洲", "坝", "院",
        "庄", "湖", "园", "峰", "源", "台", "口", "铺", "寨", "垸",
    ];

    public static readonly string[] CommunityFirst = ["阳光", "幸福", "和平", "建设", "人民", "文化", "光明", "友谊", "锦绣", "春华", "书香", "紫荆", "金色", "滨湖", "东风", "团结"];

    public static readonly string[] CommunitySecond = ["", "路", "里", "苑", "湾", "桥", "街", "园"];

    public static readonly string[] PointKinds = ["党员先锋岗", "文明单位", "创业基地", "农家书屋", "新时代讲习所", "红色教育"];

    public static readonly string[] Bases =
    [
        "县第一中学", "县人民医院", "县农商银行", "县图书馆", "县职业中专", "县供电公司", "县科技馆", "县老年大学",
        "县烈士陵园", "青山茶业公司", "县妇幼保健院", "县青少年活动中心",
    ];

    public static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "彭", "邓", "曾", "谢", "唐", "罗"];
    public static readonly string[] GivenNames = ["建国", "丽华", "志强", "秀英", "海燕", "文军", "春梅", "卫东", "晓红", "国平", "小燕", "伟", "芳", "敏", "静", "勇", "军", "霞"];
}
