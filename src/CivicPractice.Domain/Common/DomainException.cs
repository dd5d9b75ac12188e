namespace CivicPractice.Domain.Common;

/// <summary>
/// A rule of the domain refused an operation. The message is user-facing (zh-CN) because the edge
/// shows it as the detail of a ProblemDetails or next to a form.
/// </summary>
public sealed class DomainException(string message, DomainErrorKind kind = DomainErrorKind.Invalid) : Exception(message)
{
    public DomainErrorKind Kind { get; } = kind;
}

public enum DomainErrorKind
{
    /// <summary>Bad input: maps to 400.</summary>
    Invalid,
    /// <summary>The current state forbids it: maps to 409.</summary>
    Conflict,
}
