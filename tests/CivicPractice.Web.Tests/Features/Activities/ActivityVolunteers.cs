using System.Globalization;
using CivicPractice.Domain.Organization;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Infrastructure;
using CivicPractice.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivicPractice.Web.Tests.Features.Activities;

/// <summary>Arranges approved volunteers without accounts (their first SMS sign-in opens one), as an import leaves them.</summary>
public static class ActivityVolunteers
{
    /// <summary>
    /// <paramref name="count"/> approved volunteers at <paramref name="station"/> with phones <paramref name="prefix"/>
    /// (7 digits) + 4 digits; the prefix's third and fourth digits keep their masks, ID numbers and volunteer numbers
    /// apart from other calls', so each call needs its own pair.
    /// </summary>
    public static async Task<List<string>> ApprovedAsync(CivicAppFactory app, OrgUnit station, string prefix, int count)
    {
        using var scope = app.Services.CreateScope();
        var pii = scope.ServiceProvider.GetRequiredService<PiiProtector>();
        var tag = prefix[2..4];
        var phones = Enumerable.Range(0, count).Select(i => prefix + i.ToString("D4", CultureInfo.InvariantCulture)).ToList();
        await app.WithDbAsync(async db =>
        {
            var notice = await Web.Features.Volunteers.VolunteerConsent.StoredAsync(db, "同意");
            var code = await db.Counties.Where(c => c.Id == station.CountyId).Select(c => c.Code).SingleAsync();
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < count; i++)
            {
                var first17 = "430121" + new DateOnly(1980, 1, 1).AddDays(i).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + tag + "1";
                ChineseIdNumber.TryParse(first17 + ChineseIdNumber.CheckCharacter(first17), DateOnly.FromDateTime(DateTime.Today), out var id, out _);
                var v = Volunteer.Register(station, new VolunteerProfile("志愿者" + tag + i, PoliticalStatus.Masses, [], [], [], []), pii.Protect(id!, phones[i]), notice, RegistrationSource.Admin, now);
                v.Approve(code + tag + i.ToString("D5", CultureInfo.InvariantCulture), Guid.Empty, now);
                db.Volunteers.Add(v);
            }
            return await db.SaveChangesAsync();
        });
        return phones;
    }
}
