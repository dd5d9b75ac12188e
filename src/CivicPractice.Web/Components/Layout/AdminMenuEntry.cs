namespace CivicPractice.Web.Components.Layout;

/// <summary>
/// One item of the console's side menu, contributed by the feature that owns the page. The layout shows an
/// entry only to users who satisfy its policy, so the menu lists exactly what exists for that person.
/// </summary>
public sealed record AdminMenuEntry(int Order, string Text, string Url, string Icon, string Policy, string? Group = null);

public static class AdminMenuExtensions
{
    public static IServiceCollection AddAdminMenu(this IServiceCollection services, AdminMenuEntry entry) => services.AddSingleton(entry);
}
