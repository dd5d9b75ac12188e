using CivicPractice.Domain.Activities;
using CivicPractice.Domain.Common;

namespace CivicPractice.Domain.Tests.Activities;

public sealed class HoursLedgerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AnAdjustment_IsAReversalPlusANewCredit_AndTheTotalFollows()
    {
        var (county, volunteer, activity, author) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var ledger = new List<HoursEntry> { HoursEntry.Credit(county, volunteer, activity, 3m, "按签到签退计", author, Now) };

        ledger.Add(HoursEntry.Reverse(ledger[0], ledger, "提前离场，核减", author, Now.AddHours(1)));
        ledger.Add(HoursEntry.Credit(county, volunteer, activity, 2.5m, "提前离场，核减", author, Now.AddHours(1)));

        Assert.Equal(2.5m, HoursLedger.Total(ledger));
        Assert.Equal(ledger[2].Id, HoursLedger.Standing(ledger, activity)!.Id);
        var twice = Assert.Throws<DomainException>(() => HoursEntry.Reverse(ledger[0], ledger, "再冲一次", author, Now));
        Assert.Equal("该工时记录已被冲销。", twice.Message);
        Assert.Throws<DomainException>(() => HoursEntry.Reverse(ledger[1], ledger, "冲销冲销", author, Now));
        Assert.Throws<DomainException>(() => HoursEntry.Credit(county, volunteer, activity, 0m, "零", author, Now));
    }

    /// <summary>
    /// A randomized run of confirm / adjust / reverse operations over several volunteers and activities: each shown
    /// total equals the sum of the volunteer's entries and of what stands per activity, and no entry ever changes.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(2026)]
    public void AfterAnyRandomSequence_TotalsAreTheLedgersSum_AndNoEntryChanged(int seed)
    {
        var random = new Random(seed);
        var county = Guid.NewGuid();
        var volunteers = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        var activities = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();
        var ledger = new List<HoursEntry>();
        var snapshots = new List<(HoursEntry Entry, string Shape)>();
        var expected = new Dictionary<(Guid, Guid), decimal>(); // what should stand per volunteer and activity

        for (var step = 0; step < 400; step++)
        {
            var v = volunteers[random.Next(volunteers.Length)];
            var a = activities[random.Next(activities.Length)];
            var mine = ledger.Where(e => e.VolunteerId == v).ToList();
            var standing = HoursLedger.Standing(mine, a);
            var time = Now.AddMinutes(step);
            switch (random.Next(3))
            {
                case 0 when standing is null: // confirm
                    var hours = random.Next(1, 17) * 0.5m;
                    Add(HoursEntry.Credit(county, v, a, hours, "确认", Guid.NewGuid(), time));
                    expected[(v, a)] = hours;
                    break;
                case 1 when standing is not null: // adjust
                    var adjusted = random.Next(1, 17) * 0.5m;
                    Add(HoursEntry.Reverse(standing, mine, "调整", Guid.NewGuid(), time));
                    Add(HoursEntry.Credit(county, v, a, adjusted, "调整", Guid.NewGuid(), time));
                    expected[(v, a)] = adjusted;
                    break;
                case 2 when standing is not null: // reverse (a dispute upheld, hours withdrawn)
                    Add(HoursEntry.Reverse(standing, mine, "撤销", Guid.NewGuid(), time));
                    expected[(v, a)] = 0;
                    break;
            }
        }

        foreach (var v in volunteers)
        {
            var mine = ledger.Where(e => e.VolunteerId == v).ToList();
            Assert.Equal(activities.Sum(a => expected.GetValueOrDefault((v, a))), HoursLedger.Total(mine));
            Assert.All(activities, a => Assert.Equal(expected.GetValueOrDefault((v, a)), HoursLedger.ForActivity(mine, a)));
            Assert.True(HoursLedger.Total(mine) >= 0);
        }
        Assert.All(snapshots, s => Assert.Equal(s.Shape, Shape(s.Entry)));

        void Add(HoursEntry entry)
        {
            ledger.Add(entry);
            snapshots.Add((entry, Shape(entry)));
        }
    }

    private static string Shape(HoursEntry e) => $"{e.Id}|{e.VolunteerId}|{e.ActivityId}|{e.Kind}|{e.Hours}|{e.ReversesId}|{e.Reason}|{e.AuthorId}|{e.CreatedAt:O}";
}
