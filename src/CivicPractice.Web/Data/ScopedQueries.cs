using System.Linq.Expressions;
using CivicPractice.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;

namespace CivicPractice.Web.Data;

/// <summary>
/// How much of the scope filters a query carries, decided when EF compiles it: none for system work, the county
/// alone for a county-wide scope, county and subtree otherwise. A filter that switched itself off through a parameter
/// (<c>@off OR (CountyId = @c AND …)</c>) could use no index on SQLite, and one that always carried the subtree range
/// would lead SQLite to sort a whole county rather than walk the list's order index. So each shape gets its own SQL:
/// <see cref="CacheKeyGenerator"/> keeps one compiled query per shape, and <see cref="Interceptor"/> lifts the
/// filters the shape does not need (<see cref="AppDbContext.CountyFilter"/>, <see cref="AppDbContext.SubtreeFilter"/>).
/// Do not use EF.CompileQuery/CompileAsyncQuery on filtered sets: such a query keeps the shape of its first run.
/// </summary>
public static class ScopedQueries
{
    public enum Shape
    {
        Subtree,
        County,
        System,
    }

    public static Shape Of(CurrentScope scope) =>
        scope.IsSystem ? Shape.System : scope.IsCountyWide ? Shape.County : Shape.Subtree;

    public static DbContextOptionsBuilder UseScopedQueries(this DbContextOptionsBuilder options) =>
        options.AddInterceptors(Interceptor.Instance).ReplaceService<ICompiledQueryCacheKeyGenerator, CacheKeyGenerator>();

    public sealed class Interceptor : IQueryExpressionInterceptor
    {
        public static readonly Interceptor Instance = new();

        public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData) =>
            eventData.Context is AppDbContext db && Of(db.Scope) is var shape && shape != Shape.Subtree
                ? new RootFilterLifter(shape).Visit(queryExpression)
                : queryExpression;
    }

    /// <summary>EF's own key plus the shape, so a query compiled for one shape is never reused for another.</summary>
    public sealed class CacheKeyGenerator(
        CompiledQueryCacheKeyGeneratorDependencies dependencies,
        RelationalCompiledQueryCacheKeyGeneratorDependencies relationalDependencies,
        ICurrentDbContext current) : RelationalCompiledQueryCacheKeyGenerator(dependencies, relationalDependencies)
    {
        public override object GenerateCacheKey(Expression query, bool async) =>
            new Key(base.GenerateCacheKey(query, async), current.Context is AppDbContext db ? Of(db.Scope) : Shape.Subtree);

        private sealed record Key(object Inner, Shape Shape);
    }

    /// <summary>Wraps every entity root in IgnoreQueryFilters (all filters, or only the subtree's).</summary>
    private sealed class RootFilterLifter(Shape shape) : ExpressionVisitor
    {
        private static readonly IReadOnlyCollection<string> Subtree = [AppDbContext.SubtreeFilter];

        protected override Expression VisitExtension(Expression node)
        {
            if (node is not EntityQueryRootExpression root) return base.VisitExtension(node);
            var type = root.EntityType.ClrType;
            return shape == Shape.System
                ? Expression.Call(IgnoreAll.MakeGenericMethod(type), root)
                : Expression.Call(IgnoreSome.MakeGenericMethod(type), root, Expression.Constant(Subtree, typeof(IReadOnlyCollection<string>)));
        }

        private static readonly System.Reflection.MethodInfo IgnoreAll = typeof(EntityFrameworkQueryableExtensions).GetMethods()
            .Single(m => m.Name == nameof(EntityFrameworkQueryableExtensions.IgnoreQueryFilters) && m.GetParameters().Length == 1);

        private static readonly System.Reflection.MethodInfo IgnoreSome = typeof(EntityFrameworkQueryableExtensions).GetMethods()
            .Single(m => m.Name == nameof(EntityFrameworkQueryableExtensions.IgnoreQueryFilters) && m.GetParameters().Length == 2);
    }
}
