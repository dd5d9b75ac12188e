namespace CivicPractice.Web.Infrastructure;

/// <summary>
/// One page of a list. <paramref name="TotalCapped"/>: the count stopped at the list's cap (<see cref="Paging.CountCap"/>),
/// so there are more than <paramref name="Total"/> rows ("10,000+"); the pages go on past it.
/// </summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize, bool TotalCapped = false);

public static class Paging
{
    public const int DefaultSize = 20;
    public const int MaxSize = 200;

    /// <summary>Large lists count at most this many rows per page load (<c>Civic:Lists:CountCap</c>).</summary>
    public const int CountCap = 10_000;

    public static (int Page, int Size) Normalize(int? page, int? size) =>
        (Math.Max(1, page ?? 1), Math.Clamp(size ?? DefaultSize, 1, MaxSize));
}
