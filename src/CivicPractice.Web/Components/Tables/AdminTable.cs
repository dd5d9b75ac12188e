using BootstrapBlazor.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace CivicPractice.Web.Components.Tables;

/// <summary>
/// The console's table: BootstrapBlazor's <see cref="Table{TItem}"/> whose "go to page" box carries a label.
/// The stock box is a bare number input that a screen reader announces without a name (axe: <c>label</c>).
/// </summary>
public sealed class AdminTable<TItem> : Table<TItem> where TItem : class
{
    protected override void OnParametersSet()
    {
        GotoTemplate ??= RenderGoto;
        base.OnParametersSet();
    }

    /// <summary>BootstrapBlazor derives the script module's path from the class name; ours is the table's.</summary>
    protected override void OnLoadJSModule()
    {
        base.OnLoadJSModule();
        ModulePath = "./_content/BootstrapBlazor/Components/Table/Table.razor.js";
    }

    private void RenderGoto(RenderTreeBuilder builder)
    {
        builder.OpenComponent<PagerGoto>(0);
        builder.AddComponentParameter(1, nameof(PagerGoto.PageCount), PageCount);
        builder.AddComponentParameter(2, nameof(PagerGoto.OnGoto), (Func<int, Task>)GotoAsync);
        builder.CloseComponent();
    }

    private Task GotoAsync(int page) => OnPageLinkClick(Math.Clamp(page, 1, Math.Max(1, PageCount)));
}
