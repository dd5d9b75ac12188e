using System.Security.Cryptography;
using CivicPractice.Domain.Activities;
using CivicPractice.Web.Data;
using CivicPractice.Web.Infrastructure;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;

namespace CivicPractice.Web.Features.Activities;

/// <summary>
/// iCalendar files (Ical.Net): one activity's, and each volunteer's feed of the activities they hold a seat at, with
/// times in Asia/Shanghai. A calendar app fetches the feed without a session, so its URL carries a token: the volunteer's
/// id and an HMAC of it (key derived from the deployment's secret), unguessable and useless for anyone else's feed.
/// </summary>
public sealed class ActivityCalendar(AppDbContext db, PiiProtector pii)
{
    private const string Zone = "Asia/Shanghai";
    private const int MacBytes = 16;

    public async Task<string> ActivityAsync(Guid id, CancellationToken ct = default)
    {
        var activity = await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.Status != ActivityStatus.Draft, ct)
            ?? throw new NotFoundException("活动");
        return Serialize([activity]);
    }

    /// <summary>The signed-in volunteer's feed address.</summary>
    public async Task<string> FeedPathAsync(CancellationToken ct = default)
    {
        var me = await MyVolunteer.FindAsync(db, ct) ?? throw new NotFoundException("志愿者信息");
        return $"/api/v1/calendar/{Token(me.Id)}.ics";
    }

    /// <summary>The feed behind a token, or null (404) for a token that is not one of ours.</summary>
    public async Task<string?> FeedAsync(string token, CancellationToken ct = default)
    {
        if (VolunteerOf(token) is not { } volunteerId) return null;
        using var _ = db.Scope.AsSystem();
        var volunteer = await db.Volunteers.AsNoTracking().Where(v => v.Id == volunteerId && v.Status == Domain.Volunteers.VolunteerStatus.Approved)
            .Select(v => new { v.Id }).FirstOrDefaultAsync(ct);
        if (volunteer is null) return null;
        var activities = await (from s in db.Signups.AsNoTracking()
                                where s.VolunteerId == volunteerId && s.Status == SignupStatus.Confirmed
                                join a in db.Activities.AsNoTracking() on s.ActivityId equals a.Id
                                where a.Status != ActivityStatus.Cancelled && a.Status != ActivityStatus.Draft
                                select a).ToListAsync(ct);
        return Serialize(activities);
    }

    private static string Serialize(IEnumerable<Activity> activities)
    {
        var calendar = new Calendar();
        calendar.AddTimeZone(new VTimeZone(Zone));
        calendar.AddProperty("X-WR-CALNAME", "文明实践活动");
        foreach (var a in activities)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = a.Id.ToString(),
                Summary = a.Title,
                Description = a.Content,
                Location = a.Address,
                Start = new CalDateTime(ChinaTime.Local(a.StartsAt).DateTime, Zone),
                End = new CalDateTime(ChinaTime.Local(a.EndsAt).DateTime, Zone),
            });
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private byte[] Key => pii.DeriveKey("calendar-feed");

    private string Token(Guid volunteerId)
    {
        var id = volunteerId.ToByteArray();
        return Base64Url(id.Concat(HMACSHA256.HashData(Key, id)[..MacBytes]).ToArray());
    }

    private Guid? VolunteerOf(string token)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + new string('=', (4 - token.Length % 4) % 4));
        }
        catch (FormatException)
        {
            return null;
        }
        if (bytes.Length != 16 + MacBytes) return null;
        var id = bytes[..16];
        return CryptographicOperations.FixedTimeEquals(bytes[16..], HMACSHA256.HashData(Key, id)[..MacBytes]) ? new Guid(id) : null;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
