using System.Security.Cryptography;
using CivicPractice.Domain.Activities;

namespace CivicPractice.Domain.Tests.Activities;

public sealed class CheckinTokensTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 10, TimeSpan.Zero);

    [Fact]
    public void ATokenHoldsForItsStepAndTheNext_ThenExpires()
    {
        var activity = Guid.NewGuid();
        var token = CheckinTokens.Create(Key, activity, Now);

        Assert.Equal(CheckinTokenCheck.Ok, CheckinTokens.Check(Key, token, activity, Now));
        Assert.Equal(CheckinTokenCheck.Ok, CheckinTokens.Check(Key, token, activity, Now.AddSeconds(30)));
        Assert.Equal(CheckinTokenCheck.Expired, CheckinTokens.Check(Key, token, activity, Now.AddSeconds(60)));
        Assert.NotEqual(token, CheckinTokens.Create(Key, activity, Now.AddSeconds(30)));
        Assert.Equal("签到码已过期，请重新扫描现场屏幕上的二维码。", CheckinTokens.Describe(CheckinTokenCheck.Expired));
    }

    [Fact]
    public void AnotherActivitysToken_ATamperedOne_OrOneSignedWithAnotherKey_IsRefused()
    {
        var activity = Guid.NewGuid();
        var token = CheckinTokens.Create(Key, activity, Now);
        var step = token[..token.IndexOf('.')];
        var mac = token[(token.IndexOf('.') + 1)..];

        Assert.Equal(CheckinTokenCheck.WrongActivity, CheckinTokens.Check(Key, token, Guid.NewGuid(), Now));
        Assert.Equal(CheckinTokenCheck.WrongActivity, CheckinTokens.Check(Key, $"{long.Parse(step) + 1}.{mac}", activity, Now));
        Assert.Equal(CheckinTokenCheck.WrongActivity, CheckinTokens.Check(RandomNumberGenerator.GetBytes(32), token, activity, Now));
        Assert.Equal(CheckinTokenCheck.WrongActivity, CheckinTokens.Check(Key, step + "." + (mac[0] == 'A' ? 'B' : 'A') + mac[1..], activity, Now));
        foreach (var garbage in new[] { null, "", "abc", ".xyz", "12.", "12.!!!!", "-5." + mac, step + "." + mac + mac, new string('9', 80) })
        {
            Assert.Equal(CheckinTokenCheck.Malformed, CheckinTokens.Check(Key, garbage, activity, Now));
        }
    }
}
