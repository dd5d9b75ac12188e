using CivicPractice.Web.Data;

namespace CivicPractice.Web.Features.Identity;

/// <summary>Sends a text message to a mainland mobile number.</summary>
public interface ISmsSender
{
    Task SendAsync(Guid? countyId, string phone, string text, CancellationToken ct);
}

/// <summary>
/// The development sender: nothing leaves the machine; messages land in an outbox that the county's admins
/// can open (/admin/sms-outbox). A production sender (a carrier gateway) replaces it by configuration.
/// </summary>
public sealed class OutboxSmsSender(AppDbContext db, Infrastructure.PiiProtector pii, TimeProvider clock) : ISmsSender
{
    public async Task SendAsync(Guid? countyId, string phone, string text, CancellationToken ct)
    {
        db.SmsMessages.Add(new SmsMessage
        {
            CountyId = countyId,
            PhoneMasked = Domain.Identity.MobileNumber.Mask(phone),
            PhoneIndex = pii.PhoneIndex(phone),
            Text = text,
            SentAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
    }
}
