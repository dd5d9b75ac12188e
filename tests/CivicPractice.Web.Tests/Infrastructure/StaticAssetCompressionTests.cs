using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;

namespace CivicPractice.Web.Tests.Infrastructure;

/// <summary>
/// The stylesheets and scripts every page loads leave the server compressed for a browser that accepts it, in a build as
/// well as in a publish: a phone on a slow network downloads a fraction of them.
/// </summary>
public sealed class StaticAssetCompressionTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    public static TheoryData<string, string> Assets()
    {
        var data = new TheoryData<string, string>();
        string[] paths =
        [
            "/app.css", "/js/idle.js", "/_framework/blazor.web.js",
            "/_content/BootstrapBlazor/css/bootstrap.blazor.bundle.min.css", "/_content/BootstrapBlazor/js/bootstrap.blazor.bundle.min.js",
        ];
        foreach (var path in paths)
        {
            data.Add(path, "br");
            data.Add(path, "gzip");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Assets))]
    public async Task CssAndJs_AreSentCompressed_ToABrowserThatAcceptsIt(string path, string encoding)
    {
        var client = app.Client();
        var plain = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        var original = await plain.Content.ReadAsByteArrayAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        var compressed = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Equal([encoding], compressed.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        var body = await compressed.Content.ReadAsByteArrayAsync();
        Assert.True(body.Length < original.Length, $"{path} as {encoding}: {body.Length} bytes, uncompressed {original.Length}");
        await using var decoder = encoding == "br"
            ? (Stream)new BrotliStream(new MemoryStream(body), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var decoded = new MemoryStream();
        await decoder.CopyToAsync(decoded);
        Assert.Equal(original, decoded.ToArray());
    }
}
