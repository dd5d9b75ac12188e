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

/// <summary>What a feature's demo contributor gets: the county just made, its own names and figures, its units and the shared random source.</summary>
public sealed class DemoSeedContext(AppDbContext db, Random random, DemoOptions options, County county, DemoCountyProfile profile, IReadOnlyList<OrgUnit> units, DateTimeOffset now)
{
    public AppDbContext Db { get; } = db;
    public Random Random { get; } = random;
    public DemoOptions Options { get; } = options;
    public County County { get; } = county;
    public DemoCountyProfile Profile { get; } = profile;
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
/// populations that add up from stations to the center; plus a small urban district with its own names and figures
/// (<see cref="DemoNames"/>) to show isolation.
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
        foreach (var profile in Profiles)
        {
            logins.AddRange(await SeedCountyAsync(profile, options, Math.Max(profile.MinScale, options.Scale * profile.ScaleFactor), random, now, ct));
        }
        return logins;
    }

    private static readonly DemoCountyProfile[] Profiles = [DemoNames.QingShan, DemoNames.YunXi];

    /// <summary>Demo logins the seeder makes: the main county's six, the district's county admin.</summary>
    private static IEnumerable<string> DemoPhones() =>
        Enumerable.Range(1, 7).Select(n => DemoNames.QingShan.PhonePrefix + n.ToString("D2")).Append(DemoNames.YunXi.PhonePrefix + "01");

    /// <summary>
    /// The demo logins as the database holds them now (units renamed or moved since, accounts gone), for the banner
    /// of a start on an existing database. Each account is listed with its widest role.
    /// </summary>
    public async Task<IReadOnlyList<DemoAccount>> DescribeAccountsAsync(CancellationToken ct = default)
    {
        using var _ = db.Scope.AsSystem();
        var phones = DemoPhones().ToDictionary(accounts.PhoneIndex);
        var rows = await (from u in db.Users
                          where phones.Keys.Contains(u.UserName!)
                          join r in db.RoleAssignments on u.Id equals r.UserId
                          join o in db.OrgUnits on r.OrgUnitId equals o.Id
                          join c in db.Counties on r.CountyId equals c.Id
                          select new { u.UserName, u.DisplayName, r.Role, Unit = o.Name, County = c.Name }).ToListAsync(ct);
        return [.. rows.GroupBy(r => r.UserName!)
            .Select(g => g.OrderBy(r => RoleLabels.Breadth(r.Role)).First())
            .Select(r => new DemoAccount(phones[r.UserName!], DemoPassword, r.DisplayName, r.Role, r.Unit, r.County))
            .OrderBy(a => a.Phone, StringComparer.Ordinal)];
    }

    private async Task<List<DemoAccount>> SeedCountyAsync(DemoCountyProfile profile, DemoOptions options, double scale, Random random, DateTimeOffset now, CancellationToken ct)
    {
        var (name, code, prefix) = (profile.Name, profile.Code, profile.Prefix);
        var county = new County(Guid.CreateVersion7(now), name, code, "湖南省", now);
        db.Counties.Add(county);
        var units = new List<OrgUnit>();
        var center = OrgUnit.Create(county.Id, null, OrgUnitType.Center, Details($"{name}新时代文明实践中心", prefix, profile.CenterAddress, 0), now);
        units.Add(center);

        var instituteCount = Math.Max(2, (int)Math.Round(12 * scale));
        var stationsPerInstitute = Math.Max(2, (int)Math.Round(200.0 * scale / instituteCount));
        var townNames = Pick(profile, instituteCount, random);
        var usedStationNames = new HashSet<string>();
        var institutes = new List<OrgUnit>();
        for (var i = 0; i < instituteCount; i++)
        {
            var town = townNames[i];
            var isStreet = town.EndsWith("街道", StringComparison.Ordinal);
            var institute = OrgUnit.Create(county.Id, center, OrgUnitType.Institute, Details($"{town}新时代文明实践所", $"{prefix}{i + 1:D2}", $"{name}{town}{(isStreet ? "办事处" : "政府大院")}", 0), now, i + 1);
            units.Add(institute);
            institutes.Add(institute);
            var stationCount = stationsPerInstitute + random.Next(-2, 3);
            var population = 0;
            for (var s = 0; s < Math.Max(1, stationCount); s++)
            {
                var community = isStreet || random.Next(profile.TownCommunityOneIn) == 0;
                var place = UniquePlace(profile, community, random, usedStationNames);
                var (min, max) = community ? profile.CommunityPopulation : profile.VillagePopulation;
                var people = random.Next(min, max + 1);
                population += people;
                var station = OrgUnit.Create(county.Id, institute, OrgUnitType.Station,
                    Details($"{place}新时代文明实践站", $"{institute.Code}-{s + 1:D3}", $"{town}{place}", people), now, s + 1);
                units.Add(station);
                var points = random.Next(4) == 0 ? random.Next(1, 3) : 0;
                for (var p = 0; p < points; p++)
                {
                    var kind = profile.PointKinds[random.Next(profile.PointKinds.Length)];
                    units.Add(OrgUnit.Create(county.Id, station, OrgUnitType.Point,
                        Details($"{place}{kind}实践点", $"{station.Code}-P{p + 1}", $"{town}{place}", 0), now, p + 1));
                }
            }
            institute.Update(Details(institute.Name, institute.Code, institute.Address, population), now);
        }
        center.Update(Details(center.Name, center.Code, center.Address, units.Where(u => u.Type == OrgUnitType.Institute).Sum(u => u.ResidentPopulation)), now);

        // Bases at the center, an institute or a station (an enterprise in a village), each with its staff's party members.
        var baseCount = Math.Max(1, (int)Math.Round(10 * scale));
        var allStations = units.Where(u => u.Type == OrgUnitType.Station).ToList();
        for (var b = 0; b < baseCount; b++)
        {
            var baseName = profile.Bases[b % profile.Bases.Length];
            var parent = (b % 3) switch
            {
                1 when institutes.Count > 0 => institutes[random.Next(institutes.Count)],
                2 when allStations.Count > 0 => allStations[random.Next(allStations.Count)],
                _ => center,
            };
            var details = Details($"{baseName}{(b >= profile.Bases.Length ? (b / profile.Bases.Length + 1).ToString() : "")}实践基地", $"{prefix}-B{b + 1:D2}", baseName, 0)
                with { PartyMembers = random.Next(20, 160) };
            units.Add(OrgUnit.Create(county.Id, parent, OrgUnitType.Base, details, now, b + 1));
        }
        db.OrgUnits.AddRange(units);
        db.Venues.AddRange(Venues(profile, units, random, now));
        await db.SaveChangesAsync(ct);

        var firstInstitute = institutes[0];
        var stations = units.Where(u => u.Type == OrgUnitType.Station).ToList();
        var firstStation = stations.First(s => s.ParentId == firstInstitute.Id);
        var secondStation = stations.First(s => s.ParentId == firstInstitute.Id && s.Id != firstStation.Id);
        var logins = new List<DemoAccount>();
        async Task Login(int n, string person, RoleKind role, OrgUnit unit)
        {
            var phone = profile.PhonePrefix + n.ToString("D2");
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
            // 基地主任: the StationAdmin role at a base runs the base, its volunteers and its team.
            await Login(7, PersonName(random), RoleKind.StationAdmin, units.First(u => u.Type == OrgUnitType.Base));
        }
        await db.SaveChangesAsync(ct);

        var context = new DemoSeedContext(db, random, options with { Scale = scale }, county, profile, units, now);
        foreach (var contributor in contributors.OrderBy(c => c.Order))
        {
            await contributor.ContributeAsync(context, ct);
        }
        return logins;

        OrgUnitDetails Details(string unitName, string unitCode, string? address, int population) =>
            new(unitName, unitCode, address, null, null, population, PersonName(random), $"{profile.AreaCode}-{random.Next(8100000, 8999999)}", "周一至周五 8:30-17:30，周六活动日", PersonName(random));
    }

    public static async Task<bool> IsEmptyAsync(AppDbContext db, CancellationToken ct)
    {
        using var _ = db.Scope.AsSystem();
        return !await db.Counties.AnyAsync(ct);
    }

    private static IEnumerable<Venue> Venues(DemoCountyProfile profile, IEnumerable<OrgUnit> units, Random random, DateTimeOffset now)
    {
        foreach (var unit in units)
        {
            switch (unit.Type)
            {
                case OrgUnitType.Center:
                    foreach (var venue in profile.CenterVenues) yield return Venue.Create(unit, venue with { Address = unit.Address }, now);
                    break;
                case OrgUnitType.Institute:
                    var owner = unit.Name.Replace("新时代文明实践所", unit.Name.Contains("街道", StringComparison.Ordinal) ? "办事处" : "人民政府", StringComparison.Ordinal);
                    yield return Venue.Create(unit, new("综合文化站", "文化服务平台", owner, unit.Address, random.Next(60, 201), "周一至周六 8:30-18:00", null), now);
                    yield return Venue.Create(unit, new("党群服务中心会议室", "理论宣讲平台", null, unit.Address, random.Next(40, 121), "工作日 8:30-17:30", null), now);
                    break;
                case OrgUnitType.Station:
                    yield return Venue.Create(unit, new("综合文化服务中心", "文化服务平台", null, unit.Address, random.Next(30, 101), "每周六 9:00-17:00 为活动日", null), now);
                    break;
            }
        }
    }

    private static string PersonName(Random random) =>
        DemoNames.Surnames[random.Next(DemoNames.Surnames.Length)] + DemoNames.GivenNames[random.Next(DemoNames.GivenNames.Length)];

    private static List<string> Pick(DemoCountyProfile profile, int count, Random random)
    {
        var pool = profile.Streets.Take(Math.Max(1, (count * profile.StreetPercent + 99) / 100)).Concat(profile.Towns).ToList();
        var result = new List<string>();
        for (var i = 0; i < count; i++)
        {
            result.Add(i < pool.Count ? pool[i] : profile.VillageFirst[random.Next(profile.VillageFirst.Length)] + profile.VillageSecond[random.Next(profile.VillageSecond.Length)] + (i % 2 == 0 ? "镇" : "乡"));
        }
        return result.Distinct().Count() == result.Count ? result : [.. result.Select((t, i) => result.IndexOf(t) == i ? t : t.Replace("镇", $"{i}镇", StringComparison.Ordinal))];
    }

    private static readonly string[] Numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "东", "西", "南", "北", "上", "下", "新"];

    private static string UniquePlace(DemoCountyProfile profile, bool community, Random random, HashSet<string> used)
    {
        for (var attempt = 0; ; attempt++)
        {
            var place = community
                ? profile.CommunityFirst[random.Next(profile.CommunityFirst.Length)] + profile.CommunitySecond[random.Next(profile.CommunitySecond.Length)] + "社区"
                : profile.VillageFirst[random.Next(profile.VillageFirst.Length)] + profile.VillageSecond[random.Next(profile.VillageSecond.Length)] + "村";
            // Large benchmark counties run out of two-part names: number them as 一组, 二组 … like real split villages.
            if (attempt > 30) place = place.Insert(place.Length - (community ? 2 : 1), Numerals[random.Next(Numerals.Length)]);
            if (used.Add(place)) return place;
        }
    }
}
