using CivicPractice.Domain.Activities;
using CivicPractice.Domain.Common;

namespace CivicPractice.Domain.Tests.Activities;

public sealed class SignupTests
{
    [Fact]
    public void CheckIn_IsIdempotent_AndACheckOutBeforeItIsRefused()
    {
        var activity = ActivityTests.Published();
        var signup = Signup.Create(activity, Guid.NewGuid(), SignupStatus.Confirmed, 1, ActivityTests.Now);
        var at = activity.StartsAt.AddMinutes(-5);

        Assert.Equal("尚未签到，不能签退。", Assert.Throws<DomainException>(() => signup.CheckOut(at)).Message);
        Assert.True(signup.CheckIn(at, needsReview: false));
        Assert.False(signup.CheckIn(at.AddMinutes(3), needsReview: true));
        Assert.Equal((at, AttendanceReview.None), (signup.CheckedInAt!.Value, signup.Review));
        Assert.True(signup.CheckOut(activity.EndsAt));
        Assert.False(signup.CheckOut(activity.EndsAt.AddHours(1)));
        Assert.Equal(activity.EndsAt, signup.CheckedOutAt);
    }

    [Fact]
    public void OnlyAConfirmedSignup_ChecksIn_AndCancellingClosesTwoHoursBeforeTheStart()
    {
        var activity = ActivityTests.Published();
        var waiting = Signup.Create(activity, Guid.NewGuid(), SignupStatus.WaitListed, 2, ActivityTests.Now);
        Assert.Throws<DomainException>(() => waiting.CheckIn(activity.StartsAt, false));

        var confirmed = Signup.Create(activity, Guid.NewGuid(), SignupStatus.Confirmed, 1, ActivityTests.Now);
        Assert.Throws<DomainException>(() => confirmed.Cancel(activity, activity.StartsAt.AddMinutes(-119)));
        confirmed.Cancel(activity, activity.StartsAt.AddMinutes(-121));
        Assert.Equal(SignupStatus.Cancelled, confirmed.Status);
        waiting.Cancel(activity, activity.StartsAt.AddMinutes(-10)); // a wait-listed place holds no seat: free to give up
        Assert.Throws<DomainException>(() => waiting.Cancel(activity, activity.StartsAt.AddMinutes(-9)));
    }

    [Fact]
    public void TheGeofence_AdmitsPositionsInsideItsRadius()
    {
        var details = ActivityTests.Details() with { Latitude = 28.2000, Longitude = 112.9000, GeofenceMeters = 300 };
        var fenced = Activity.Draft(ActivityTests.Station(), null, details, Guid.NewGuid(), ActivityTests.Now);

        Assert.True(Geofence.Admits(fenced, 28.2010, 112.9010));   // ~145 m away
        Assert.False(Geofence.Admits(fenced, 28.2100, 112.9000));  // ~1.1 km away
        Assert.False(Geofence.Admits(fenced, null, null));         // no position reported
        Assert.True(Geofence.Admits(ActivityTests.Published(), null, null)); // no fence
        Assert.InRange(Geofence.DistanceMeters(28.2, 112.9, 28.21, 112.9), 1100, 1125);
    }
}
