using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CivicPractice.Domain.Teams;
using CivicPractice.Web.Features.Teams;
using CivicPractice.Web.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivicPractice.Web.Tests.Features.Teams;

/// <summary>Team leadership is the team membership role: being made (deputy) leader opens the team console, nothing else does.</summary>
public sealed class TeamLeadershipTests(TeamLeadershipTests.EveryRequestValidated app) : IClassFixture<TeamLeadershipTests.EveryRequestValidated>
{
    [Fact]
    public async Task MadeLeaderOfACountyDetachment_OpensTheConsoleInTheOpenSession_AndDismissalEndsIt()
    {
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var detachment = (await admin.GetFromJsonAsync<List<TeamDto>>("/api/v1/teams", Json.Options))!.First(t => t.Name == "巾帼志愿服务支队");
        var (volunteerId, userId) = await DemoVolunteerAsync();
        var session = await app.SignedInAsync(DemoLogins.Volunteer);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/admin/teams")).StatusCode);
        var stampBefore = await StampAsync(userId);

        var enlisted = await admin.PostAsJsonAsync($"/api/v1/teams/{detachment.Id}/members", new AddMemberRequest { VolunteerId = volunteerId, Enlist = true });
        var member = (await enlisted.Content.ReadFromJsonAsync<TeamMemberRow>(Json.Options))!;
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/teams/{detachment.Id}/members/{member.Id}", new AssignMemberRequest { Role = MemberRole.Leader })).StatusCode);

        // Appointment signs nobody out: the session's cookie is re-issued with the leadership at its next validation.
        Assert.Equal(stampBefore, await StampAsync(userId));
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin/teams")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin")).StatusCode);
        Assert.True((await session.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("leadsTeam").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync($"/api/v1/teams/{detachment.Id}/members")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/teams/{detachment.Id}/members/{member.Id}", new AssignMemberRequest { Role = MemberRole.DeputyLeader })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin/teams")).StatusCode);

        // Dismissal changes the security stamp: the open session ends, and a new one has no console.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/teams/{detachment.Id}/members/{member.Id}", new AssignMemberRequest { Role = MemberRole.Member })).StatusCode);
        Assert.NotEqual(stampBefore, await StampAsync(userId));
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/v1/me")).StatusCode);
        var again = await app.SignedInAsync(DemoLogins.Volunteer);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/admin/teams")).StatusCode);
        Assert.False((await again.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("leadsTeam").GetBoolean());
    }

    [Fact]
    public async Task ALeaderWhoLeavesOrWhoseTeamIsDisbanded_LosesTheConsole()
    {
        var admin = await app.SignedInAsync(DemoLogins.CountyAdmin);
        var detachment = (await admin.GetFromJsonAsync<List<TeamDto>>("/api/v1/teams", Json.Options))!.First(t => t.Name == "职工志愿服务支队");
        var created = await admin.PostAsJsonAsync("/api/v1/teams", new CreateTeamRequest { Kind = TeamKind.Section, ParentTeamId = detachment.Id, Name = "家电维修分队" });
        var section = (await created.Content.ReadFromJsonAsync<TeamDto>(Json.Options))!;
        var (volunteerId, userId) = await DemoVolunteerAsync();
        var enlisted = await admin.PostAsJsonAsync($"/api/v1/teams/{section.Id}/members", new AddMemberRequest { VolunteerId = volunteerId, Enlist = true });
        var member = (await enlisted.Content.ReadFromJsonAsync<TeamMemberRow>(Json.Options))!;
        await admin.PutAsJsonAsync($"/api/v1/teams/{section.Id}/members/{member.Id}", new AssignMemberRequest { Role = MemberRole.Leader });
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInAsync(DemoLogins.Volunteer)).GetAsync("/admin/teams")).StatusCode);
        var stamp = await StampAsync(userId);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/teams/{section.Id}/deactivate", null)).StatusCode);

        Assert.NotEqual(stamp, await StampAsync(userId));
        Assert.Equal(HttpStatusCode.Redirect, (await (await app.SignedInAsync(DemoLogins.Volunteer)).GetAsync("/admin/teams")).StatusCode);
    }

    [Fact]
    public async Task TheDemoTeamLeader_HoldsNoLeaderAccountRole_AndStillRunsTheSquadron()
    {
        var login = app.Services.GetRequiredService<PiiProtector>().PhoneIndex(DemoLogins.TeamLeader);
        var leaderUser = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == login).Select(u => u.Id).SingleAsync());
        var roles = await app.WithDbAsync(db => db.RoleAssignments.Where(r => r.UserId == leaderUser).Select(r => r.Role).ToListAsync());
        Assert.DoesNotContain(Domain.Identity.RoleKind.TeamLeader, roles);

        var leader = await app.SignedInAsync(DemoLogins.TeamLeader);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/admin/teams")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await leader.GetAsync("/admin/org")).StatusCode);
    }

    /// <summary>The app with the cookie checked against the database on every request instead of once a minute, so a test sees at once what a person sees a minute later.</summary>
    public sealed class EveryRequestValidated : CivicAppFactory
    {
        protected override void ConfigureMore(IWebHostBuilder builder) =>
            builder.ConfigureTestServices(s => s.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero));
    }

    private Task<(Guid VolunteerId, Guid UserId)> DemoVolunteerAsync() => app.WithDbAsync(async db =>
    {
        var login = app.Services.GetRequiredService<PiiProtector>().PhoneIndex(DemoLogins.Volunteer);
        var user = await db.Users.Where(u => u.UserName == login).Select(u => u.Id).SingleAsync();
        return (await db.Volunteers.Where(v => v.UserId == user).Select(v => v.Id).SingleAsync(), user);
    });

    private Task<string?> StampAsync(Guid userId) => app.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync());
}
