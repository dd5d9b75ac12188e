using CivicPractice.Domain.Identity;
using CivicPractice.Domain.Organization;
using CivicPractice.Web.Data;
using CivicPractice.Web.Features.Identity;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Features.Demo;

/// <summary>How much demo data to make. Scale 1 ≈ 12 institutes and 200 stations; the same seed always gives the same county.</summary>
public sealed record DemoOptions(int Seed = 20261124, double Scale = 1.0);

/// <summary>One demo login, printed at start-up.</summary>
public sealed record DemoAccount(string Phone, string Password, string Name, RoleKind Role, string UnitName, string CountyName);

/// <summary>What a feature's demo contributor gets: the county just made, its units and the shared random source.</summary>
public sealed class DemoSeedContext(AppDbContext db, Random random, DemoOptions options, County county, IReadOnlyList<OrgUnit> units, DateTimeOffset now)
{
    public AppDbContext Db { get; } = db;
    public Random Random { get; } = random;
    public DemoOptions Options { get; } = options;
    public County County { get; } = county;
    public IReadOnlyList<OrgUnit> Units { get; } = units;
    public DateTimeOffset Now { get; } = now;
    public IEnumerable<OrgUnit> Stations => Units.Where(u => u.Type == OrgUnitType.Station);
}

/// <summary>Later features (volunteers, activities, records …) add their demo data through this, after the tree exists.</summary>
public interface IDemoContributor
{
    int Order { get; }
    Task ContributeAsync(DemoSeedContext context, CancellationToken ct);
}

