using System.Net;
using System.Net.Http.Json;
using CivicPractice.Web.Features.Identity;
using CivicPractice.Web.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivicPractice.Web.Tests.Features.Identity;

public sealed class SmsResendTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    [Fact]
    public async Task TwentyParallelCodeRequests_ForOnePhone_StoreExactlyOneCode()
    {
        var index = PhoneIndex(DemoLogins.StationAdmin);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            app.Client().PostAsJsonAsync("/api/v1/auth/sms-code", new { phone = DemoLogins.StationAdmin })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal((HttpStatusCode)429, r.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.SmsCodes.CountAsync(c => c.PhoneIndex == index && c.Purpose == CodePurpose.SignIn)));
        Assert.Equal(1, await app.WithDbAsync(db => db.SmsMessages.CountAsync(m => m.PhoneIndex == index)));
    }

    private string PhoneIndex(string phone)
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<PiiProtector>().PhoneIndex(phone);
    }
}
