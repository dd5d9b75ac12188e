using CivicPractice.E2E.Infrastructure;

namespace CivicPractice.E2E.Features;

/// <summary>
/// Runs after the other browser tests of the collection (xUnit orders classes by name within a collection
/// only by chance, so each test also checks on its own): no page in the run received a server error.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class ZzServerErrorTests(BrowserApp browser)
{
    [Fact]
    public async Task BrowsingTheConsoleAndPortal_ProducesNoServerError()
    {
        foreach (var path in new[] { "/", "/c/439902", "/?q=社区", "/account/login", "/account/denied", "/not-found", "/no-such-page", "/docs/" })
        {
            var page = await browser.NewPageAsync(375, 812);
            var response = await page.GotoAsync(path);
            Assert.NotNull(response);
            Assert.True(response.Status < 500, $"{path} answered {response.Status}");
            await page.Context.CloseAsync();
        }
        Assert.Empty(browser.ServerErrors);
    }
}
