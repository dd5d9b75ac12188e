using System.Text.Json;
using CivicPractice.Domain.Organization;
using CivicPractice.Domain.Teams;
using CivicPractice.Domain.Volunteers;
using CivicPractice.Web.Features.Volunteers;
using CivicPractice.Web.Features.Audit;
using CivicPractice.Web.Features.Identity;
using CivicPractice.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CivicPractice.Web.Data;

/// <summary>
/// The one database of the platform. Every tenant-owned set is filtered by the current county and, for
/// org-scoped sets, by the current subtree path (<see cref="CurrentScope"/>). Provider-specific subclasses
/// exist only so each provider keeps its own migration history.
/// </summary>
public abstract class AppDbContext(DbContextOptions options, CurrentScope scope, TimeProvider clock)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<County> Counties => Set<County>();
    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<Venue> Venues => Set<Venue>();
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<SmsMessage> SmsMessages => Set<SmsMessage>();
    public DbSet<SmsCode> SmsCodes => Set<SmsCode>();
    public DbSet<Volunteer> Volunteers => Set<Volunteer>();
    /// <summary>Consent texts, one row per distinct text; not tenant-owned (reached only through a volunteer in scope).</summary>
    public DbSet<ConsentNotice> ConsentNotices => Set<ConsentNotice>();
    public DbSet<VolunteerOption> VolunteerOptions => Set<VolunteerOption>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<Domain.Activities.Activity> Activities => Set<Domain.Activities.Activity>();
    public DbSet<Domain.Activities.Signup> Signups => Set<Domain.Activities.Signup>();
    public DbSet<Domain.Activities.HoursEntry> HoursEntries => Set<Domain.Activities.HoursEntry>();

    public CurrentScope Scope => scope;

    /// <summary>The filter every tenant-owned set carries: the current county.</summary>
    public const string CountyFilter = "county";

    /// <summary>The filter org-scoped sets carry as well: the current subtree, as a range of paths.</summary>
    public const string SubtreeFilter = "subtree";

    // The filters read these properties; EF evaluates them per query, so a scope set after the context was created
    // still applies. System work and county-wide scopes lift what they do not need when the query is compiled
    // (ScopedQueries), so a query's SQL is "CountyId = @c [AND path >= @from AND path < @to]", without an OR, which the
    // (CountyId, path) and list-order indexes serve. The subtree is a range, not LIKE 'path%': SQLite's LIKE is
    // case-insensitive and never uses an index.
    private Guid? FilterCounty => scope.CountyId;
    private string FilterFrom => scope.Path;
    private string FilterTo => scope.PathEnd;

    /// <summary>Every context, however created (the host, a test, a tool), compiles its queries per scope shape.</summary>
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) => optionsBuilder.UseScopedQueries();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        builder.Entity<County>().HasQueryFilter(CountyFilter, c => c.Id == FilterCounty);
        builder.Entity<OrgUnit>().HasQueryFilter(CountyFilter, u => u.CountyId == FilterCounty)
            .HasQueryFilter(SubtreeFilter, u => string.Compare(u.Path, FilterFrom) >= 0 && string.Compare(u.Path, FilterTo) < 0);
        builder.Entity<Venue>().HasQueryFilter(CountyFilter, v => v.CountyId == FilterCounty)
            .HasQueryFilter(SubtreeFilter, v => string.Compare(v.UnitPath, FilterFrom) >= 0 && string.Compare(v.UnitPath, FilterTo) < 0);
        builder.Entity<RoleAssignment>().HasQueryFilter(CountyFilter, r => r.CountyId == FilterCounty);
        builder.Entity<AuditEntry>().HasQueryFilter(CountyFilter, a => a.CountyId == FilterCounty);
        builder.Entity<SmsMessage>().HasQueryFilter(CountyFilter, m => m.CountyId == FilterCounty);
        builder.Entity<Volunteer>().HasQueryFilter(CountyFilter, v => v.CountyId == FilterCounty)
            .HasQueryFilter(SubtreeFilter, v => string.Compare(v.UnitPath, FilterFrom) >= 0 && string.Compare(v.UnitPath, FilterTo) < 0);
        builder.Entity<VolunteerOption>().HasQueryFilter(CountyFilter, o => o.CountyId == FilterCounty);
        // Teams are public information of the county (文明实践清单); who may manage one is decided per operation.
        builder.Entity<Team>().HasQueryFilter(CountyFilter, t => t.CountyId == FilterCounty);
        builder.Entity<TeamMember>().HasQueryFilter(CountyFilter, m => m.CountyId == FilterCounty);
        // Activities are public within the county (the portal lists them); who may manage one is decided by its UnitPath.
        builder.Entity<Domain.Activities.Activity>().HasQueryFilter(CountyFilter, a => a.CountyId == FilterCounty);
        builder.Entity<Domain.Activities.Signup>().HasQueryFilter(CountyFilter, s => s.CountyId == FilterCounty);
        builder.Entity<Domain.Activities.HoursEntry>().HasQueryFilter(CountyFilter, e => e.CountyId == FilterCounty);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        AddAuditEntries();
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        AddAuditEntries();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    private static readonly HashSet<Type> Audited = [typeof(County), typeof(OrgUnit), typeof(Venue), typeof(RoleAssignment), typeof(Volunteer), typeof(VolunteerOption), typeof(Team), typeof(TeamMember), typeof(Domain.Activities.Activity)];

    private bool _rowAuditOff;

    /// <summary>
    /// Until disposed, saving writes no before/after line per row: for bulk work (the Excel import) that writes one
    /// summary line of its own — who, how many rows, with what outcome — in the same transaction.
    /// </summary>
    public IDisposable SummaryAuditOnly()
    {
        _rowAuditOff = true;
        return new RowAuditRestore(this);
    }

    private sealed class RowAuditRestore(AppDbContext db) : IDisposable
    {
        public void Dispose() => db._rowAuditOff = false;
    }

    /// <summary>Every change a signed-in person makes to an audited record leaves a before/after line (bulk work: one summary).</summary>
    private void AddAuditEntries()
    {
        if (scope.UserId is null || _rowAuditOff) return;
        var now = clock.GetUtcNow();
        var entries = ChangeTracker.Entries()
            .Where(e => Audited.Contains(e.Metadata.ClrType) && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        foreach (var entry in entries)
        {
            var changed = entry.Properties
                .Where(p => entry.State != EntityState.Modified || p.IsModified)
                .Where(p => !AuditRedaction.IsNeverLogged(p.Metadata.Name))
                .ToList();
            if (entry.State == EntityState.Modified && changed.All(p => Equals(p.OriginalValue, p.CurrentValue))) continue;
            AuditEntries.Add(new AuditEntry
            {
                CountyId = scope.CountyId,
                At = now,
                UserId = scope.UserId,
                UserName = scope.UserName,
                IpAddress = scope.IpAddress,
                Action = entry.State switch
                {
                    EntityState.Added => AuditActions.Create,
                    EntityState.Deleted => AuditActions.Delete,
                    _ => AuditActions.Update,
                },
                EntityType = entry.Metadata.ClrType.Name,
                EntityId = entry.Properties.FirstOrDefault(p => p.Metadata.IsPrimaryKey())?.CurrentValue?.ToString(),
                Summary = entry.Properties.FirstOrDefault(p => p.Metadata.Name == "Name")?.CurrentValue as string,
                Before = entry.State == EntityState.Added ? null : Snapshot(changed, original: true),
                After = entry.State == EntityState.Deleted ? null : Snapshot(changed, original: false),
            });
        }
    }

    private static string Snapshot(IEnumerable<PropertyEntry> properties, bool original) =>
        JsonSerializer.Serialize(properties.ToDictionary(p => p.Metadata.Name, p => original ? p.OriginalValue : p.CurrentValue), SnapshotJson);

    private static readonly JsonSerializerOptions SnapshotJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
