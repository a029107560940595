using PharmacyPos.Domain.Journal;
using PharmacyPos.Domain.Refunds;

namespace PharmacyPos.Data.Journal;

/// <summary>A row of the payment journal. Only ever inserted, never updated or deleted by the app.</summary>
public sealed class JournalEntry
{
    public long Id { get; private set; }
    public int StoreId { get; private set; }
    public string TradeNo { get; private set; } = "";
    public string? RefundNo { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Event { get; private set; } = "";
    public string Status { get; private set; } = "";
    public string? Detail { get; private set; }

    internal static JournalEntry From(IJournaled source, JournalEvent e) => new()
    {
        StoreId = source.StoreId,
        TradeNo = source.TradeNo.Value,
        RefundNo = (source as Refund)?.RefundNo,
        At = e.At,
        Event = e.Event,
        Status = e.Status,
        Detail = e.Detail is { Length: > 300 } d ? d[..300] : e.Detail,
    };
}
