namespace CivicPractice.Web.Infrastructure;

/// <summary>Where uploaded files live (logos now, activity photos later). The default is a folder under the data directory.</summary>
public interface IFileStore
{
    Task SaveAsync(string path, byte[] content, CancellationToken ct = default);
    Task<byte[]?> ReadAsync(string path, CancellationToken ct = default);

    /// <summary>Removes the files directly in a folder that were last written before the cutoff (kept-for-a-while files such as import reports).</summary>
    Task DeleteOlderThanAsync(string folder, DateTimeOffset cutoff, CancellationToken ct = default);
}

public sealed class LocalFileStore(string root) : IFileStore
{
    public async Task SaveAsync(string path, byte[] content, CancellationToken ct = default)
    {
        var full = Resolve(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // Write beside and move, so a reader never sees half a file.
        var temp = full + ".tmp";
        await File.WriteAllBytesAsync(temp, content, ct);
        File.Move(temp, full, overwrite: true);
    }

    public async Task<byte[]?> ReadAsync(string path, CancellationToken ct = default)
    {
        var full = Resolve(path);
        return File.Exists(full) ? await File.ReadAllBytesAsync(full, ct) : null;
    }

    public Task DeleteOlderThanAsync(string folder, DateTimeOffset cutoff, CancellationToken ct = default)
    {
        var full = Resolve(folder);
        if (!Directory.Exists(full)) return Task.CompletedTask;
        foreach (var file in new DirectoryInfo(full).EnumerateFiles())
        {
            ct.ThrowIfCancellationRequested();
            if (file.LastWriteTimeUtc < cutoff.UtcDateTime) file.Delete();
        }
        return Task.CompletedTask;
    }

    private string Resolve(string path)
    {
        var full = Path.GetFullPath(Path.Combine(root, path));
        if (!full.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal)) throw new ArgumentException("path escapes the store", nameof(path));
        return full;
    }
}

/// <summary>Images are judged by their first bytes, never by the name or the declared type.</summary>
public static class ImageSniffer
{
    public static string? ExtensionOf(ReadOnlySpan<byte> data) =>
        data.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "png"
        : data.StartsWith((byte[])[0xFF, 0xD8, 0xFF]) ? "jpg"
        : null;

    public static string ContentType(string extension) => extension == "png" ? "image/png" : "image/jpeg";
}

public static class StoredFileEndpoints
{
    /// <summary>
    /// Files people uploaded are served as the type we say and nothing else: the browser may not sniff another type,
    /// and opened on their own they run no script and load nothing.
    /// </summary>
    public static RouteHandlerBuilder ServesStoredFiles(this RouteHandlerBuilder route) => route.AddEndpointFilter(async (context, next) =>
    {
        var headers = context.HttpContext.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return await next(context);
    });
}
