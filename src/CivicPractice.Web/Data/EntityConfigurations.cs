using CivicPractice.Domain.Organization;
using CivicPractice.Domain.Teams;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Features.Volunteers;
using CivicPractice.Web.Features.Audit;
using CivicPractice.Web.Features.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CivicPractice.Web.Data;

internal sealed class CountyConfiguration : IEntityTypeConfiguration<County>
{
    public void Configure(EntityTypeBuilder<County> b)
    {
        b.Property(c => c.Name).HasMaxLength(50);
        b.Property(c => c.Code).HasMaxLength(12);
        b.Property(c => c.Province).HasMaxLength(30);
        // Counties that existed before the setting get the DOMAIN.md default, not 0 %.
        b.Property(c => c.RegistrationTargetPercent).HasDefaultValue(IndicatorPolicies.DefaultRegistrationTargetPercent);
        b.HasIndex(c => c.Code).IsUnique();
        // Defaults in the schema too, so counties that existed before the setting get the names they always had.
        var tiers = Domain.Teams.TeamTierNames.Default;
        b.Property(c => c.CorpsName).HasMaxLength(Domain.Teams.TeamTierNames.MaxLength).HasDefaultValue(tiers.Corps);
        b.Property(c => c.BrigadeName).HasMaxLength(Domain.Teams.TeamTierNames.MaxLength).HasDefaultValue(tiers.Brigade);
        b.Property(c => c.SquadronName).HasMaxLength(Domain.Teams.TeamTierNames.MaxLength).HasDefaultValue(tiers.Squadron);
        b.Property(c => c.SquadName).HasMaxLength(Domain.Teams.TeamTierNames.MaxLength).HasDefaultValue(tiers.Squad);
        b.Ignore(c => c.TeamTiers);
    }
}

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> b)
    {
        b.Property(u => u.Name).HasMaxLength(60);
        b.Property(u => u.Code).HasMaxLength(32);
        b.Property(u => u.Path).HasMaxLength(400);
        b.Property(u => u.Address).HasMaxLength(200);
        b.Property(u => u.ContactName).HasMaxLength(30);
        b.Property(u => u.ContactPhone).HasMaxLength(20);
        b.Property(u => u.OpeningHours).HasMaxLength(100);
        b.Property(u => u.ManagerName).HasMaxLength(30);
        b.HasIndex(u => new { u.CountyId, u.Code }).IsUnique();
        b.HasIndex(u => new { u.CountyId, u.Path });
        b.HasIndex(u => new { u.CountyId, u.ParentId });
        b.HasOne<County>().WithMany().HasForeignKey(u => u.CountyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VenueConfiguration : IEntityTypeConfiguration<Venue>
{
    public void Configure(EntityTypeBuilder<Venue> b)
    {
        b.Property(v => v.Name).HasMaxLength(60);
        b.Property(v => v.UnitPath).HasMaxLength(400);
        b.Property(v => v.OwnerName).HasMaxLength(60);
        b.Property(v => v.Address).HasMaxLength(200);
        b.Property(v => v.OpeningHours).HasMaxLength(100);
        b.Property(v => v.ManagerName).HasMaxLength(30);
        b.HasIndex(v => new { v.CountyId, v.UnitPath });
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(v => v.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> b)
    {
        b.HasIndex(r => r.UserId);
        b.HasIndex(r => new { r.CountyId, r.OrgUnitId });
        b.HasIndex(r => new { r.UserId, r.Role, r.OrgUnitId }).IsUnique();
        b.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(30);
        b.Property(u => u.PhoneCipher).HasMaxLength(200);
        b.Property(u => u.PhoneMasked).HasMaxLength(20);
        b.HasIndex(u => u.CountyId);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.Action).HasMaxLength(30);
        b.Property(a => a.EntityType).HasMaxLength(60);
        b.Property(a => a.EntityId).HasMaxLength(64);
        b.Property(a => a.UserName).HasMaxLength(60);
        b.Property(a => a.Summary).HasMaxLength(200);
        b.Property(a => a.IpAddress).HasMaxLength(64);
        b.HasIndex(a => new { a.CountyId, a.At });
    }
}

internal sealed class SmsConfiguration : IEntityTypeConfiguration<SmsMessage>, IEntityTypeConfiguration<SmsCode>
{
    public void Configure(EntityTypeBuilder<SmsMessage> b)
    {
        b.Property(m => m.PhoneMasked).HasMaxLength(20);
        b.Property(m => m.PhoneIndex).HasMaxLength(80);
        b.Property(m => m.Text).HasMaxLength(300);
        b.Property(m => m.Provider).HasMaxLength(20);
        b.HasIndex(m => new { m.CountyId, m.SentAt });
    }

    public void Configure(EntityTypeBuilder<SmsCode> b)
    {
        b.Property(c => c.PhoneIndex).HasMaxLength(80);
        b.Property(c => c.CodeHash).HasMaxLength(100);
        b.HasIndex(c => new { c.PhoneIndex, c.CreatedAt });
    }
}

internal sealed class VolunteerConfiguration : IEntityTypeConfiguration<Volunteer>
{
    public void Configure(EntityTypeBuilder<Volunteer> b)
    {
        b.Property(v => v.Number).HasMaxLength(20);
        b.Property(v => v.Name).HasMaxLength(30);
        b.Property(v => v.UnitPath).HasMaxLength(400);
        b.Property(v => v.IdIndex).HasMaxLength(80);
        b.Property(v => v.IdCipher).HasMaxLength(200);
        b.Property(v => v.IdMasked).HasMaxLength(20);
        b.Property(v => v.PhoneIndex).HasMaxLength(80);
        b.Property(v => v.PhoneCipher).HasMaxLength(200);
        b.Property(v => v.PhoneMasked).HasMaxLength(20);
        b.Property(v => v.PhoneTail).HasMaxLength(Volunteer.TailLength);
        b.Property(v => v.ReviewNote).HasMaxLength(200);
        // One person, one registration per county; erased (withdrawn) rows hold nulls, which never collide.
        b.HasIndex(v => new { v.CountyId, v.IdIndex }).IsUnique();
        b.HasIndex(v => new { v.CountyId, v.PhoneIndex }).IsUnique();
        b.HasIndex(v => new { v.CountyId, v.Number }).IsUnique();
        b.HasIndex(v => new { v.CountyId, v.UnitPath });
        // The list's order (VolunteerService.ListAsync), so a county-wide page reads its 20 rows without sorting the county;
        // with the name, a one- or two-character name search (no trigram) reads this index alone.
        b.HasIndex(v => new { v.CountyId, v.Status, v.CreatedAt, v.Id, v.Name }).IsDescending(false, false, true, true, false);
        b.HasIndex(v => new { v.CountyId, v.PhoneTail });
        b.HasIndex(v => v.UserId);
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(v => v.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ConsentNotice>().WithMany().HasForeignKey(v => v.ConsentNoticeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConsentNoticeConfiguration : IEntityTypeConfiguration<ConsentNotice>
{
    public void Configure(EntityTypeBuilder<ConsentNotice> b)
    {
        b.Property(n => n.Text).HasMaxLength(ConsentNotice.MaxLength);
        b.HasIndex(n => n.Text).IsUnique();
    }
}

internal sealed class VolunteerOptionConfiguration : IEntityTypeConfiguration<VolunteerOption>
{
    public void Configure(EntityTypeBuilder<VolunteerOption> b)
    {
        b.Property(o => o.Name).HasMaxLength(30);
        b.HasIndex(o => new { o.CountyId, o.Kind, o.Name }).IsUnique();
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.Property(t => t.Name).HasMaxLength(80);
        b.Property(t => t.UnitPath).HasMaxLength(400);
        b.Property(t => t.LeadUnitName).HasMaxLength(80);
        b.Property(t => t.Category).HasMaxLength(30);
        b.Property(t => t.Introduction).HasMaxLength(1000);
        b.Property(t => t.LogoFile).HasMaxLength(100);
        b.Ignore(t => t.IsTier);
        b.HasIndex(t => new { t.CountyId, t.UnitPath });
        b.HasIndex(t => new { t.CountyId, t.ParentTeamId });
        b.HasIndex(t => new { t.OrgUnitId, t.Kind });
        b.HasOne<OrgUnit>().WithMany().HasForeignKey(t => t.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Team>().WithMany().HasForeignKey(t => t.ParentTeamId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> b)
    {
        b.HasIndex(m => new { m.TeamId, m.VolunteerId }).IsUnique();
        b.HasIndex(m => new { m.CountyId, m.VolunteerId });
        b.HasIndex(m => new { m.TeamId, m.Status });
        b.HasOne<Team>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Volunteer>().WithMany().HasForeignKey(m => m.VolunteerId).OnDelete(DeleteBehavior.Restrict);
    }
}
