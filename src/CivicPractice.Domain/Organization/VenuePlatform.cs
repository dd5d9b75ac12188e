namespace CivicPractice.Domain.Organization;

/// <summary>阵地 — the service platforms whose venues a practice unit schedules (DOMAIN.md §2, seeds 004, 000 篇五).</summary>
public enum VenuePlatform
{
    Theory = 1,
    Education = 2,
    Culture = 3,
    Science = 4,
    Fitness = 5,
    Legal = 6,
    Health = 7,
    Other = 99,
}
