using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Reconciliation;

namespace PharmacyPos.Channels.Bills;

public abstract record BillOutcome
{
    private BillOutcome() { }

    public sealed record Downloaded(IReadOnlyList<BillLine> Lines) : BillOutcome;

    /// <summary>No bill (not generated yet, the gateway did not answer, the file was unreadable): the day cannot be reconciled for this channel now.</summary>
    public sealed record NotAvailable(string Reason) : BillOutcome;
}

/// <summary>A channel that publishes a per-trade day bill (Alipay, WeChat Pay).</summary>
public interface IChannelBill
{
    PaymentMethod Method { get; }
    Task<BillOutcome> DownloadAsync(DateOnly day, CancellationToken ct = default);
}
