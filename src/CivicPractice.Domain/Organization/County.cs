using CivicPractice.Domain.Common;

namespace CivicPractice.Domain.Organization;

/// <summary>A county (县/区/县级市): one tenant. Its admins see only their own tree.</summary>
public sealed class County
{
    private County() { }

    public County(Guid id, string name, string code, string province, DateTimeOffset now)
    {
        Id = id;
        Name = name;
        Code = code;
        Province = province;
        IsActive = true;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>The administrative division code (行政区划代码), also the county's short public key in URLs.</summary>
    public string Code { get; private set; } = "";
    public string Province { get; private set; } = "";
    public bool IsActive { get; private set; }
    /// <summary>New volunteer registrations are approved at once instead of waiting for their station (a per-county setting).</summary>
    public bool AutoApproveVolunteers { get; private set; }
    /// <summary>The registration rate the county aims at, in percent of the resident population (a per-county setting).</summary>
    public double RegistrationTargetPercent { get; private set; } = IndicatorPolicies.DefaultRegistrationTargetPercent;
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>The county's names of its tier teams and squads (a per-county setting; defaults 总队/大队/中队/小队).</summary>
    public string CorpsName { get; private set; } = Teams.TeamTierNames.Default.Corps;
    public string BrigadeName { get; private set; } = Teams.TeamTierNames.Default.Brigade;
    public string SquadronName { get; private set; } = Teams.TeamTierNames.Default.Squadron;
    public string SquadName { get; private set; } = Teams.TeamTierNames.Default.Squad;

    public Teams.TeamTierNames TeamTiers => new(CorpsName, BrigadeName, SquadronName, SquadName);

    public void SetAutoApproveVolunteers(bool value) => AutoApproveVolunteers = value;

    public void SetTeamTiers(Teams.TeamTierNames names) => (CorpsName, BrigadeName, SquadronName, SquadName) = (names.Corps, names.Brigade, names.Squadron, names.Squad);

    public void SetRegistrationTarget(double percent)
    {
        if (!(percent >= IndicatorPolicies.MinRegistrationTargetPercent && percent <= IndicatorPolicies.MaxRegistrationTargetPercent))
        {
            throw new DomainException("注册率目标应在 0.1% 到 100% 之间。");
        }
        RegistrationTargetPercent = Math.Round(percent, 1);
    }
}
