using Microsoft.AspNetCore.Components;

namespace PharmacyPos.Web.Features.Sale;

/// <summary>A piece of the till screen that shows the session and redraws whenever it changes.</summary>
public abstract class SessionComponent : ComponentBase, IDisposable
{
    [Inject] protected SaleSession Session { get; set; } = default!;

    protected override void OnInitialized() => Session.Changed += Redraw;

    private void Redraw() => _ = InvokeAsync(StateHasChanged);

    public virtual void Dispose()
    {
        Session.Changed -= Redraw;
        GC.SuppressFinalize(this);
    }
}
