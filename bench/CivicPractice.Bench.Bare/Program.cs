// baseline-http: the same Kestrel and hosting the platform uses, with nothing behind the endpoint. What the bench
// client reaches here is the framework's (and this machine's) limit for one request; every scenario is compared with it.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/", () => "ok");
app.Run();