/// <summary>
/// Builds a believable county: one center, about 12 institutes, about 200 stations with points, bases and venues,
/// populations that add up from stations to the center; plus a small second county to show isolation.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, AccountService accounts, IEnumerable<IDemoContributor> contributors, TimeProvider clock)
{
    public const string DemoPassword = "Demo@2026";
    public const string MainCountyCode = "439901";
    public const string OtherCountyCode = "439902";
    /// <summary>A volunteer of the first station whom the team demo makes leader of its squadron (leadership is a team role).</summary>
    public const string TeamLeaderPhone = "13800000004";

    public async Task<IReadOnlyList<DemoAccount>> SeedAsync(DemoOptions options, CancellationToken ct = default)
    {
        using var _ = db.Scope.AsSystem();
        var now = clock.GetUtcNow();
        var random = new Random(options.Seed);
        var logins = new List<DemoAccount>();
        logins.AddRange(await SeedCountyAsync("青山县", MainCountyCode, "QS", options, options.Scale, random, "138000000", now, ct));
        logins.AddRange(await SeedCountyAsync("云溪区", OtherCountyCode, "YX", options, Math.Max(0.05, options.Scale / 10), random, "139000000", now, ct));
        return logins;
    }

    public static IReadOnlyList<DemoAccount> DescribeAccounts() =>
    [
        new("13800000001", DemoPassword, "", RoleKind.CountyAdmin, "实践中心", "青山县"),
        new("13800000002", DemoPassword, "", RoleKind.InstituteAdmin, "第一个实践所", "青山县"),
        new("13800000003", DemoPassword, "", RoleKind.StationAdmin, "该所第一个实践站", "青山县"),
        new(TeamLeaderPhone, DemoPassword, "", RoleKind.Volunteer, "该所第一个实践站（任该站中队队长）", "青山县"),
        new("13800000005", DemoPassword, "", RoleKind.Volunteer, "该所第一个实践站", "青山县"),
        new("13800000006", DemoPassword, "", RoleKind.StationAdmin, "该所第二个实践站", "青山县"),
        new("13900000001", DemoPassword, "", RoleKind.CountyAdmin, "实践中心", "云溪区"),
    ];

    private async Task<List<DemoAccount>> SeedCountyAsync(string name, string code, string prefix, DemoOptions options, double scale, Random random, string phonePrefix, DateTimeOffset now, CancellationToken ct)
    {
        var county = new County(Guid.CreateVersion7(now), name, code, "湖南省", now);
        db.Counties.Add(county);
        var units = new List<OrgUnit>();
        var center = OrgUnit.Create(county.Id, null, OrgUnitType.Center, Details($"{name}新时代文明实践中心", prefix, $"{name}人民路1号", 0, random), now);
        units.Add(center);

        var instituteCount = Math.Max(2, (int)Math.Round(12 * scale));
        var stationsPerInstitute = Math.Max(2, (int)Math.Round(200.0 * scale / instituteCount));
        var townNames = Pick(DemoNames.Towns, DemoNames.Streets, instituteCount, random);
        var usedStationNames = new HashSet<string>();
        var institutes = new List<OrgUnit>();
        for (var i = 0; i < instituteCount; i++)
        {
            var town = townNames[i];
            var isStreet = town.EndsWith("街道", StringComparison.Ordinal);
            var institute = OrgUnit.Create(county.Id, center, OrgUnitType.Institute, Details($"{town}新时代文明实践所", $"{prefix}{i + 1:D2}", $"{name}{town}政府大院", 0, random), now, i + 1);
            units.Add(institute);
            institutes.Add(institute);
            var stationCount = stationsPerInstitute + random.Next(-2, 3);
            var population = 0;
            for (var s = 0; s < Math.Max(1, stationCount); s++)
            {
                var community = isStreet || random.Next(6) == 0;
                var place = UniquePlace(community, random, usedStationNames);
                var people = community ? random.Next(3000, 12001) : random.Next(800, 6001);
                population += people;
                var station = OrgUnit.Create(county.Id, institute, OrgUnitType.Station,
                    Details($"{place}新时代文明实践站", $"{institute.Code}-{s + 1:D3}", $"{town}{place}", people, random), now, s + 1);
                units.Add(station);
                var points = random.Next(4) == 0 ? random.Next(1, 3) : 0;
                for (var p = 0; p < points; p++)
                {
                    var kind = DemoNames.PointKinds[random.Next(DemoNames.PointKinds.Length)];
                    units.Add(OrgUnit.Create(county.Id, station, OrgUnitType.Point,
                        Details($"{place}{kind}实践点", $"{station.Code}-P{p + 1}", $"{town}{place}", 0, random), now, p + 1));
                }
            }
            institute.Update(Details(institute.Name, institute.Code, institute.Address, population, random), now);
        }
        center.Update(Details(center.Name, center.Code, center.Address, units.Where(u => u.Type == OrgUnitType.Institute).Sum(u => u.ResidentPopulation), random), now);

        var baseCount = Math.Max(1, (int)Math.Round(10 * scale));
        for (var b = 0; b < baseCount; b++)
        {
            var baseName = DemoNames.Bases[b % DemoNames.Bases.Length].Replace("县", name, StringComparison.Ordinal);
            var parent = b % 3 == 0 || institutes.Count == 0 ? center : institutes[random.Next(institutes.Count)];
            units.Add(OrgUnit.Create(county.Id, parent, OrgUnitType.Base, Details($"{baseName}{(b >= DemoNames.Bases.Length ? (b / DemoNames.Bases.Length + 1).ToString() : "")}实践基地", $"{prefix}-B{b + 1:D2}", $"{name}{baseName}", 0, random), now, b + 1));
        }
        db.OrgUnits.AddRange(units);
        db.Venues.AddRange(Venues(units, random, now));
        await db.SaveChangesAsync(ct);

        var firstInstitute = institutes[0];
        var stations = units.Where(u => u.Type == OrgUnitType.Station).ToList();
        var firstStation = stations.First(s => s.ParentId == firstInstitute.Id);
        var secondStation = stations.First(s => s.ParentId == firstInstitute.Id && s.Id != firstStation.Id);
        var logins = new List<DemoAccount>();
        async Task Login(int n, string person, RoleKind role, OrgUnit unit)
        {
            var phone = phonePrefix + n.ToString("D2");
            var user = await accounts.CreateAsync(county.Id, phone, person, DemoPassword);
            db.RoleAssignments.Add(new RoleAssignment(county.Id, user.Id, role, unit.Id, now));
            logins.Add(new DemoAccount(phone, DemoPassword, person, role, unit.Name, name));
        }
        await Login(1, PersonName(random), RoleKind.CountyAdmin, center);
        if (code == MainCountyCode)
        {
            await Login(2, PersonName(random), RoleKind.InstituteAdmin, firstInstitute);
            await Login(3, PersonName(random), RoleKind.StationAdmin, firstStation);
            await Login(4, PersonName(random), RoleKind.Volunteer, firstStation);
            await Login(5, PersonName(random), RoleKind.Volunteer, firstStation);
            await Login(6, PersonName(random), RoleKind.StationAdmin, secondStation);
        }
        await db.SaveChangesAsync(ct);

        var context = new DemoSeedContext(db, random, options with { Scale = scale }, county, units, now);
        foreach (var contributor in contributors.OrderBy(c => c.Order))
        {
            await contributor.ContributeAsync(context, ct);
        }
        return logins;
    }

    public static async Task<bool> IsEmptyAsync(AppDbContext db, CancellationToken ct)
    {
        using var _ = db.Scope.AsSystem();
        return !await db.Counties.AnyAsync(ct);
    }

    private static IEnumerable<Venue> Venues(IEnumerable<OrgUnit> units, Random random, DateTimeOffset now)
    {
        foreach (var unit in units)
        {
            switch (unit.Type)
            {
                case OrgUnitType.Center:
                    yield return Venue.Create(unit, new("理论宣讲厅", "理论宣讲平台", "县委宣传部", unit.Address, 200, "周一至周五 8:30-17:30", null), now);
                    yield return Venue.Create(unit, new("县图书馆阅览室", "教育服务平台", "县文化旅游广电体育局", unit.Address, 120, "周二至周日 9:00-20:00", null), now);
                    yield return Venue.Create(unit, new("县文化馆排练厅", "文化服务平台", "县文化馆", unit.Address, 150, "周二至周日 9:00-21:00", null), now);
                    yield return Venue.Create(unit, new("县科技馆", "科技与科普服务平台", "县科学技术协会", unit.Address, 300, "周三至周日 9:00-17:00", null), now);
                    yield return Venue.Create(unit, new("全民健身中心", "健身体育服务平台", "县体育中心", unit.Address, 500, "每日 6:00-22:00", null), now);
                    break;
                case OrgUnitType.Institute:
                    yield return Venue.Create(unit, new("综合文化站", "文化服务平台", unit.Name.Replace("新时代文明实践所", "人民政府", StringComparison.Ordinal), unit.Address, random.Next(60, 201), "周一至周六 8:30-18:00", null), now);
                    yield return Venue.Create(unit, new("党群服务中心会议室", "理论宣讲平台", null, unit.Address, random.Next(40, 121), "工作日 8:30-17:30", null), now);
                    break;
                case OrgUnitType.Station:
                    yield return Venue.Create(unit, new("综合文化服务中心", "文化服务平台", null, unit.Address, random.Next(30, 101), "每周六 9:00-17:00 为活动日", null), now);
                    break;
            }
        }
    }

    private static OrgUnitDetails Details(string name, string code, string? address, int population, Random random) =>
        new(name, code, address, null, null, population, PersonName(random), "0731-" + random.Next(8100000, 8999999), "周一至周五 8:30-17:30，周六活动日", PersonName(random));

    private static string PersonName(Random random) =>
        DemoNames.Surnames[random.Next(DemoNames.Surnames.Length)] + DemoNames.GivenNames[random.Next(DemoNames.GivenNames.Length)];

    private static List<string> Pick(string[] towns, string[] streets, int count, Random random)
    {
        var pool = streets.Take(Math.Max(1, count / 4)).Concat(towns).ToList();
        var result = new List<string>();
        for (var i = 0; i < count; i++)
        {
            result.Add(i < pool.Count ? pool[i] : DemoNames.First[random.Next(DemoNames.First.Length)] + DemoNames.Second[random.Next(DemoNames.Second.Length)] + (i % 2 == 0 ? "镇" : "乡"));
        }
        return result.Distinct().Count() == result.Count ? result : [.. result.Select((t, i) => result.IndexOf(t) == i ? t : t.Replace("镇", $"{i}镇", StringComparison.Ordinal))];
    }

    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "东", "西", "南", "北", "上", "下", "新"];

    private static string UniquePlace(bool community, Random random, HashSet<string> used)
    {
        for (var attempt = 0; ; attempt++)
        {
            var place = community
                ? DemoNames.CommunityFirst[random.Next(DemoNames.CommunityFirst.Length)] + DemoNames.CommunitySecond[random.Next(DemoNames.CommunitySecond.Length)] + "社区"
                : DemoNames.First[random.Next(DemoNames.First.Length)] + DemoNames.Second[random.Next(DemoNames.Second.Length)] + "村";
            // Large benchmark counties run out of two-part names: number them as 一组, 二组 … like real split villages.
            if (attempt > 30) place = place.Insert(place.Length - (community ? 2 : 1), Numerals[random.Next(Numerals.Length)]);
            if (used.Add(place)) return place;
        }
    }
}
