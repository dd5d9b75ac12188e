using CivicPractice.Web;

namespace CivicPractice.Web.Features.Demo;

public static class DemoFeature
{
    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }
}
