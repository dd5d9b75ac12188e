using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CivicPractice.Web.Tests.Infrastructure;

/// <summary>
/// The OpenAPI document an integrator reads (/openapi/v1.json, shown at /docs): every operation named and described
/// in Chinese, how to authenticate, and the errors the API really answers, each as a ProblemDetails.
/// </summary>
public sealed partial class OpenApiDocumentTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];
    private static readonly int[] ErrorStatuses = [401, 403, 404, 429];

    [Fact]
    public async Task EveryOperation_HasAUniqueUrlSafeId_AndAChineseSummary()
    {
        var operations = Operations(await DocumentAsync()).ToList();
        Assert.NotEmpty(operations);

        var missing = operations
            .Where(o => !(o.Operation.TryGetProperty("operationId", out var id) && UrlSafe().IsMatch(id.GetString() ?? ""))
                || !(o.Operation.TryGetProperty("summary", out var summary) && Chinese().IsMatch(summary.GetString() ?? "")))
            .Select(o => o.Name).ToList();
        Assert.True(missing.Count == 0, "without an operationId or a Chinese summary:\n" + string.Join("\n", missing));

        var ids = operations.Select(o => o.Operation.GetProperty("operationId").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task SignedInOperations_UseTheCookieScheme_AndDocument401()
    {
        var doc = await DocumentAsync();
        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("cookie");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("cookie", scheme.GetProperty("in").GetString());
        Assert.Equal("civic.auth", scheme.GetProperty("name").GetString());

        var anonymous = app.Client();
        var wrong = new List<string>();
        foreach (var op in Operations(doc))
        {
            Assert.True(op.Operation.TryGetProperty("security", out var security), $"{op.Name} states no security");
            var needsCookie = security.EnumerateArray().Any(r => r.TryGetProperty("cookie", out _));
            // Without a cookie: the secured operations answer 401 before anything else, the open ones never do.
            var response = await SendAsync(anonymous, op);
            if (needsCookie != (response.StatusCode == HttpStatusCode.Unauthorized)) wrong.Add($"{op.Name}: cookie={needsCookie}, anonymous caller got {(int)response.StatusCode}");
            if (needsCookie && !Documents(op, 401)) wrong.Add($"{op.Name}: 401 not documented");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task TheErrorsTheApiAnswers_AreDocumented_AsProblemDetails()
    {
        var doc = await DocumentAsync();
        var callers = new[]
        {
            ("anonymous", app.Client(), false),
            // Another site's form (no X-Requested-With): every write is refused with 403.
            ("cross-site form", app.PlainClient(), false),
            ("volunteer", await app.SignedInAsync(DemoLogins.Volunteer), true),
            ("county admin", await app.SignedInAsync(DemoLogins.CountyAdmin), true),
        };
        var undocumented = new List<string>();
        foreach (var op in Operations(doc))
        {
            foreach (var (who, client, signedIn) in callers)
            {
                // Signed-in callers write only to records that do not exist (a fresh id in the path), so nothing changes.
                if (signedIn && op.Method != "get" && !op.Path.Contains('{', StringComparison.Ordinal)) continue;
                var response = await SendAsync(client, op);
                var status = (int)response.StatusCode;
                if (ErrorStatuses.Contains(status) && !Documents(op, status)) undocumented.Add($"{op.Name}: {who} got {status}");
            }
        }
        Assert.True(undocumented.Count == 0, "answered but not documented:\n" + string.Join("\n", undocumented));

        // The limited operations (sign-in, codes) document 429; every documented error is a ProblemDetails.
        foreach (var path in new[] { "/api/v1/auth/login", "/api/v1/auth/sms-code", "/api/v1/auth/sms-login", "/api/v1/me/password/code", "/api/v1/volunteer-registration/sms-code" })
        {
            Assert.True(Documents(Operations(doc).Single(o => o.Path == path && o.Method == "post"), 429), $"POST {path} does not document 429");
        }
        foreach (var op in Operations(doc))
        {
            foreach (var status in ErrorStatuses.Where(s => Documents(op, s)))
            {
                var content = op.Operation.GetProperty("responses").GetProperty(status.ToString()).GetProperty("content");
                Assert.True(content.TryGetProperty("application/problem+json", out var problem), $"{op.Name} {status} is not application/problem+json");
                Assert.Equal("#/components/schemas/ProblemDetails", problem.GetProperty("schema").GetProperty("$ref").GetString());
            }
        }
        Assert.True(doc.GetProperty("components").GetProperty("schemas").TryGetProperty("ProblemDetails", out _));
    }

    [Theory]
    [InlineData("/api/v1/volunteers/import")]
    [InlineData("/api/v1/teams/{id}/logo")]
    public async Task Uploads_DescribeTheirMultipartForm(string path)
    {
        var op = Operations(await DocumentAsync()).Single(o => o.Path == path && o.Method == "post");
        var body = op.Operation.GetProperty("requestBody");
        Assert.True(body.GetProperty("required").GetBoolean());
        var schema = body.GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.Equal("file", Assert.Single(schema.GetProperty("required").EnumerateArray()).GetString());
        var file = schema.GetProperty("properties").GetProperty("file");
        Assert.Equal("string", file.GetProperty("type").GetString());
        Assert.Equal("binary", file.GetProperty("format").GetString());
        Assert.Matches(Chinese(), file.GetProperty("description").GetString());
        Assert.True(Documents(op, 400));
    }

    /// <summary>
    /// Not a check of its own: when the test script sets <c>CIVIC_OPENAPI_OUT</c>, the document as served is saved
    /// there for Redocly's lint (<c>./build.sh test</c>), which fails the run on any error.
    /// </summary>
    [Fact]
    public async Task ServedDocument_IsSavedForTheLint()
    {
        var text = await app.Client().GetStringAsync("/openapi/v1.json");
        using var _ = JsonDocument.Parse(text);
        if (Environment.GetEnvironmentVariable("CIVIC_OPENAPI_OUT") is { Length: > 0 } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await File.WriteAllTextAsync(path, text);
        }
    }

    private sealed record Op(string Path, string Method, JsonElement Operation)
    {
        public string Name => $"{Method.ToUpperInvariant()} {Path}";
    }

    private async Task<JsonElement> DocumentAsync() => await app.Client().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

    private static IEnumerable<Op> Operations(JsonElement doc) =>
        from path in doc.GetProperty("paths").EnumerateObject()
        from method in path.Value.EnumerateObject()
        where Methods.Contains(method.Name)
        select new Op(path.Name, method.Name, method.Value);

    private static bool Documents(Op op, int status) =>
        op.Operation.TryGetProperty("responses", out var responses) && responses.TryGetProperty(status.ToString(), out _);

    /// <summary>Calls the operation with a fresh id for every path parameter and an empty JSON object as body.</summary>
    private static Task<HttpResponseMessage> SendAsync(HttpClient client, Op op)
    {
        var url = PathParameter().Replace(op.Path, _ => Guid.NewGuid().ToString());
        var request = new HttpRequestMessage(new HttpMethod(op.Method.ToUpperInvariant()), url);
        if (op.Method != "get" && op.Operation.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("application/json", out _))
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        return client.SendAsync(request);
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter();

    [GeneratedRegex(@"^[A-Za-z0-9._~-]+$")]
    private static partial Regex UrlSafe();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();
}
