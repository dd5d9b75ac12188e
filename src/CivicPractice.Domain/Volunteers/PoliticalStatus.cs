namespace CivicPractice.Domain.Volunteers;

/// <summary>政治面貌, as the national volunteer system records it.</summary>
public enum PoliticalStatus
{
    /// <summary>中共党员.</summary>
    PartyMember = 1,
    /// <summary>中共预备党员.</summary>
    ProbationaryPartyMember = 2,
    /// <summary>共青团员.</summary>
    LeagueMember = 3,
    /// <summary>民主党派.</summary>
    DemocraticParty = 4,
    /// <summary>无党派人士.</summary>
    NonPartisan = 5,
    /// <summary>群众.</summary>
    Masses = 6,
}

public static class VolunteerLabels
{
    public static string Of(PoliticalStatus s) => s switch
    {
        PoliticalStatus.PartyMember => "中共党员",
        PoliticalStatus.ProbationaryPartyMember => "中共预备党员",
        PoliticalStatus.LeagueMember => "共青团员",
        PoliticalStatus.DemocraticParty => "民主党派",
        PoliticalStatus.NonPartisan => "无党派人士",
        PoliticalStatus.Masses => "群众",
        _ => s.ToString(),
    };

    public static string Of(Gender g) => g == Gender.Male ? "男" : "女";

    public static string Of(VolunteerStatus s) => s switch
    {
        VolunteerStatus.Pending => "待审核",
        VolunteerStatus.Approved => "已通过",
        VolunteerStatus.Rejected => "未通过",
        VolunteerStatus.Withdrawn => "已注销",
        _ => s.ToString(),
    };

    public static bool IsPartyMember(PoliticalStatus s) => s is PoliticalStatus.PartyMember or PoliticalStatus.ProbationaryPartyMember;
}
