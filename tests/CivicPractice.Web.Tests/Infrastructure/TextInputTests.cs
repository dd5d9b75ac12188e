using System.Net;
using System.Net.Http.Json;
using System.Text;
using CivicPractice.Domain.Teams;
using CivicPractice.Web.Features.Teams;
using CivicPractice.Web.Features.Volunteers;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Tests.Infrastructure;

/// <summary>Text reaches the database trimmed and in Unicode NFC, without control or format characters; descriptions keep their line breaks.</summary>
public sealed class TextInputTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    [Fact]
    public async Task Names_AreTrimmedAndComposed_AndAnIntroductionKeepsItsLineBreaks()
    {
        var units = await DemoUnits.LoadAsync(app);
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var body = $"{{\"name\":\"  Jose\\u0301 Wang \",\"idNumber\":\"{Features.Volunteers.VolunteerRegistrationTests.IdNumber("19760606", "121")}\",\"phone\":\"13655550120\",\"unitId\":\"{units.Station.Id}\",\"politicalStatus\":\"Masses\",\"consent\":true,\"tags\":[\" Cafe\\u0301 \"]}}";

        var created = await admin.PostAsync("/api/v1/volunteers", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var volunteer = (await created.Content.ReadFromJsonAsync<VolunteerDetail>(Json.Options))!;
        Assert.Equal("Jos\u00e9 Wang", volunteer.Summary.Name);
        Assert.Equal(["Caf\u00e9"], volunteer.Summary.Tags);

        var team = await app.WithDbAsync(db => db.Teams.Where(t => t.CountyId == units.Center.CountyId && t.Kind == TeamKind.Detachment).Select(t => new { t.Id, t.Name }).FirstAsync());
        var updated = await admin.PutAsync($"/api/v1/teams/{team.Id}", new StringContent(
            $"{{\"name\":\"{team.Name} \",\"introduction\":\"第一行\\r\\n第二行\\n\\t第三行\"}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var saved = (await updated.Content.ReadFromJsonAsync<TeamDto>(Json.Options))!;
        Assert.Equal((team.Name, "第一行\n第二行\n\t第三行"), (saved.Name, saved.Introduction));
    }

    [Fact]
    public async Task ABidiOverrideInAName_IsRefusedInChinese_NamingTheField()
    {
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);

        var response = await admin.PostAsync("/api/v1/county-settings/options", new StringContent("{\"kind\":\"Skill\",\"name\":\"急救\\u202Egnp.exe\"}", Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("不可见", problem.GetProperty("detail").GetString());
        Assert.False(await app.WithDbAsync(db => db.VolunteerOptions.AnyAsync(o => o.Name.StartsWith("急救\u202E"))));
    }
}
