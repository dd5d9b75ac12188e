using CivicPractice.Domain.Common;
using CivicPractice.Domain.Organization;

namespace CivicPractice.Domain.Tests.Organization;

public sealed class OrgTreeRulesTests
{
    [Theory]
    [InlineData(OrgUnitType.Institute, OrgUnitType.Center, true)]
    [InlineData(OrgUnitType.Station, OrgUnitType.Institute, true)]
    [InlineData(OrgUnitType.Point, OrgUnitType.Station, true)]
    [InlineData(OrgUnitType.Base, OrgUnitType.Center, true)]
    [InlineData(OrgUnitType.Base, OrgUnitType.Institute, true)]
    [InlineData(OrgUnitType.Station, OrgUnitType.Center, false)]
    [InlineData(OrgUnitType.Point, OrgUnitType.Institute, false)]
    [InlineData(OrgUnitType.Institute, OrgUnitType.Station, false)]
    [InlineData(OrgUnitType.Center, OrgUnitType.Center, false)]
    [InlineData(OrgUnitType.Base, OrgUnitType.Station, true)]
    [InlineData(OrgUnitType.Base, OrgUnitType.Point, false)]
    [InlineData(OrgUnitType.Base, OrgUnitType.Base, false)]
    public void CanBeChildOf_FollowsTheFourTiers(OrgUnitType child, OrgUnitType parent, bool allowed) =>
        Assert.Equal(allowed, OrgTreeRules.CanBeChildOf(child, parent));

    [Fact]
    public void OnlyACenter_StandsWithoutAParent()
    {
        Assert.True(OrgTreeRules.CanBeChildOf(OrgUnitType.Center, null));
        Assert.False(OrgTreeRules.CanBeChildOf(OrgUnitType.Station, null));
    }

    [Fact]
    public void Create_BuildsThePathFromTheParents()
    {
        var now = DateTimeOffset.UtcNow;
        var county = Guid.NewGuid();
        var center = OrgUnit.Create(county, null, OrgUnitType.Center, Details("中心", "C"), now);
        var institute = OrgUnit.Create(county, center, OrgUnitType.Institute, Details("所", "I"), now);
        var station = OrgUnit.Create(county, institute, OrgUnitType.Station, Details("站", "S"), now);

        Assert.Equal($"/{center.Id:N}/{institute.Id:N}/{station.Id:N}/", station.Path);
        Assert.Equal(3, station.Depth);
        Assert.True(OrgTreeRules.IsWithin(station.Path, institute.Path));
        Assert.False(OrgTreeRules.IsWithin(institute.Path, station.Path));
    }

    [Fact]
    public void MoveUnder_ItsOwnDescendant_IsRefused()
    {
        var now = DateTimeOffset.UtcNow;
        var county = Guid.NewGuid();
        var center = OrgUnit.Create(county, null, OrgUnitType.Center, Details("中心", "C"), now);
        var institute = OrgUnit.Create(county, center, OrgUnitType.Institute, Details("所", "I"), now);
        var other = OrgUnit.Create(county, center, OrgUnitType.Institute, Details("所二", "I2"), now);
        var station = OrgUnit.Create(county, institute, OrgUnitType.Station, Details("站", "S"), now);

        Assert.Throws<DomainException>(() => institute.MoveUnder(station, now));
        var (oldPath, newPath) = station.MoveUnder(other, now);
        Assert.StartsWith(institute.Path, oldPath);
        Assert.StartsWith(other.Path, newPath);
        Assert.Equal(other.Id, station.ParentId);
    }

    [Fact]
    public void Rebase_MovesADescendantPathToTheNewPrefix() =>
        Assert.Equal("/n/x/s/p/", OrgTreeRules.Rebase("/a/b/s/p/", "/a/b/s/", "/n/x/s/"));

    [Fact]
    public void Deactivate_WithActiveChildren_OrTheCenter_IsRefused()
    {
        var now = DateTimeOffset.UtcNow;
        var county = Guid.NewGuid();
        var center = OrgUnit.Create(county, null, OrgUnitType.Center, Details("中心", "C"), now);
        var institute = OrgUnit.Create(county, center, OrgUnitType.Institute, Details("所", "I"), now);

        Assert.Throws<DomainException>(() => center.Deactivate(false, now));
        Assert.Equal(DomainErrorKind.Conflict, Assert.Throws<DomainException>(() => institute.Deactivate(true, now)).Kind);
        institute.Deactivate(false, now);
        Assert.False(institute.IsActive);
        Assert.Throws<DomainException>(() => OrgUnit.Create(county, institute, OrgUnitType.Station, Details("站", "S"), now));
    }

    [Fact]
    public void Create_RefusesANegativePopulation() =>
        Assert.Throws<DomainException>(() => OrgUnit.Create(Guid.NewGuid(), null, OrgUnitType.Center, Details("中心", "C") with { ResidentPopulation = -1 }, DateTimeOffset.UtcNow));

    [Theory]
    [InlineData(90.5, 0)]
    [InlineData(double.NaN, 0)]
    [InlineData(0, -180.01)]
    [InlineData(double.PositiveInfinity, 0)]
    public void Create_RefusesCoordinatesOffTheGlobe(double latitude, double longitude) =>
        Assert.Throws<DomainException>(() => OrgUnit.Create(Guid.NewGuid(), null, OrgUnitType.Center, Details("中心", "C") with { Latitude = latitude, Longitude = longitude }, DateTimeOffset.UtcNow));

    private static OrgUnitDetails Details(string name, string code) => new(name, code, null, null, null, 0, null, null, null, null);
}
