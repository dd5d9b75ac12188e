using CivicPractice.Domain.Common;

namespace CivicPractice.Domain.Tests.Common;

public sealed class TextRulesTests
{
    [Theory]
    [InlineData("张\u0000三")]
    [InlineData("invoice\u202Egnp.exe")]
    [InlineData("\u2066隔离\u2069")]
    [InlineData("零宽\u200B空格")]
    [InlineData("响铃\u0007")]
    [InlineData("第一行\n第二行")]
    [InlineData("行\u2028分隔")]
    [InlineData("\uFEFF字节序")]
    public void OneLineText_WithControlOrFormatCharacters_IsRefused(string text) => Assert.False(TextRules.IsAllowed(text));

    [Fact]
    public void AnUnpairedSurrogate_IsRefused() => Assert.False(TextRules.IsAllowed("孤" + (char)0xD800 + "立"));

    [Theory]
    [InlineData("张三")]
    [InlineData("Jos\u00e9 O'Brien-Smith")]
    [InlineData("👨\u200D👩\u200D👧 家庭志愿队")]
    [InlineData("法律/援助:[一]*?")]
    public void OrdinaryText_IsAllowed(string text) => Assert.True(TextRules.IsAllowed(text));

    [Fact]
    public void MultilineText_KeepsLineBreaksAndTabs_ButNotBidiOverrides()
    {
        Assert.True(TextRules.IsAllowed("第一行\n\t第二行\r\n", multiline: true));
        Assert.False(TextRules.IsAllowed("第一行\n\u202E第二行", multiline: true));
        Assert.False(TextRules.IsAllowed("空\u0000字符", multiline: true));
    }

    [Fact]
    public void Normalize_TrimsComposesAndUnifiesLineBreaks()
    {
        Assert.Equal("Jos\u00e9", TextRules.Normalize("  Jose\u0301 "));
        Assert.Equal("甲\n乙\n丙", TextRules.Normalize("甲\r\n乙\r丙\r\n", multiline: true));
    }
}
