using CivicPractice.Domain.Activities;
using CivicPractice.Domain.Organization;
using CivicPractice.Domain.Volunteers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivicPractice.Web.Data;

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> b)
    {
        b.Property(a => a.Title).HasMaxLength(ActivityPolicies.MaxTitleLength);
        b.Property(a => a.Content).HasMaxLength(ActivityPolicies.MaxContentLength);
        b.Property(a => a.Category).HasMaxLength(30);
        b.Property(a => a.Address).HasMaxLength(200);
        b.Property(a => a.UnitPath).HasMaxLength(400);
        b.Property(a => a.ContactName).HasMaxLength(30);
        b.Property(a => a.ContactPhone).HasMaxLength(20);
        b.Property(a => a.CoverFile).HasMaxLength(100);
        b.Property(a => a.CancelReason).HasMaxLength(ActivityPolicies.MaxReasonLength);
        // The portal lists a county's coming activities by start; the console a unit's subtree.
        b.HasIndex(a => new { a.CountyId, a.Status, a.StartsAt });
        b.HasIndex(a => new { a.CountyId, a.UnitPath });
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(a => a.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SignupConfiguration : IEntityTypeConfiguration<Signup>
{
    public void Configure(EntityTypeBuilder<Signup> b)
    {
        b.Ignore(s => s.HoldsSeat);
        // One place per person per activity, whatever races the requests run.
        b.HasIndex(s => new { s.ActivityId, s.VolunteerId }).IsUnique();
        b.HasIndex(s => new { s.ActivityId, s.Status, s.Sequence });
        b.HasIndex(s => new { s.VolunteerId, s.Status });
        b.HasOne<Activity>().WithMany().HasForeignKey(s => s.ActivityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Volunteer>().WithMany().HasForeignKey(s => s.VolunteerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class HoursEntryConfiguration : IEntityTypeConfiguration<HoursEntry>
{
    public void Configure(EntityTypeBuilder<HoursEntry> b)
    {
        b.Property(e => e.Hours).HasPrecision(7, 2);
        b.Property(e => e.Reason).HasMaxLength(ActivityPolicies.MaxReasonLength);
        b.HasIndex(e => new { e.VolunteerId, e.ActivityId });
        b.HasIndex(e => e.ActivityId);
        // A credit is reversed at most once, even by two organisers at the same moment.
        b.HasIndex(e => e.ReversesId).IsUnique();
        b.HasOne<Activity>().WithMany().HasForeignKey(e => e.ActivityId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Volunteer>().WithMany().HasForeignKey(e => e.VolunteerId).OnDelete(DeleteBehavior.Restrict);
    }
}
