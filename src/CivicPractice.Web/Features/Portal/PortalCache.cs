using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CivicPractice.Domain.Organization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CivicPractice.Web.Features.Portal;

/// <summary>
/// What the anonymous portal shows (the county list, each county's active units and center venues), kept in memory so
/// a warm home page asks the database nothing. <see cref="PortalCacheInvalidator"/> clears it as soon as a county, unit
/// or venue change is saved; <see cref="Lifetime"/> bounds what another instance's change (not seen here) can leave stale.
/// The page's HTML is not cached: each response carries its own CSP nonce and anti-forgery token.
/// </summary>
public sealed class PortalCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;

    private sealed record Entry(object Value, DateTimeOffset Expires);

    /// <summary>The cached value, or <paramref name="load"/>'s; keys are fixed names and known county codes only, so the cache stays bounded.</summary>
    public async Task<T> GetOrLoadAsync<T>(string key, Func<Task<T>> load) where T : class
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var hit) && hit.Expires > now) return (T)hit.Value;
        var generation = Interlocked.Read(ref _generation);
        var value = await load();
        // A change saved while we were reading may be missing from what we read: keep it only if nothing changed since.
        _entries[key] = new Entry(value, now + Lifetime);
        if (Interlocked.Read(ref _generation) != generation) _entries.TryRemove(key, out _);
        return value;
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }
}

/// <summary>
/// Clears the <see cref="PortalCache"/> once a change to a county, unit or venue is saved, and again when the transaction
/// holding it commits (a reader between the save and the commit still saw the old rows).
/// </summary>
public sealed class PortalCacheInvalidator(PortalCache cache) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> _pending = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public override Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is null) return;
        var shown = context.ChangeTracker.Entries()
            .Any(e => e.Entity is County or OrgUnit or Venue && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
        if (shown) _pending.AddOrUpdate(context, this);
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out _)) return;
        cache.Invalidate();
        if (context.Database.CurrentTransaction is null) _pending.Remove(context);
    }

    private void Committed(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out _)) return;
        _pending.Remove(context);
        cache.Invalidate();
    }

    private void Forget(DbContext? context)
    {
        if (context is not null) _pending.Remove(context);
    }
}
