using System.Net;
using System.Net.Http.Json;
using CivicPractice.Domain.Teams;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Features.Teams;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Tests.Features.Teams;

/// <summary>Nobody is put in a team without consent by an admin who does not manage them.</summary>
public sealed class TeamEnlistTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    [Fact]
    public async Task AnAdmin_EnlistsOnlyTheirOwnVolunteers_AndInvitesEveryoneElse()
    {
        var units = await DemoUnits.LoadAsync(app);
        var admin = await app.SignedInAsync(DemoLogins.StationAdmin);
        var squadron = (await admin.GetFromJsonAsync<List<TeamDto>>("/api/v1/teams", Json.Options))!.Single(t => t.OrgUnitId == units.Station.Id && t.Kind == TeamKind.Squadron);
        var (stranger, own) = await app.WithDbAsync(async db => (
            await db.Volunteers.Where(v => v.UnitId == units.OtherStation.Id && v.Status == VolunteerStatus.Approved).Select(v => v.Id).FirstAsync(),
            await db.Volunteers.Where(v => v.UnitId == units.Station.Id && v.Status == VolunteerStatus.Approved
                && !db.TeamMembers.Any(m => m.TeamId == squadron.Id && m.VolunteerId == v.Id)).Select(v => (Guid?)v.Id).FirstOrDefaultAsync()));

        var enlisted = await admin.PostAsJsonAsync($"/api/v1/teams/{squadron.Id}/members", new AddMemberRequest { VolunteerId = stranger, Enlist = true });

        await ProblemAssert.IsProblemAsync(enlisted, HttpStatusCode.Conflict);
        Assert.False(await app.WithDbAsync(db => db.TeamMembers.AnyAsync(m => m.TeamId == squadron.Id && m.VolunteerId == stranger && m.Status == MembershipStatus.Active)));
        var invited = await admin.PostAsJsonAsync($"/api/v1/teams/{squadron.Id}/members", new AddMemberRequest { VolunteerId = stranger, Enlist = false });
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        if (own is { } mine)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/teams/{squadron.Id}/members", new AddMemberRequest { VolunteerId = mine, Enlist = true })).StatusCode);
        }
    }
}
