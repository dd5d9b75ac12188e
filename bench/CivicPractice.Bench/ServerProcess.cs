using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CivicPractice.Bench;

/// <summary>
/// A web app started as its own process (<c>dotnet App.dll</c>) on a free loopback port, with its output in a log file.
/// The environment is inherited (the bench command sets the platform's configuration), plus <c>ASPNETCORE_URLS</c>.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServerProcess(Process process, StreamWriter log, Uri address)
    {
        _process = process;
        _log = log;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    /// <summary>Starts the app and waits until <paramref name="readyPath"/> answers 200; returns the wait as well.</summary>
    public static async Task<(ServerProcess Server, TimeSpan StartTime)> StartAsync(string dll, string workingDirectory, string logFile, string readyPath,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.Environment["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var clock = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {dll}");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, log, address);
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = timeout ?? TimeSpan.FromSeconds(120);
        while (clock.Elapsed < deadline)
        {
            if (process.HasExited) break;
            try
            {
                using var response = await probe.GetAsync(readyPath);
                if (response.StatusCode == HttpStatusCode.OK) return (server, clock.Elapsed);
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(50);
        }
        await server.DisposeAsync();
        throw new InvalidOperationException($"{Path.GetFileName(dll)} did not answer {readyPath} within {deadline.TotalSeconds:F0} s; see {logFile}");
    }

    /// <summary>Resident memory now and its peak so far (VmRSS, VmHWM from /proc), in MB.</summary>
    public (double Rss, double Peak) Memory()
    {
        double rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kilobytes(line) / 1024.0;
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kilobytes(line) / 1024.0;
        }
        return (Math.Round(rss, 1), Math.Round(peak, 1));

        static double Kilobytes(string line) => double.Parse(line.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        lock (_log) _log.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
