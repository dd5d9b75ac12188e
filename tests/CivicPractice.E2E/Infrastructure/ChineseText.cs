using Microsoft.Playwright;

namespace CivicPractice.E2E.Infrastructure;

public static class ChineseText
{
    /// <summary>
    /// Chinese reaches the screen as glyphs: no HTML entities in the markup, and a character of the page's own
    /// text, drawn in the page's font, does not look like the box a missing glyph (a private-use code point) gives.
    /// </summary>
    public static async Task AssertRendersAsync(IPage page, string sample)
    {
        var html = await page.ContentAsync();
        Assert.DoesNotContain("&#x", html);
        Assert.Contains(sample, await page.InnerTextAsync("body"));
        var differs = await page.EvaluateAsync<bool>(@"(ch) => {
            const font = getComputedStyle(document.body).fontFamily;
            const draw = (text) => {
                const canvas = document.createElement('canvas');
                canvas.width = 64; canvas.height = 64;
                const c = canvas.getContext('2d');
                c.font = '48px ' + font;
                c.fillText(text, 4, 52);
                return Array.from(c.getImageData(0, 0, 64, 64).data).join(',');
            };
            return draw(ch) !== draw('\uE000');
        }", sample[..1]);
        Assert.True(differs, $"'{sample[..1]}' renders like a missing glyph: is fonts-noto-cjk installed?");
    }
}
