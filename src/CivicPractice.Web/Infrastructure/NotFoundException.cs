namespace CivicPractice.Web.Infrastructure;

/// <summary>
/// The record does not exist or lies outside the caller's scope: both answer 404, so another county's or
/// another station's records cannot even be confirmed to exist.
/// </summary>
public sealed class NotFoundException(string what) : Exception($"{what}不存在，或您无权查看。");
