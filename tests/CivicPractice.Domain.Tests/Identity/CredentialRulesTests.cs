using CivicPractice.Domain.Identity;

namespace CivicPractice.Domain.Tests.Identity;

public sealed class CredentialRulesTests
{
    [Theory]
    [InlineData("Demo@2026", true)]
    [InlineData("abcdEFGH1", true)]
    [InlineData("abcd1234!", true)]
    [InlineData("ABCD1234!", true)]
    [InlineData("abcdefgh", false)]
    [InlineData("abcd1234", false)]
    [InlineData("Ab1!", false)]
    [InlineData("ABCDEFG1", false)]
    public void Password_NeedsEightCharactersFromThreeClasses(string password, bool strong) =>
        Assert.Equal(strong, PasswordRules.IsStrong(password));

    [Theory]
    [InlineData("13800138000", true)]
    [InlineData("19912345678", true)]
    [InlineData("+86 138 0013 8000", true)]
    [InlineData("0086-13800138000", true)]
    [InlineData("12800138000", false)]
    [InlineData("1380013800", false)]
    [InlineData("138001380001", false)]
    [InlineData("1380013800a", false)]
    [InlineData("", false)]
    public void MobileNumber_IsElevenDigitsStarting13To19(string input, bool valid) =>
        Assert.Equal(valid, MobileNumber.IsValid(input));

    [Fact]
    public void MobileNumber_IsMaskedInTheMiddle() => Assert.Equal("138****8000", MobileNumber.Mask("13800138000"));
}
