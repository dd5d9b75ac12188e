using System.Net;
using System.Net.Http.Json;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Features.Demo;
using CivicPractice.Web.Features.Settings;
using CivicPractice.Web.Features.Volunteers;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Tests.Features.Settings;

public sealed class CountySettingsTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    [Fact]
    public async Task AutoApprove_GivesANumberAtRegistration()
    {
        var units = await DemoUnits.LoadAsync(app);
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var updated = await admin.PutAsJsonAsync("/api/v1/county-settings", new UpdateCountySettingsRequest { AutoApproveVolunteers = true });
        Assert.True((await updated.Content.ReadFromJsonAsync<CountySettingsDto>(Json.Options))!.AutoApproveVolunteers);

        var client = app.Client();
        await client.PostAsJsonAsync("/api/v1/volunteer-registration/sms-code", new { phone = "13544440001", countyCode = DemoSeeder.MainCountyCode });
        var code = await app.LatestSmsCodeAsync("13544440001");
        var first17 = "430121" + "19830303" + "777";
        var response = await client.PostAsJsonAsync("/api/v1/volunteer-registration", new SelfRegistrationRequest
        {
            Phone = "13544440001", Code = code, Name = "自动通过", IdNumber = first17 + ChineseIdNumber.CheckCharacter(first17),
            UnitId = units.Station.Id, PoliticalStatus = PoliticalStatus.Masses, Consent = true,
        });

        var result = (await response.Content.ReadFromJsonAsync<RegistrationResult>(Json.Options))!;
        Assert.Equal(VolunteerStatus.Approved, result.Status);
        Assert.StartsWith(DemoSeeder.MainCountyCode, result.Number);
        await admin.PutAsJsonAsync("/api/v1/county-settings", new UpdateCountySettingsRequest { AutoApproveVolunteers = false });
    }

    [Fact]
    public async Task OptionLists_AreEditedByTheCounty_AndFeedTheRegistrationForm()
    {
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var settings = await admin.GetFromJsonAsync<CountySettingsDto>("/api/v1/county-settings", Json.Options);
        Assert.Equal(17, settings!.Options.Count(o => o.Kind == VolunteerOptionKind.Interest && o.IsActive));

        var added = await admin.PostAsJsonAsync("/api/v1/county-settings/options", new AddOptionRequest { Kind = VolunteerOptionKind.Interest, Name = "垃圾分类" });
        var option = (await added.Content.ReadFromJsonAsync<CountySettingsDto>(Json.Options))!.Options.Single(o => o.Name == "垃圾分类");
        Assert.Contains("垃圾分类", (await Options())!.Interests);
        await ProblemAssert.IsProblemAsync(await admin.PostAsJsonAsync("/api/v1/county-settings/options", new AddOptionRequest { Kind = VolunteerOptionKind.Interest, Name = "垃圾分类" }), HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/county-settings/options/{option.Id}/retire", null)).StatusCode);
        Assert.DoesNotContain("垃圾分类", (await Options())!.Interests);
    }

    [Fact]
    public async Task OnlyTheCountysCenterAdmins_ChangeSettings()
    {
        var station = await app.SignedInAsync(DemoLogins.StationAdmin);
        await ProblemAssert.IsProblemAsync(await station.PutAsJsonAsync("/api/v1/county-settings", new UpdateCountySettingsRequest { AutoApproveVolunteers = true }), HttpStatusCode.Forbidden);
        var other = await app.SignedInAsync(DemoLogins.OtherCountyAdmin);
        var theirs = await other.GetFromJsonAsync<CountySettingsDto>("/api/v1/county-settings", Json.Options);
        Assert.Equal("云溪区", theirs!.CountyName);
    }

    private Task<OptionLists?> Options() => app.Client().GetFromJsonAsync<OptionLists>($"/api/v1/volunteer-registration/options?county={DemoSeeder.MainCountyCode}", Json.Options);
}
