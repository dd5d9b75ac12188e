using CivicPractice.Domain.Activities;
using CivicPractice.Domain.Common;
using CivicPractice.Domain.Organization;

namespace CivicPractice.Domain.Tests.Activities;

public sealed class ActivityTests
{
    internal static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.FromHours(8));

    public static TheoryData<ActivityStatus, ActivityStatus> AllPairs()
    {
        var data = new TheoryData<ActivityStatus, ActivityStatus>();
        foreach (var from in Enum.GetValues<ActivityStatus>())
        {
            foreach (var to in Enum.GetValues<ActivityStatus>()) data.Add(from, to);
        }
        return data;
    }

    private static readonly HashSet<(ActivityStatus, ActivityStatus)> Allowed =
    [
        (ActivityStatus.Draft, ActivityStatus.Published), (ActivityStatus.Draft, ActivityStatus.Cancelled),
        (ActivityStatus.Published, ActivityStatus.SignupClosed), (ActivityStatus.Published, ActivityStatus.InProgress), (ActivityStatus.Published, ActivityStatus.Cancelled),
        (ActivityStatus.SignupClosed, ActivityStatus.Published), (ActivityStatus.SignupClosed, ActivityStatus.InProgress), (ActivityStatus.SignupClosed, ActivityStatus.Cancelled),
        (ActivityStatus.InProgress, ActivityStatus.Finished), (ActivityStatus.InProgress, ActivityStatus.Cancelled),
        (ActivityStatus.Finished, ActivityStatus.Archived),
    ];

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void EveryMove_IsAllowedOnlyWhereTheTableSays_AndTheAggregateAgrees(ActivityStatus from, ActivityStatus to)
    {
        var allowed = Allowed.Contains((from, to));
        Assert.Equal(allowed, ActivityStateMachine.CanMove(from, to));
        if (to == ActivityStatus.Draft) return; // nothing leads back to a draft: the aggregate has no such method

        var activity = InState(from);
        var move = () => Move(activity, to);
        if (allowed)
        {
            move();
            Assert.Equal(to, activity.Status);
        }
        else
        {
            var refused = Assert.Throws<DomainException>(move);
            Assert.Equal(from, activity.Status);
            Assert.Contains(ActivityStateMachine.Label(from), refused.Message);
        }
    }

    [Fact]
    public void Details_AreChecked_WithChineseMessages()
    {
        Assert.Equal("结束时间须晚于开始时间。", Refusal(Details() with { EndsAt = Details().StartsAt }));
        Assert.Equal("报名须在活动开始前截止。", Refusal(Details() with { SignupClosesAt = Details().StartsAt.AddMinutes(1) }));
        Assert.Equal("招募人数应在 1 到 5000 之间。", Refusal(Details() with { Seats = 0 }));
        Assert.Equal("请选择活动阵地或填写活动地址。", Refusal(Details() with { Address = " " }));
        Assert.Equal("限定签到范围时须填写活动地点的坐标。", Refusal(Details() with { GeofenceMeters = 300, Latitude = null }));
        Assert.Equal("单次活动最长 7 天；更长的工作请建成项目。", Refusal(Details() with { EndsAt = Details().StartsAt.AddDays(8) }));
        Assert.Equal("请选择可报名的队伍。", Refusal(Details() with { Audience = SignupAudience.Team }));
    }

    [Fact]
    public void Publishing_AfterTheStart_IsRefused_AndCancellingNeedsAReason()
    {
        var activity = Activity.Draft(Station(), null, Details(), Guid.NewGuid(), Now);
        Assert.Throws<DomainException>(() => activity.Publish(Details().StartsAt.AddMinutes(1)));
        Assert.Throws<DomainException>(() => activity.Cancel(" ", Now));
        activity.Cancel("  暴雨预警 ", Now);
        Assert.Equal((ActivityStatus.Cancelled, "暴雨预警"), (activity.Status, activity.CancelReason));
    }

    [Fact]
    public void SignupWindow_SaysWhyItIsClosed()
    {
        var activity = Activity.Draft(Station(), null, Details(), Guid.NewGuid(), Now);
        Assert.Equal("活动尚未发布。", activity.SignupRefusal(Now));
        activity.Publish(Now);
        Assert.Equal("报名尚未开始。", activity.SignupRefusal(Details().SignupOpensAt.AddMinutes(-1)));
        Assert.Null(activity.SignupRefusal(Details().SignupOpensAt));
        Assert.True(activity.IsOpenForSignup(Details().SignupOpensAt));
        Assert.Equal("报名已截止。", activity.SignupRefusal(Details().SignupClosesAt));
        Assert.False(activity.IsOpenForSignup(Details().SignupClosesAt));
    }

    [Fact]
    public void CheckinOpens_AnHourBeforeTheStart_AndClosesAtTheEnd()
    {
        var activity = Activity.Draft(Station(), null, Details(), Guid.NewGuid(), Now);
        activity.Publish(Now);
        Assert.False(activity.IsOpenForCheckin(Details().StartsAt.AddMinutes(-61)));
        Assert.True(activity.IsOpenForCheckin(Details().StartsAt.AddMinutes(-60)));
        Assert.True(activity.IsOpenForCheckin(Details().EndsAt));
        Assert.False(activity.IsOpenForCheckin(Details().EndsAt.AddSeconds(1)));
    }

    internal static ActivityDetails Details() => new(
        "重阳节敬老包饺子", "为村里的老人包饺子、理发、量血压。", "志愿服务", ["我们的节日", "重阳"], null, "杨家村村委会", 28.2, 112.9, null,
        Now.AddDays(3), Now.AddDays(3).AddHours(3), Now, Now.AddDays(2), 20, SignupAudience.County, null, [], false, "王芳", "0731-88888888", null);

    internal static OrgUnit Station()
    {
        var county = Guid.NewGuid();
        var center = OrgUnit.Create(county, null, OrgUnitType.Center, Unit("中心", "C"), Now);
        var institute = OrgUnit.Create(county, center, OrgUnitType.Institute, Unit("所", "I"), Now);
        return OrgUnit.Create(county, institute, OrgUnitType.Station, Unit("站", "S"), Now);
    }

    internal static Activity Published()
    {
        var activity = Activity.Draft(Station(), null, Details(), Guid.NewGuid(), Now);
        activity.Publish(Now);
        return activity;
    }

    private static string Refusal(ActivityDetails details) =>
        Assert.Throws<DomainException>(() => Activity.Draft(Station(), null, details, Guid.NewGuid(), Now)).Message;

    private static Activity InState(ActivityStatus status)
    {
        var activity = Activity.Draft(Station(), null, Details(), Guid.NewGuid(), Now);
        ActivityStatus[] path = status switch
        {
            ActivityStatus.Draft => [],
            ActivityStatus.Published => [ActivityStatus.Published],
            ActivityStatus.SignupClosed => [ActivityStatus.Published, ActivityStatus.SignupClosed],
            ActivityStatus.InProgress => [ActivityStatus.Published, ActivityStatus.InProgress],
            ActivityStatus.Finished => [ActivityStatus.Published, ActivityStatus.InProgress, ActivityStatus.Finished],
            ActivityStatus.Archived => [ActivityStatus.Published, ActivityStatus.InProgress, ActivityStatus.Finished, ActivityStatus.Archived],
            _ => [ActivityStatus.Cancelled],
        };
        foreach (var step in path) Move(activity, step);
        return activity;
    }

    private static void Move(Activity activity, ActivityStatus to)
    {
        switch (to)
        {
            case ActivityStatus.Published when activity.Status == ActivityStatus.SignupClosed: activity.ReopenSignup(Now); break;
            case ActivityStatus.Published: activity.Publish(Now); break;
            case ActivityStatus.SignupClosed: activity.CloseSignup(Now); break;
            case ActivityStatus.InProgress: activity.Start(Now); break;
            case ActivityStatus.Finished: activity.Finish(Now); break;
            case ActivityStatus.Archived: activity.Archive(Now); break;
            case ActivityStatus.Cancelled: activity.Cancel("天气原因", Now); break;
            default: throw new ArgumentOutOfRangeException(nameof(to));
        }
    }

    private static OrgUnitDetails Unit(string name, string code) => new(name, code, null, null, null, 0, null, null, null, null);
}
