using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CivicPractice.Domain.Organization;

namespace CivicPractice.Bench;

public sealed record HarnessOptions(
    DbProvider Provider, string ConnectionString, string PlatformDll, string PlatformContentRoot, string BareDll, string LogDirectory,
    double Scale, int Rounds, double Seconds, int Connections, int Starts, int ImportRows, string ResultsDirectory, double? SeedSeconds, string? Commit);

public sealed record Scenario(string Name, string Group, string Path, Session? Session, DirectQuery Db);

public sealed record Round(int Number, LoadResult Http, LoadResult Scenario, LoadResult Db);

public sealed record ScenarioResult(
    string Name, string Group, string Path, double RpsMedian, double RpsMin, double P50Median, double P99Median, double P99Min,
    double HttpRpsMedian, double DbRpsMedian, double DbP99Median, double Share, long Errors, string Verdict, string? FirstError, IReadOnlyList<Round> Rounds);

public sealed record ExportRound(int Number, double Seconds, long Bytes, double RssBeforeMb, double RssAfterMb, double GrowthMb, double DbSeconds);

public sealed record ImportRound(int Number, double Seconds, int Total, int Imported, int Skipped, int ErrorCount, double RowsPerSecond);

public sealed record BenchResult(
    DateTimeOffset At, string Provider, double Scale, string? Commit, int Cores, int Connections, double Seconds, int Rounds,
    string? LoadAverageAtStart, string? LoadAverageAtEnd, long VolunteersBefore, double? SeedSeconds, IReadOnlyList<double> StartSeconds, IReadOnlyList<ScenarioResult> Scenarios,
    IReadOnlyList<ExportRound> Export, IReadOnlyList<ImportRound> Import, double PeakRssMb, IReadOnlyDictionary<string, double> RssAfterMb,
    IReadOnlyList<Check> Checks);

/// <summary>One line of the table's lower half: a single figure against its target.</summary>
public sealed record Check(string Name, string Value, string Target, string Verdict);

