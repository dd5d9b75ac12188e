using System.Globalization;
using CivicPractice.Domain.Volunteers;
using MiniExcelLibs;

namespace CivicPractice.Bench;

/// <summary>
/// A filled copy of the platform's import template (the columns of <c>VolunteerImporter.Headers</c>, first sheet),
/// every row valid: distinct check-digit-correct ID numbers and phones, stations by code, options the demo county offers.
/// Each <paramref name="batch"/> (1–9) gets its own ID region and phone prefix, so consecutive imports add new people
/// rather than skipping the ones before.
/// </summary>
public static class ImportFile
{
    /// <summary>As <c>VolunteerImporter.Headers</c> (a test checks the two agree).</summary>
    public static readonly string[] Headers = ["姓名", "身份证号码", "手机号", "政治面貌", "所属单位", "服务意向", "专业技能", "人员标签", "可服务时间"];

    public static byte[] Create(IReadOnlyList<string> stationCodes, int rows, int batch)
    {
        if (batch is < 1 or > 9) throw new ArgumentOutOfRangeException(nameof(batch));
        string[] political = ["中共党员", "群众", "共青团员", "群众", "中共预备党员"];
        var region = "45012" + batch.ToString(CultureInfo.InvariantCulture);
        var sheet = new List<Dictionary<string, object?>>(rows);
        for (var i = 0; i < rows; i++)
        {
            var birth = new DateOnly(1960, 1, 1).AddDays(i % 15_000);
            var first17 = region + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (i / 15_000 * 2 + 100 + i % 7).ToString("D3", CultureInfo.InvariantCulture);
            sheet.Add(new Dictionary<string, object?>
            {
                [Headers[0]] = "压测" + i.ToString(CultureInfo.InvariantCulture),
                [Headers[1]] = first17 + ChineseIdNumber.CheckCharacter(first17),
                [Headers[2]] = "19" + batch.ToString(CultureInfo.InvariantCulture) + i.ToString("D8", CultureInfo.InvariantCulture),
                [Headers[3]] = political[i % political.Length],
                [Headers[4]] = stationCodes[i % stationCodes.Count],
                [Headers[5]] = "敬老爱老、文明倡导",
                [Headers[6]] = i % 3 == 0 ? "医疗护理" : "",
                [Headers[7]] = i % 5 == 0 ? "在职党员" : "",
                [Headers[8]] = "周末",
            });
        }
        using var stream = new MemoryStream();
        stream.SaveAs(sheet);
        return stream.ToArray();
    }

    public static MultipartFormDataContent Content(byte[] file)
    {
        var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(part, "file", "志愿者名单.xlsx");
        return content;
    }
}
