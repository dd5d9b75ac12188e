using System.Text.Json;

namespace CivicPractice.Web.Features.Audit.Admin;

/// <summary>Turns the before/after snapshots of an audit entry into rows a person can read.</summary>
public static class AuditDiff
{
    private static readonly Dictionary<string, string> FieldNames = new()
    {
        ["Name"] = "名称", ["Code"] = "编码", ["Address"] = "地址", ["Latitude"] = "纬度", ["Longitude"] = "经度",
        ["ResidentPopulation"] = "常住人口", ["PartyMembers"] = "党员人数", ["ContactName"] = "联系人", ["ContactPhone"] = "联系电话", ["OpeningHours"] = "开放时间",
        ["ManagerName"] = "负责人", ["IsActive"] = "是否启用", ["ParentId"] = "上级单位", ["Path"] = "层级路径", ["Depth"] = "层级",
        ["Type"] = "类型", ["Platform"] = "所属平台", ["OwnerName"] = "产权单位", ["Capacity"] = "容纳人数", ["UnitPath"] = "所属单位路径",
        ["UpdatedAt"] = "更新时间", ["CreatedAt"] = "创建时间", ["SortOrder"] = "排序", ["Role"] = "角色", ["OrgUnitId"] = "单位", ["UserId"] = "用户",
    };

    public static IEnumerable<(string Field, string Before, string After)> Rows(string? before, string? after)
    {
        var b = Parse(before);
        var a = Parse(after);
        foreach (var key in b.Keys.Union(a.Keys).Where(k => k is not ("Id" or "CountyId")))
        {
            yield return (FieldNames.GetValueOrDefault(key, key), b.GetValueOrDefault(key, ""), a.GetValueOrDefault(key, ""));
        }
    }

    private static Dictionary<string, string> Parse(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind switch
        {
            JsonValueKind.Null => "—",
            JsonValueKind.True => "是",
            JsonValueKind.False => "否",
            JsonValueKind.String => p.Value.GetString() ?? "",
            _ => p.Value.GetRawText(),
        });
    }
}
