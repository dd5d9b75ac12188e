namespace CivicPractice.Bench;

/// <summary>The targets of issue #12, which the harness judges every figure against.</summary>
public static class Targets
{
    /// <summary>Volunteer list and search: the goal is a quarter of baseline-http's throughput; a twentieth at least.</summary>
    public const double VolunteerShareGoal = 0.25;
    public const double VolunteerShareFloor = 0.05;
    public const double VolunteerP99Ms = 150;

    /// <summary>Portal home and the org tree.</summary>
    public const double PageShare = 0.25;
    public const double PageP99Ms = 50;

    public const double ImportRowsPerSecond = 2_000;
    public const double StartSeconds = 5;
    /// <summary>Judged at scale 1 only.</summary>
    public const double PeakRssMb = 400;
    public const double ExportGrowthMb = 50;
    /// <summary>At a larger scale, a volunteer scenario's p99 stays within this factor of scale 1's.</summary>
    public const double ScaleP99Factor = 2;

    public static string Judge(string group, double share, double p99Ms, long errors)
    {
        if (errors > 0) return "FAIL (errors)";
        if (group == ScenarioGroups.Volunteers)
        {
            if (p99Ms > VolunteerP99Ms) return $"FAIL (p99>{VolunteerP99Ms:0}ms)";
            return share >= VolunteerShareGoal ? "PASS" : share >= VolunteerShareFloor ? "PASS (floor 5%)" : "FAIL (<5% of http)";
        }
        if (p99Ms > PageP99Ms) return $"FAIL (p99>{PageP99Ms:0}ms)";
        return share >= PageShare ? "PASS" : "FAIL (<25% of http)";
    }

    public static string Verdict(bool pass) => pass ? "PASS" : "FAIL";
}

public static class ScenarioGroups
{
    public const string Pages = "pages";
    public const string Volunteers = "volunteers";
}