/// <summary>
/// The whole run: baseline-http up, the platform started (and timed) on the seeded database, the scenarios each beside
/// its baselines (http, scenario, db — alternating, for every round), then export, import and peak memory.
/// </summary>
public static class Harness
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<BenchResult> RunAsync(HarnessOptions o)
    {
        var duration = TimeSpan.FromSeconds(o.Seconds);
        var loadAtStart = LoadAverage();
        Console.WriteLine($"bench: {o.Provider}, scale {o.Scale}, {o.Connections} connections, {o.Seconds} s a run, {o.Rounds} rounds, {Environment.ProcessorCount} cores, load average {loadAtStart}");

        var (bare, _) = await ServerProcess.StartAsync(o.BareDll, Path.GetDirectoryName(o.BareDll)!, Path.Combine(o.LogDirectory, "bare.log"), "/");
        await using var bareServer = bare;
        using var bareClient = LoadGenerator.Client(bare.Address, o.Connections);
        var httpBaseline = LoadGenerator.Get(bareClient, "/");
        await LoadGenerator.RunAsync(httpBaseline, o.Connections, TimeSpan.FromSeconds(1)); // JIT and connections

        var db = new DirectQueries(o.Provider, o.ConnectionString);
        await db.AnalyzeAsync();

        var starts = new List<double>();
        ServerProcess? platform = null;
        for (var i = 0; i < o.Starts; i++)
        {
            if (platform is not null) await platform.DisposeAsync();
            var (server, took) = await ServerProcess.StartAsync(o.PlatformDll, o.PlatformContentRoot, Path.Combine(o.LogDirectory, "platform.log"), Endpoints.Health);
            platform = server;
            starts.Add(Math.Round(took.TotalSeconds, 2));
        }
        await using var _ = platform!;
        Console.WriteLine($"start on the seeded database: {string.Join(" / ", starts.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture)))} s");

        using var client = LoadGenerator.Client(platform!.Address, o.Connections);
        var volunteers = await db.CountVolunteersAsync();
        var county = await Session.SignInAsync(client, DemoLogins.CountyAdmin);
        var station = await Session.SignInAsync(client, DemoLogins.StationAdmin);
        var rootId = (await UnitsAsync(client, county, Endpoints.OrgRoot()))[0].Id;
        var institute = (await UnitsAsync(client, county, Endpoints.OrgChildren(rootId))).First(u => u.Type == "Institute");
        var stations = await UnitsAsync(client, county, Endpoints.OrgStations());
        var countyPath = await db.PathOfAsync(county.UnitId!.Value);
        var stationPath = await db.PathOfAsync(station.UnitId!.Value);
        var institutePath = await db.PathOfAsync(institute.Id);
        Console.WriteLine($"{volunteers} volunteers, {stations.Count} stations; station admin's station {station.UnitId}");

        List<Scenario> scenarios =
        [
            new("portal home (anonymous)", ScenarioGroups.Pages, Endpoints.PortalHome, null, db.PortalUnits(county.CountyId)),
            new("org: root", ScenarioGroups.Pages, Endpoints.OrgRoot(), county, db.OrgUnits(county.CountyId, countyPath, """u."Path" = @root""", 20, ("root", countyPath))),
            new("org: children of root", ScenarioGroups.Pages, Endpoints.OrgChildren(rootId), county, db.OrgUnits(county.CountyId, countyPath, """u."ParentId" = @parent""", 20, ("parent", db.Id(rootId)))),
            new("org: stations, 200 a page", ScenarioGroups.Pages, Endpoints.OrgStations(), county, db.OrgUnits(county.CountyId, countyPath, """u."Type" = @type""", 200, ("type", (int)OrgUnitType.Station))),
        ];
        // The unit filter: the county admin narrows to an institute, the station admin to their own station.
        foreach (var (who, session, path, unit) in new[] { ("county admin", county, countyPath, (Id: institute.Id, Path: institutePath)), ("station admin", station, stationPath, (Id: station.UnitId!.Value, Path: stationPath)) })
        {
            var scope = session.CountyId;
            scenarios.Add(new($"{who}: volunteer list", ScenarioGroups.Volunteers, Endpoints.VolunteerPage(), session, db.VolunteerPage(scope, path)));
            scenarios.Add(new($"{who}: name q={Endpoints.NameSearch}", ScenarioGroups.Volunteers, Endpoints.VolunteerSearch(Endpoints.NameSearch), session, db.VolunteerPage(scope, path, nameLike: $"%{Endpoints.NameSearch}%")));
            scenarios.Add(new($"{who}: phone q={Endpoints.PhoneTail}", ScenarioGroups.Volunteers, Endpoints.VolunteerSearch(Endpoints.PhoneTail), session, db.VolunteerPage(scope, path, phoneLike: $"%{Endpoints.PhoneTail}")));
            scenarios.Add(new($"{who}: unit filter", ScenarioGroups.Volunteers, Endpoints.VolunteersInUnit(unit.Id), session, db.VolunteerPage(scope, unit.Path)));
        }

        var rss = new Dictionary<string, double>();
        var results = new List<ScenarioResult>();
        PrintHeader();
        foreach (var s in scenarios)
        {
            var scenario = LoadGenerator.Get(client, s.Path, s.Session);
            // One of each first: a failing scenario is said at once, and JIT and caches are warm for round 1.
            if (await scenario(CancellationToken.None) is { } error) throw new InvalidOperationException($"{s.Name}: {error}");
            await s.Db.ReadAsync(CancellationToken.None);
            var rounds = new List<Round>();
            for (var r = 1; r <= o.Rounds; r++)
            {
                var http = await LoadGenerator.RunAsync(httpBaseline, o.Connections, duration);
                var measured = await LoadGenerator.RunAsync(scenario, o.Connections, duration);
                var direct = await LoadGenerator.RunAsync(s.Db.Operation, o.Connections, duration);
                rounds.Add(new Round(r, http, measured, direct));
            }
            var result = Summarize(s, rounds);
            results.Add(result);
            rss[s.Name] = platform.Memory().Rss;
            PrintRow(result);
        }

        var export = new List<ExportRound>();
        var exportDb = db.VolunteerExport(county.CountyId, countyPath);
        for (var r = 1; r <= o.Rounds; r++)
        {
            var before = platform.Memory().Rss;
            var clock = Stopwatch.StartNew();
            using var request = new HttpRequestMessage(HttpMethod.Get, Endpoints.VolunteerExport);
            county.Apply(request);
            using var response = await client.SendAsync(request);
            var bytes = (await response.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync()).LongLength;
            var seconds = clock.Elapsed.TotalSeconds;
            await Task.Delay(1000);
            var after = platform.Memory().Rss;
            clock.Restart();
            await exportDb.ReadAsync(CancellationToken.None);
            export.Add(new ExportRound(r, Math.Round(seconds, 2), bytes, before, after, Math.Round(after - before, 1), Math.Round(clock.Elapsed.TotalSeconds, 2)));
        }
        rss["export"] = platform.Memory().Rss;

        var import = new List<ImportRound>();
        var codes = stations.Select(u => u.Code).ToList();
        for (var r = 1; r <= o.Rounds; r++)
        {
            var file = ImportFile.Create(codes, o.ImportRows, r);
            using var request = new HttpRequestMessage(HttpMethod.Post, Endpoints.VolunteerImport) { Content = ImportFile.Content(file) };
            county.Apply(request);
            var clock = Stopwatch.StartNew();
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var seconds = clock.Elapsed.TotalSeconds;
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"import answered {(int)response.StatusCode}: {body}");
            var outcome = JsonSerializer.Deserialize<ImportOutcome>(body, Json)!;
            import.Add(new ImportRound(r, Math.Round(seconds, 2), outcome.Total, outcome.Imported, outcome.Skipped, outcome.ErrorCount, Math.Round(outcome.Total / seconds, 0)));
        }
        var (lastRss, peak) = platform.Memory();
        rss["import"] = lastRss;

        var checks = new List<Check>
        {
            new("start on the seeded database", $"{Median(starts):0.00} s (min {starts.Min():0.00})", $"≤ {Targets.StartSeconds} s", Targets.Verdict(Median(starts) <= Targets.StartSeconds)),
            new($"import {o.ImportRows:N0} rows", $"{Median(import.Select(i => i.RowsPerSecond)):0} rows/s (min {import.Min(i => i.RowsPerSecond):0})",
                $"≥ {Targets.ImportRowsPerSecond:0} rows/s", Targets.Verdict(Median(import.Select(i => i.RowsPerSecond)) >= Targets.ImportRowsPerSecond && import.All(i => i.ErrorCount == 0))),
            // Judged on the largest growth of one export: memory must stay flat on every one, not on average.
            new("export, county admin: server growth", $"{export.Max(e => e.GrowthMb):0} MB ({string.Join(" / ", export.Select(e => e.GrowthMb.ToString("0", CultureInfo.InvariantCulture)))}; {Median(export.Select(e => e.Seconds)):0.0} s; db {Median(export.Select(e => e.DbSeconds)):0.0} s)",
                $"≤ {Targets.ExportGrowthMb} MB", Targets.Verdict(export.Max(e => e.GrowthMb) <= Targets.ExportGrowthMb)),
            new("peak RSS through the run", $"{peak:0} MB", $"≤ {Targets.PeakRssMb} MB at scale 1", o.Scale <= 1 ? Targets.Verdict(peak <= Targets.PeakRssMb) : "—"),
        };
        if (o.Scale > 1) checks.AddRange(CompareWithScaleOne(o, results));
        if (o.SeedSeconds is { } seed) checks.Insert(0, new Check($"seed --scale {o.Scale}", $"{seed:0} s, {volunteers} volunteers", "—", "—"));
        PrintChecks(checks);

        var loadAtEnd = LoadAverage();
        Console.WriteLine($"load average at the end: {loadAtEnd} (other work on the machine shows here)");
        return new BenchResult(DateTimeOffset.UtcNow, o.Provider.ToString().ToLowerInvariant(), o.Scale, o.Commit, Environment.ProcessorCount, o.Connections, o.Seconds, o.Rounds,
            loadAtStart, loadAtEnd, volunteers, o.SeedSeconds, starts, results, export, import, peak, rss, checks);
    }

    public static string Save(BenchResult result, string directory)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"{result.At:yyyyMMdd-HHmmss}-{result.Provider}-scale{result.Scale.ToString(CultureInfo.InvariantCulture)}.json");
        File.WriteAllText(file, JsonSerializer.Serialize(result, Json));
        return file;
    }

    /// <summary>A result file as the Markdown tables of bench/README.md.</summary>
    public static string Markdown(string file)
    {
        var r = JsonSerializer.Deserialize<BenchResult>(File.ReadAllText(file), Json)!;
        var md = new System.Text.StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"`{Path.GetFileName(file)}`: {r.Provider}, scale {r.Scale}, commit {r.Commit}, {r.VolunteersBefore:N0} volunteers; {r.Connections} connections, {r.Rounds} rounds of {r.Seconds} s{(r.LoadAverageAtStart is null ? "" : $"; load average {r.LoadAverageAtStart} at the start, {r.LoadAverageAtEnd} at the end")}");
        md.AppendLine();
        md.AppendLine("| scenario | req/s median (min) | p50 ms | p99 ms | baseline-http req/s | share | baseline-db req/s (p99 ms) | verdict |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var s in r.Scenarios)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {s.Name} | {s.RpsMedian:0.#} ({s.RpsMin:0.#}) | {s.P50Median:0} | {s.P99Median:0} | {s.HttpRpsMedian:N0} | {Percent(s.Share)} | {s.DbRpsMedian:0.#} ({s.DbP99Median:0}) | {s.Verdict} |");
        }
        md.AppendLine();
        md.AppendLine("| figure | value | target | verdict |");
        md.AppendLine("|---|---|---|---|");
        foreach (var c in r.Checks) md.AppendLine(CultureInfo.InvariantCulture, $"| {c.Name} | {c.Value} | {c.Target} | {c.Verdict} |");
        return md.ToString();
    }

    private static ScenarioResult Summarize(Scenario s, List<Round> rounds)
    {
        var rps = Median(rounds.Select(r => r.Scenario.RequestsPerSecond));
        var http = Median(rounds.Select(r => r.Http.RequestsPerSecond));
        var p99 = Median(rounds.Select(r => r.Scenario.P99Ms));
        var share = http > 0 ? rps / http : 0;
        var errors = rounds.Sum(r => r.Scenario.Errors);
        return new ScenarioResult(s.Name, s.Group, s.Path, rps, rounds.Min(r => r.Scenario.RequestsPerSecond), Median(rounds.Select(r => r.Scenario.P50Ms)), p99,
            rounds.Min(r => r.Scenario.P99Ms), http, Median(rounds.Select(r => r.Db.RequestsPerSecond)), Median(rounds.Select(r => r.Db.P99Ms)), Math.Round(share, 5),
            errors + rounds.Sum(r => r.Db.Errors + r.Http.Errors), Targets.Judge(s.Group, share, p99, errors),
            rounds.Select(r => r.Scenario.FirstError ?? r.Db.FirstError ?? r.Http.FirstError).FirstOrDefault(e => e is not null), rounds);
    }

    /// <summary>At a larger scale: each volunteer scenario's p99 against the latest scale-1 run on the same database.</summary>
    private static IEnumerable<Check> CompareWithScaleOne(HarnessOptions o, List<ScenarioResult> results)
    {
        var provider = o.Provider.ToString().ToLowerInvariant();
        var latest = Directory.Exists(o.ResultsDirectory)
            ? Directory.GetFiles(o.ResultsDirectory, $"*-{provider}-scale1.json").Order().LastOrDefault()
            : null;
        if (latest is null)
        {
            yield return new Check("p99 against scale 1", "no scale-1 result of this database in " + o.ResultsDirectory, $"≤ {Targets.ScaleP99Factor}× scale 1", "—");
            yield break;
        }
        var baseline = JsonSerializer.Deserialize<BenchResult>(File.ReadAllText(latest), Json)!;
        foreach (var r in results.Where(r => r.Group == ScenarioGroups.Volunteers))
        {
            var before = baseline.Scenarios.FirstOrDefault(b => b.Name == r.Name);
            if (before is null || before.P99Median <= 0) continue;
            yield return new Check($"{r.Name}: p99 vs scale 1", $"{r.P99Median:0} ms vs {before.P99Median:0} ms", $"≤ {Targets.ScaleP99Factor}×",
                Targets.Verdict(r.P99Median <= Targets.ScaleP99Factor * before.P99Median));
        }
    }

    private static async Task<List<UnitRow>> UnitsAsync(HttpClient client, Session session, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        session.Apply(request);
        using var response = await client.SendAsync(request);
        var page = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<UnitPage>(Json);
        return page!.Items;
    }

    /// <summary>The 1, 5 and 15 minute load averages (/proc/loadavg): how busy the machine was besides the bench.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return 0;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private const string RowFormat = "{0,-34} {1,15} {2,8} {3,8} {4,10} {5,8} {6,9} {7,8}  {8}";

    private static void PrintHeader()
    {
        Console.WriteLine();
        Console.WriteLine(RowFormat, "scenario (median of rounds)", "req/s (min)", "p50 ms", "p99 ms", "http r/s", "share", "db r/s", "db p99", "verdict");
    }

    private static void PrintRow(ScenarioResult r) => Console.WriteLine(string.Format(CultureInfo.InvariantCulture, RowFormat,
        r.Name, $"{r.RpsMedian:0.#} ({r.RpsMin:0.#})", r.P50Median.ToString("0.#", CultureInfo.InvariantCulture), r.P99Median.ToString("0.#", CultureInfo.InvariantCulture),
        r.HttpRpsMedian.ToString("0", CultureInfo.InvariantCulture), Percent(r.Share),
        r.DbRpsMedian.ToString("0.#", CultureInfo.InvariantCulture), r.DbP99Median.ToString("0.#", CultureInfo.InvariantCulture),
        r.Verdict + (r.FirstError is { } e ? $" [{e}]" : "")));

    /// <summary>Two significant digits below 1 %: today's shares are thousandths of a percent.</summary>
    private static string Percent(double share) =>
        (share * 100).ToString(share >= 0.01 ? "0.0" : share >= 0.0001 ? "0.00" : "0.000", CultureInfo.InvariantCulture) + "%";

    private static void PrintChecks(IEnumerable<Check> checks)
    {
        Console.WriteLine();
        foreach (var c in checks) Console.WriteLine("{0,-34} {1,-52} {2,-22} {3}", c.Name, c.Value, c.Target, c.Verdict);
    }

    private sealed record UnitRow(Guid Id, string Type, string Code);

    private sealed record UnitPage(List<UnitRow> Items);

    private sealed record ImportOutcome(int Total, int Imported, int Skipped, int ErrorCount);
}
