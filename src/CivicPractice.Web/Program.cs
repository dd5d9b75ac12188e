using CivicPractice.Web;
using CivicPractice.Web.Data;
using CivicPractice.Web.Features.Accounts;
using CivicPractice.Web.Features.Activities;
using CivicPractice.Web.Features.Audit;
using CivicPractice.Web.Features.Demo;
using CivicPractice.Web.Features.Identity;
using CivicPractice.Web.Features.Organization;
using CivicPractice.Web.Features.Portal;
using CivicPractice.Web.Features.Settings;
using CivicPractice.Web.Features.Teams;
using CivicPractice.Web.Features.Volunteers;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatform();
builder.AddData();
builder.AddIdentityFeature();
builder.AddOrganization();
builder.AddAccounts();
builder.AddVolunteers();
builder.AddTeams();
builder.AddActivities();
builder.AddSettings();
builder.AddAudit();
builder.AddDemo();
builder.AddPortal();

var app = builder.Build();
app.UsePlatform();
app.MapIdentity();
app.MapOrganization();
app.MapAccounts();
app.MapVolunteers();
app.MapTeams();
app.MapActivities();
app.MapSettings();
app.MapAudit();
app.MapPlatform();

if (await PlatformCommands.RunAsync(app, args)) return;
app.Run();

public partial class Program;
