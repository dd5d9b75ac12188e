using CivicPractice.Domain.Activities;
using CivicPractice.Domain.Common;

namespace CivicPractice.Domain.Tests.Activities;

public sealed class ServiceHoursTests
{
    private static readonly DateTimeOffset Start = new(2026, 10, 29, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset End = Start.AddHours(3);

    [Theory]
    [InlineData(0, 180, 3.0)]      // on time, to the end
    [InlineData(-45, 200, 3.0)]    // early and late earn nothing extra
    [InlineData(20, 180, 2.5)]     // 2 h 40 min rounds down to 2.5
    [InlineData(0, 29, 0.0)]       // under half an hour
    [InlineData(190, 200, 0.0)]    // arrived after the end
    public void Hours_AreClampedToTheActivity_AndRoundedDown(int inMinutes, int outMinutes, double expected) =>
        Assert.Equal((decimal)expected, ServiceHours.Compute(Start.AddMinutes(inMinutes), Start.AddMinutes(outMinutes), Start, End));

    [Fact]
    public void ACountyStepOfAQuarter_RoundsToQuarters_AndACheckOutBeforeTheCheckIn_IsRefused()
    {
        Assert.Equal(2.75m, ServiceHours.Compute(Start.AddMinutes(10), End, Start, End, 0.25m));
        Assert.Throws<DomainException>(() => ServiceHours.Compute(End, Start, Start, End));
    }
}
