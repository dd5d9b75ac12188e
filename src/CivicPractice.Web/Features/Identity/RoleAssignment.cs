using CivicPractice.Domain.Identity;

namespace CivicPractice.Web.Features.Identity;

/// <summary>(user, role, org unit): a role always holds on one unit and its subtree.</summary>
public sealed class RoleAssignment
{
    private RoleAssignment() { }

    public RoleAssignment(Guid countyId, Guid userId, RoleKind role, Guid orgUnitId, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        CountyId = countyId;
        UserId = userId;
        Role = role;
        OrgUnitId = orgUnitId;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid CountyId { get; private set; }
    public Guid UserId { get; private set; }
    public RoleKind Role { get; private set; }
    public Guid OrgUnitId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}
