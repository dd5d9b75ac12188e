using CivicPractice.Domain.Common;
using CivicPractice.Domain.Identity;
using CivicPractice.Domain.Organization;

namespace CivicPractice.Domain.Tests.Identity;

public sealed class RoleRulesTests
{
    [Theory]
    [InlineData(RoleKind.CountyAdmin, OrgUnitType.Center, true)]
    [InlineData(RoleKind.CountyAdmin, OrgUnitType.Institute, false)]
    [InlineData(RoleKind.InstituteAdmin, OrgUnitType.Institute, true)]
    [InlineData(RoleKind.InstituteAdmin, OrgUnitType.Station, false)]
    [InlineData(RoleKind.StationAdmin, OrgUnitType.Station, true)]
    [InlineData(RoleKind.StationAdmin, OrgUnitType.Base, true)]
    [InlineData(RoleKind.StationAdmin, OrgUnitType.Institute, false)]
    [InlineData(RoleKind.TeamLeader, OrgUnitType.Station, false)]
    [InlineData(RoleKind.Volunteer, OrgUnitType.Center, false)]
    public void CanHoldOn_MatchesRoleToTier(RoleKind role, OrgUnitType unit, bool allowed) =>
        Assert.Equal(allowed, RoleRules.CanHoldOn(role, unit));

    [Fact]
    public void InstituteAdmin_GrantsStationAdminBelow_ButNothingOutsideOrWider()
    {
        RoleRules.EnsureCanGrant(RoleKind.InstituteAdmin, "/c/i/", RoleKind.StationAdmin, OrgUnitType.Station, "/c/i/s/");

        Assert.Throws<DomainException>(() => RoleRules.EnsureCanGrant(RoleKind.InstituteAdmin, "/c/i/", RoleKind.StationAdmin, OrgUnitType.Station, "/c/j/s/"));
        Assert.Throws<DomainException>(() => RoleRules.EnsureCanGrant(RoleKind.InstituteAdmin, "/c/i/", RoleKind.CountyAdmin, OrgUnitType.Center, "/c/"));
        Assert.Throws<DomainException>(() => RoleRules.EnsureCanGrant(RoleKind.StationAdmin, "/c/i/s/", RoleKind.InstituteAdmin, OrgUnitType.Institute, "/c/i/s/"));
        Assert.Throws<DomainException>(() => RoleRules.EnsureCanGrant(RoleKind.Volunteer, "/c/i/s/", RoleKind.Volunteer, OrgUnitType.Station, "/c/i/s/"));
    }

    [Fact]
    public void TeamLeadership_IsNoAccountRoleAnyoneGrants()
    {
        var refused = Assert.Throws<DomainException>(() => RoleRules.EnsureCanGrant(RoleKind.CountyAdmin, "/c/", RoleKind.TeamLeader, OrgUnitType.Station, "/c/i/s/"));
        Assert.Contains("志愿服务队伍", refused.Message);
        Assert.DoesNotContain(RoleKind.TeamLeader, RoleRules.Grantable);
    }
}
