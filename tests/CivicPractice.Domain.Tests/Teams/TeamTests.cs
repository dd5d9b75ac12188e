using CivicPractice.Domain.Common;
using CivicPractice.Domain.Organization;
using CivicPractice.Domain.Teams;

namespace CivicPractice.Domain.Tests.Teams;

public sealed class TeamTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TierTeams_MirrorTheTree_WithTheirChineseNames()
    {
        var (center, institute, station) = Tree();
        var corps = Team.ForUnit(center, null, TeamTierNames.Default, Now);
        var brigade = Team.ForUnit(institute, corps, TeamTierNames.Default, Now);
        var squadron = Team.ForUnit(station, brigade, TeamTierNames.Default, Now);

        Assert.Equal(("青山县新时代文明实践志愿服务总队", TeamKind.Corps), (corps.Name, corps.Kind));
        Assert.Equal(("白沙镇新时代文明实践志愿服务大队", corps.Id), (brigade.Name, brigade.ParentTeamId!.Value));
        Assert.Equal(("杨家村新时代文明实践志愿服务中队", station.Path), (squadron.Name, squadron.UnitPath));
        Assert.Throws<DomainException>(() => squadron.Deactivate(Now));
    }

    [Fact]
    public void SpecialisedTeams_HangWhereTheyBelong()
    {
        var (center, institute, station) = Tree();
        var corps = Team.ForUnit(center, null, TeamTierNames.Default, Now);
        var squadron = Team.ForUnit(station, Team.ForUnit(institute, corps, TeamTierNames.Default, Now), TeamTierNames.Default, Now);
        var details = new TeamDetails("县卫健局", "医疗健身", ["义诊", "健康讲座"], ["老年人"], null);

        var detachment = Team.Specialised(TeamKind.Detachment, "医疗健身志愿服务支队", center, corps, details, Now);
        Team.Specialised(TeamKind.Section, "中医义诊分队", center, detachment, details, Now);
        Team.Specialised(TeamKind.Squad, "杨家村巾帼小队", station, squadron, details, Now);

        Assert.Equal(["义诊", "健康讲座"], detachment.ServiceItems);
        Assert.Throws<DomainException>(() => Team.Specialised(TeamKind.Squad, "错位小队", center, corps, details, Now));
        Assert.Throws<DomainException>(() => Team.Specialised(TeamKind.Section, "无主分队", center, null, details, Now));
        Assert.Throws<DomainException>(() => Team.Specialised(TeamKind.Brigade, "手工大队", institute, corps, details, Now));
    }

    [Fact]
    public void ACountysOwnTierNames_NameItsTierTeams_AndASquadMaySitUnderABrigade()
    {
        var (center, institute, station) = Tree();
        var names = TeamTierNames.Create(" 总队 ", "大队", "小队", "小分队");
        var brigade = Team.ForUnit(institute, Team.ForUnit(center, null, names, Now), names, Now);

        Assert.Equal("杨家村新时代文明实践志愿服务小队", Team.ForUnit(station, brigade, names, Now).Name);
        Assert.Equal(("总队", "小分队", "支队"), (names.Of(TeamKind.Corps), names.Of(TeamKind.Squad), names.Of(TeamKind.Detachment)));
        Assert.Equal(brigade.Id, Team.Specialised(TeamKind.Squad, "镇机关小队", institute, brigade, new TeamDetails(null, null, [], [], null), Now).ParentTeamId);
        Assert.Throws<DomainException>(() => TeamTierNames.Create("总队", "大队", "大队", "小队"));
        Assert.Throws<DomainException>(() => TeamTierNames.Create("总队", "分队", "中队", "小队"));
        Assert.Throws<DomainException>(() => TeamTierNames.Create("总队", " ", "中队", "小队"));
        Assert.Throws<DomainException>(() => TeamTierNames.Create("总队", "大队", "新时代文明实践中队", "小队"));
    }

    [Fact]
    public void ABase_GetsItsOwnTeam_UnderTheTierTeamAboveIt_WhateverTheCountyCallsItsTiers()
    {
        var (center, institute, station) = Tree();
        var names = TeamTierNames.Create("总队", "大队", "小队", "小分队");
        var squadron = Team.ForUnit(station, Team.ForUnit(institute, Team.ForUnit(center, null, names, Now), names, Now), names, Now);
        var enterprise = OrgUnit.Create(center.CountyId, station, OrgUnitType.Base, Details("杨家村茶业公司新时代文明实践基地", "QS01-001-B"), Now);

        var team = Team.ForUnit(enterprise, squadron, names, Now);

        Assert.Equal(("杨家村茶业公司新时代文明实践志愿服务队", TeamKind.BaseTeam, squadron.Id), (team.Name, team.Kind, team.ParentTeamId!.Value));
        Assert.True(team.IsTier);
        Assert.True(Team.EnlistsMembers(team.Kind));
        Assert.Throws<DomainException>(() => team.Deactivate(Now));
        Assert.Equal(team.Id, Team.Specialised(TeamKind.Squad, "茶业公司党员小队", enterprise, team, new TeamDetails(null, null, [], [], null), Now).ParentTeamId);
        Assert.Throws<DomainException>(() => Team.Specialised(TeamKind.BaseTeam, "手工基地队", enterprise, squadron, new TeamDetails(null, null, [], [], null), Now));
    }

    [Fact]
    public void Membership_FollowsApplyApprove_InviteAccept_AndLeave()
    {
        var (center, _, _) = Tree();
        var team = Team.Specialised(TeamKind.Detachment, "文艺支队", center, null, new TeamDetails(null, null, [], [], null), Now);

        var applied = TeamMember.Apply(team, Guid.NewGuid(), Now);
        Assert.Throws<DomainException>(() => applied.Accept(Now));
        Assert.Throws<DomainException>(() => applied.Assign(MemberRole.Leader, true));
        applied.Approve(Now);
        applied.Assign(MemberRole.Leader, true);
        Assert.Equal((MembershipStatus.Active, MemberRole.Leader, true), (applied.Status, applied.Role, applied.IsBackbone));

        var invited = TeamMember.Invite(team, Guid.NewGuid(), Now);
        Assert.Throws<DomainException>(() => invited.Approve(Now));
        invited.Accept(Now);
        invited.Leave(Now);
        Assert.Equal((MembershipStatus.Left, false), (invited.Status, invited.IsBackbone));
        invited.Reopen(team, MembershipStatus.Applied, Now);
        Assert.Equal(MembershipStatus.Applied, invited.Status);

        team.Deactivate(Now);
        Assert.Throws<DomainException>(() => TeamMember.Apply(team, Guid.NewGuid(), Now));
    }

    private static (OrgUnit Center, OrgUnit Institute, OrgUnit Station) Tree()
    {
        var county = Guid.NewGuid();
        var center = OrgUnit.Create(county, null, OrgUnitType.Center, Details("青山县新时代文明实践中心", "QS"), Now);
        var institute = OrgUnit.Create(county, center, OrgUnitType.Institute, Details("白沙镇新时代文明实践所", "QS01"), Now);
        var station = OrgUnit.Create(county, institute, OrgUnitType.Station, Details("杨家村新时代文明实践站", "QS01-001"), Now);
        return (center, institute, station);
    }

    private static OrgUnitDetails Details(string name, string code) => new(name, code, null, null, null, 0, null, null, null, null);
}
