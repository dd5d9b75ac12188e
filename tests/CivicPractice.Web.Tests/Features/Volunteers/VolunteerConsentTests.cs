using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Data;
using CivicPractice.Web.Features.Volunteers;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Tests.Features.Volunteers;

/// <summary>
/// The notice a person agreed to is kept once per distinct text and referenced by each volunteer, yet the detail, the
/// person's own page and their export still show exactly the text they agreed to.
/// </summary>
public sealed class VolunteerConsentTests(CivicAppFactory app) : IClassFixture<CivicAppFactory>
{
    [Fact]
    public async Task TheNotice_IsStoredOnce_HoweverManyPeopleAgreedToIt()
    {
        if (CivicAppFactory.Provider != DatabaseProvider.Sqlite) return;
        var agreed = await app.WithDbAsync(db => db.Volunteers.CountAsync(v => v.Source == RegistrationSource.SelfService));
        Assert.True(agreed > 100, $"{agreed} self-registered volunteers");
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var bytes = await ReadSharedAsync(app.SqliteFile);

        var notice = Encoding.UTF8.GetBytes(VolunteerConsent.Text);
        var copies = 0;
        for (var at = bytes.AsSpan().IndexOf(notice); at >= 0; at = NextIndex(bytes, notice, at)) copies++;
        // Once in its table, once in the unique index on it.
        Assert.InRange(copies, 1, 2);
    }

    [Fact]
    public async Task DetailMyPageAndMyExport_ShowTheExactTextAgreedTo_AndEachDistinctTextIsOneRow()
    {
        var units = await DemoUnits.LoadAsync(app);
        var self = await app.SelfRegisterAsync("13655557001", VolunteerRegistrationTests.IdNumber("19900101", "701"), "同意本人", units.Station.Id);
        Assert.Equal(HttpStatusCode.Created, self.StatusCode);
        var selfId = (await self.Content.ReadFromJsonAsync<RegistrationResult>(Json.Options))!.VolunteerId;
        var admin = await app.SignedInAsync(DemoLogins.StationAdmin);
        var entered = new List<Guid>();
        foreach (var (phone, seq) in new[] { ("13655557002", "702"), ("13655557003", "703") })
        {
            var created = await admin.PostAsJsonAsync("/api/v1/volunteers", new AdminRegistrationRequest
            {
                Name = "代录" + seq, IdNumber = VolunteerRegistrationTests.IdNumber("19900101", seq), Phone = phone, UnitId = units.Station.Id,
                PoliticalStatus = PoliticalStatus.Masses, Consent = true,
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            entered.Add((await created.Content.ReadFromJsonAsync<VolunteerDetail>(Json.Options))!.Summary.Id);
        }

        var selfDetail = await admin.GetFromJsonAsync<VolunteerDetail>($"/api/v1/volunteers/{selfId}", Json.Options);
        var enteredDetails = new List<VolunteerDetail>();
        foreach (var id in entered) enteredDetails.Add((await admin.GetFromJsonAsync<VolunteerDetail>($"/api/v1/volunteers/{id}", Json.Options))!);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/volunteers/{selfId}/approve", null)).StatusCode);
        var person = await app.SignedInBySmsAsync("13655557001");
        var mine = await person.GetFromJsonAsync<VolunteerDetail>("/api/v1/me/volunteer", Json.Options);
        var export = JsonDocument.Parse(await person.GetByteArrayAsync("/api/v1/me/volunteer/export")).RootElement;

        Assert.Equal(VolunteerConsent.Text, selfDetail!.ConsentText);
        Assert.Equal(VolunteerConsent.Text, mine!.ConsentText);
        Assert.Equal(VolunteerConsent.Text, export.GetProperty("同意的个人信息处理规则").GetString());
        var adminText = enteredDetails[0].ConsentText;
        Assert.StartsWith("由管理员 ", adminText);
        Assert.Contains(VolunteerConsent.Version, adminText);
        Assert.Equal(adminText, enteredDetails[1].ConsentText);
        var stored = await app.WithDbAsync(db => db.ConsentNotices.Select(n => n.Text).ToListAsync());
        Assert.Equal(stored.Count, stored.Distinct().Count());
        Assert.Single(stored, t => t == VolunteerConsent.Text);
        Assert.Single(stored, t => t == adminText);
        var referencing = await app.WithDbAsync(db => (from v in db.Volunteers join n in db.ConsentNotices on v.ConsentNoticeId equals n.Id
                                                        where n.Text == VolunteerConsent.Text select v.Id).CountAsync());
        Assert.True(referencing > 100);
    }

    [Fact]
    public async Task Withdrawal_StillErasesThePerson_AndLeavesTheSharedNoticeAlone()
    {
        var units = await DemoUnits.LoadAsync(app);
        var registered = await app.SelfRegisterAsync("13655557011", VolunteerRegistrationTests.IdNumber("19910101", "711"), "注销同意", units.Station.Id);
        var id = (await registered.Content.ReadFromJsonAsync<RegistrationResult>(Json.Options))!.VolunteerId;
        var admin = await app.SignedInAsync(DemoLogins.StationAdmin);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/volunteers/{id}/approve", null)).StatusCode);
        var person = await app.SignedInBySmsAsync("13655557011");

        Assert.Equal(HttpStatusCode.NoContent, (await person.PostAsync("/api/v1/me/volunteer/withdraw", null)).StatusCode);

        var stored = await app.WithDbAsync(db => db.Volunteers.SingleAsync(v => v.Id == id));
        Assert.Equal((Volunteer.ErasedName, (string?)null), (stored.Name, stored.IdCipher));
        var detail = await admin.GetFromJsonAsync<VolunteerDetail>($"/api/v1/volunteers/{id}", Json.Options);
        Assert.Equal(VolunteerConsent.Text, detail!.ConsentText); // what they had agreed to stays on the record
        Assert.True(await app.WithDbAsync(db => db.ConsentNotices.AnyAsync(n => n.Text == VolunteerConsent.Text)));
    }

    private static int NextIndex(byte[] bytes, byte[] pattern, int after)
    {
        var rest = bytes.AsSpan(after + 1).IndexOf(pattern);
        return rest < 0 ? -1 : after + 1 + rest;
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        return memory.ToArray();
    }
}
