using Microsoft.AspNetCore.Identity;

namespace CivicPractice.Web.Features.Identity;

/// <summary>
/// A person who signs in. The login name (<see cref="IdentityUser{TKey}.UserName"/>) is the blind index of
/// the phone number, never the number itself; the number is kept encrypted in <see cref="PhoneCipher"/>.
/// </summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public Guid CountyId { get; set; }
    public string DisplayName { get; set; } = "";
    public string PhoneCipher { get; set; } = "";
    /// <summary>138****1234, kept so lists need not decrypt.</summary>
    public string PhoneMasked { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
