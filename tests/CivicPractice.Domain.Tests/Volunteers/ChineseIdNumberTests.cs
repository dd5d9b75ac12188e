using CivicPractice.Domain.Volunteers;

namespace CivicPractice.Domain.Tests.Volunteers;

public sealed class ChineseIdNumberTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Fact]
    public void TheStandardsOwnExample_IsValid()
    {
        Assert.True(ChineseIdNumber.TryParse("11010519491231002X", Today, out var id, out _));
        Assert.Equal(new DateOnly(1949, 12, 31), id!.BirthDate);
        Assert.Equal(Gender.Female, id.Gender);
    }

    [Fact]
    public void LowerCaseX_IsAcceptedAndNormalised()
    {
        Assert.True(ChineseIdNumber.TryParse(" 11010519491231002x ", Today, out var id, out _));
        Assert.Equal("11010519491231002X", id!.Value);
    }

    [Fact]
    public void OddSequence_IsMale_AndAgeFollowsTheBirthDate()
    {
        var value = Make("430121", "19800229", "123");
        Assert.True(ChineseIdNumber.TryParse(value, Today, out var id, out _));
        Assert.Equal(Gender.Male, id!.Gender);
        Assert.Equal(46, id.AgeOn(Today));
    }

    [Fact]
    public void Mask_ShowsNoBirthOrSequenceDigit_SoAnAgeOrBirthYearBesideItCannotCompleteIt()
    {
        var value = Make("430121", "19900517", "123");

        var masked = ChineseIdNumber.Mask(value);

        Assert.Equal("430" + new string('*', 14) + value[17], masked);
        Assert.Equal(masked, ChineseIdNumber.Mask(masked)); // masks stored before stay masks, and old ones narrow to this
        Assert.Equal(masked, ChineseIdNumber.Mask("430***********" + value[14..]));
        Assert.Equal("", ChineseIdNumber.Mask("")); // erased on withdrawal
    }

    [Theory]
    [InlineData("", "请填写")]
    [InlineData("1101051949123100", "18 位")]
    [InlineData("11010519491231002Y", "数字")]
    [InlineData("1101A519491231002X", "数字")]
    [InlineData("11010519491231002 ", "18 位")]
    public void Malformed_IsRefusedWithAReason(string value, string reasonPart)
    {
        Assert.False(ChineseIdNumber.TryParse(value, Today, out _, out var error));
        Assert.Contains(reasonPart, error);
    }

    [Theory]
    [InlineData("990101", "19800101", "地区码")]   // no province 99
    [InlineData("430000", "19800101", "地区码")]   // a province, not a county
    [InlineData("430121", "19800230", "出生日期")] // 30 February
    [InlineData("430121", "19810229", "出生日期")] // not a leap year
    [InlineData("430121", "20270101", "晚于今天")] // in the future
    [InlineData("430121", "18991231", "出生日期")] // before 1900
    public void WrongRegionOrDate_IsRefused_EvenWithAValidCheckCharacter(string region, string birth, string reasonPart)
    {
        Assert.False(ChineseIdNumber.TryParse(Make(region, birth, "123"), Today, out _, out var error));
        Assert.Contains(reasonPart, error);
    }

    [Fact]
    public void WrongCheckCharacter_IsRefused()
    {
        var good = Make("430121", "19900615", "456");
        var wrong = good[..17] + (good[17] == '0' ? '1' : '0');
        Assert.False(ChineseIdNumber.TryParse(wrong, Today, out _, out var error));
        Assert.Contains("校验位", error);
    }

    [Fact]
    public void FullWidthDigitsAndX_AreNormalised()
    {
        var value = Make("430121", "19900615", "456");
        var fullWidth = string.Concat(value.Select(c => c == 'X' ? 'ｘ' : (char)(c + 0xFEE0)));

        Assert.True(ChineseIdNumber.TryParse(fullWidth, Today, out var id, out var error), error);
        Assert.Equal(value, id!.Value);
    }

    [Theory]
    [InlineData("810000")] // Hong Kong residents' residence permit
    [InlineData("820000")] // Macao
    [InlineData("830000")] // Taiwan
    public void ResidencePermitsOfHongKongMacaoAndTaiwanResidents_AreAccepted(string region)
    {
        Assert.True(ChineseIdNumber.TryParse(Make(region, "19900615", "457"), Today, out var id, out var error), error);
        Assert.Equal(Gender.Male, id!.Gender);
    }

    internal static string Make(string region, string birth, string sequence)
    {
        var first17 = region + birth + sequence;
        return first17 + ChineseIdNumber.CheckCharacter(first17);
    }
}
