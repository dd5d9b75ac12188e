using System.Globalization;
using CivicPractice.Bench;

// ./build.sh bench runs `run`; `load` is the load generator alone, for a look at one address.
//   run  --provider sqlite|postgres --connection CS --platform Web.dll --content-root DIR --bare Bare.dll --logs DIR --results DIR
//        [--scale 1] [--rounds 3] [--seconds 2] [--connections 32] [--starts 3] [--import-rows 10000] [--seed-seconds S] [--commit SHA]
//   load --url http://127.0.0.1:5080 --path /api/v1/volunteers [--phone 13800000001] [--connections 32] [--seconds 5]
//   markdown bench/results/FILE.json    the tables bench/README.md carries
var command = args.FirstOrDefault();
try
{
    switch (command)
    {
        case "run":
        {
            var provider = Enum.Parse<DbProvider>(Required("--provider"), ignoreCase: true);
            var options = new HarnessOptions(provider, Required("--connection"), Required("--platform"), Required("--content-root"), Required("--bare"),
                Required("--logs"), Number("--scale", 1), (int)Number("--rounds", 3), Number("--seconds", 2), (int)Number("--connections", 32),
                (int)Number("--starts", 3), (int)Number("--import-rows", 10_000), Required("--results"),
                Option("--seed-seconds") is { } seed ? double.Parse(seed, CultureInfo.InvariantCulture) : null, Option("--commit"));
            var result = await Harness.RunAsync(options);
            Console.WriteLine();
            Console.WriteLine("results: " + Harness.Save(result, options.ResultsDirectory));
            return 0;
        }
        case "load":
        {
            var connections = (int)Number("--connections", 32);
            using var client = LoadGenerator.Client(new Uri(Required("--url")), connections);
            var session = Option("--phone") is { } phone ? await Session.SignInAsync(client, phone, Option("--password") ?? DemoLogins.Password) : null;
            var r = await LoadGenerator.RunAsync(LoadGenerator.Get(client, Option("--path") ?? "/", session), connections, TimeSpan.FromSeconds(Number("--seconds", 5)));
            Console.WriteLine(FormattableString.Invariant($"{r.Requests} requests in {r.Seconds} s: {r.RequestsPerSecond} req/s, p50 {r.P50Ms} ms, p99 {r.P99Ms} ms, {r.Errors} errors {r.FirstError}"));
            return r.Errors == 0 && r.Requests > 0 ? 0 : 1;
        }
        case "markdown":
            Console.Write(Harness.Markdown(args.ElementAtOrDefault(1) ?? throw new ArgumentException("markdown needs a result file")));
            return 0;
        default:
            Console.Error.WriteLine("usage: CivicPractice.Bench run … | load --url URL [--path P] [--phone N] [--connections C] [--seconds S] | markdown FILE.json");
            return 2;
    }
}
catch (Exception e) when (e is InvalidOperationException or HttpRequestException or ArgumentException or FormatException or IOException)
{
    Console.Error.WriteLine("bench: " + e.Message);
    return 1;
}

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

string Required(string name) => Option(name) ?? throw new ArgumentException($"{name} is required");

double Number(string name, double fallback) => Option(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
