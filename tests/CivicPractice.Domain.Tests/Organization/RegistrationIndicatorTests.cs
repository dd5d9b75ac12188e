using CivicPractice.Domain.Organization;

namespace CivicPractice.Domain.Tests.Organization;

public sealed class RegistrationIndicatorTests
{
    private static readonly Guid Center = Guid.NewGuid(), Town = Guid.NewGuid(), Street = Guid.NewGuid(),
        Village = Guid.NewGuid(), Hamlet = Guid.NewGuid(), Community = Guid.NewGuid(), Point = Guid.NewGuid();

    /// <summary>
    /// 中心 (population not set) → 镇 (not set: sum of its villages) and 街道 (set to 9 000, its one community says 8 000);
    /// volunteers sit at the stations.
    /// </summary>
    private static IReadOnlyDictionary<Guid, UnitRegistration> Tree() => RegistrationIndicator.Roll(
    [
        new(Center, null, 0, 0, 0),
        new(Town, Center, 0, 0, 0),
        new(Village, Town, 2_000, 300, 250),
        new(Point, Village, 0, 0, 0),
        new(Hamlet, Town, 1_000, 100, 100),
        new(Street, Center, 9_000, 0, 0),
        new(Community, Street, 8_000, 900, 700),
    ]);

    [Fact]
    public void AStation_IsItsRegisteredOverItsOwnPopulation()
    {
        var village = Tree()[Village];

        Assert.Equal((2_000, 300, 250), (village.Population, village.Registered, village.Approved));
        Assert.Equal(15.0, village.RatePercent);
        Assert.False(village.PopulationDiffers);
    }

    [Fact]
    public void AUnitWithoutItsOwnPopulation_TakesTheSumOfItsChildren()
    {
        var town = Tree()[Town];

        Assert.Equal((3_000, 3_000, 400, 350), (town.Population, town.ChildrenPopulation, town.Registered, town.Approved));
        Assert.Equal(400 * 100.0 / 3_000, town.RatePercent);
        Assert.False(town.PopulationDiffers);
    }

    [Fact]
    public void ASetPopulation_WinsOverItsChildren_AndADifferenceIsFlagged()
    {
        var tree = Tree();

        Assert.Equal((9_000, 8_000, true), (tree[Street].Population, tree[Street].ChildrenPopulation, tree[Street].PopulationDiffers));
        Assert.Equal(10.0, tree[Street].RatePercent);
        // The center has no figure of its own: the town's 3 000 and the street's 9 000.
        Assert.Equal((12_000, 1_300, 1_050, false), (tree[Center].Population, tree[Center].Registered, tree[Center].Approved, tree[Center].PopulationDiffers));
    }

    [Fact]
    public void AUnitWithNoPopulationAnywhere_HasNoRate_AndNoFlag()
    {
        var point = Tree()[Point];

        Assert.Null(point.RatePercent);
        Assert.False(point.PopulationDiffers);
        Assert.False(point.MeetsTarget(13));
    }

    [Theory]
    [InlineData(13, true)]
    [InlineData(15, true)]
    [InlineData(15.1, false)]
    public void TheTarget_IsComparedWithTheRate(double target, bool met) => Assert.Equal(met, Tree()[Village].MeetsTarget(target));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(100.5)]
    public void ACountyTarget_OutsideTheRange_IsRefused(double target)
    {
        var county = new County(Guid.NewGuid(), "青山县", "439901", "湖南省", DateTimeOffset.UtcNow);

        Assert.Throws<CivicPractice.Domain.Common.DomainException>(() => county.SetRegistrationTarget(target));
        Assert.Equal(IndicatorPolicies.DefaultRegistrationTargetPercent, county.RegistrationTargetPercent);
    }

    [Fact]
    public void PartyMembers_AreCountedWhereTheyAreOnTheBooks_ABaseForItsEmployersCadres()
    {
        Guid center = Guid.NewGuid(), town = Guid.NewGuid(), village = Guid.NewGuid(), bureau = Guid.NewGuid(), factory = Guid.NewGuid();
        var rolled = RegistrationIndicator.Roll(
        [
            new(center, null, 0, 0, 0),
            new(town, center, 0, 0, 0),
            new(village, town, 2_000, 300, 250, SetPartyMembers: 60, PartyRegistered: 45),
            new(factory, village, 0, 80, 80, SetPartyMembers: 50, PartyRegistered: 50),   // a base under the village
            new(bureau, center, 0, 40, 40, SetPartyMembers: 120, PartyRegistered: 30),    // a county bureau's base
        ]);

        Assert.Equal((50, 50, 100.0), (rolled[factory].PartyMembers, rolled[factory].PartyRegistered, rolled[factory].PartyRatePercent));
        // A village's party branch and the enterprise inside it keep separate books: the figures add up.
        Assert.Equal((110, 95), (rolled[village].PartyMembers, rolled[village].PartyRegistered));
        Assert.Equal(380, rolled[village].Registered);
        Assert.Equal((60 + 50 + 120, 45 + 50 + 30), (rolled[center].PartyMembers, rolled[center].PartyRegistered));
        Assert.Equal(25.0, rolled[bureau].PartyRatePercent);
        Assert.Null(RegistrationIndicator.Roll([new(town, null, 0, 0, 0)])[town].PartyRatePercent);
    }
}
