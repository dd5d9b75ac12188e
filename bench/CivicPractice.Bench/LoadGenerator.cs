using System.Diagnostics;

namespace CivicPractice.Bench;

/// <summary>What one load run measured. Latencies in milliseconds; <see cref="RequestsPerSecond"/> counts successes only.</summary>
public sealed record LoadResult(int Connections, double Seconds, long Requests, long Errors, double RequestsPerSecond, double P50Ms, double P99Ms, string? FirstError)
{
    public static LoadResult Empty(int connections) => new(connections, 0, 0, 0, 0, 0, 0, null);
}

/// <summary>
/// A closed-loop load generator: <c>connections</c> workers each run the operation back to back for <c>duration</c>,
/// then the requests in flight are let finish (a slow endpoint is not cut short, and the next run starts on an idle
/// server). Throughput is the successes divided by the time from the first start to the last finish.
/// The same loop drives HTTP requests and direct database queries, so the two are measured alike.
/// </summary>
public static class LoadGenerator
{
    /// <param name="operation">One request or query; returns null on success, or what went wrong.</param>
    public static async Task<LoadResult> RunAsync(Func<CancellationToken, Task<string?>> operation, int connections, TimeSpan duration, CancellationToken ct = default)
    {
        var latencies = new List<double>[connections];
        long errors = 0;
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        var stopAt = duration.TotalSeconds;
        var workers = Enumerable.Range(0, connections).Select(i => Task.Run(async () =>
        {
            var mine = latencies[i] = new List<double>(1024);
            while (clock.Elapsed.TotalSeconds < stopAt && !ct.IsCancellationRequested)
            {
                var started = clock.Elapsed.TotalMilliseconds;
                string? error;
                try
                {
                    error = await operation(ct);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    error = e.GetType().Name + ": " + e.Message;
                }
                if (error is null) mine.Add(clock.Elapsed.TotalMilliseconds - started);
                else
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, error, null);
                }
            }
        }, ct)).ToArray();
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(connections, Math.Round(elapsed, 2), all.Length, errors, Math.Round(all.Length / elapsed, 1),
            Math.Round(Percentile(all, 0.50), 1), Math.Round(Percentile(all, 0.99), 1), firstError);
    }

    /// <summary>GETs <paramref name="path"/> (with the session's cookie, if any) and reads the whole body.</summary>
    public static Func<CancellationToken, Task<string?>> Get(HttpClient client, string path, Session? session = null) => async ct =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        session?.Apply(request);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await body.CopyToAsync(Stream.Null, ct);
        return response.IsSuccessStatusCode ? null : $"GET {path}: {(int)response.StatusCode}";
    };

    /// <summary>A client for load: up to <paramref name="connections"/> keep-alive connections, cookies sent by hand (<see cref="Session"/>).</summary>
    public static HttpClient Client(Uri baseAddress, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        UseCookies = false,
        AllowAutoRedirect = false,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(120),
    };

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
