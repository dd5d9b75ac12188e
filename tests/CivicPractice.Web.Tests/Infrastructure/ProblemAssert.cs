using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CivicPractice.Web.Tests.Infrastructure;

public static class ProblemAssert
{
    /// <summary>The answer is a ProblemDetails with the status given and a detail written in Chinese.</summary>
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var detail = problem.GetProperty("detail").GetString() ?? "";
        Assert.True(detail.Any(c => c >= '\u4e00' && c <= '\u9fff'), $"detail is not Chinese: {detail}");
        return problem;
    }
}
