using PharmacyPos.Domain.Orders;

namespace PharmacyPos.Domain.Journal;

/// <summary>
/// One state change of a payment or refund, as it is written ahead of the action it announces:
/// committed in the same transaction as the state it describes, so the journal and the order can
/// never disagree, and an engineer can replay any 交易号 from it.
/// </summary>
/// <param name="Event">A stable name to grep for, e.g. <c>payment.cancel-decided</c>.</param>
/// <param name="Status">The state after the change.</param>
public sealed record JournalEvent(DateTimeOffset At, string Event, string Status, string? Detail);

/// <summary>Something whose changes are journalled: an order or a refund.</summary>
public interface IJournaled
{
    TradeNo TradeNo { get; }
    int StoreId { get; }
    /// <summary>Changes made since the last save; the store writes them with the entity and then forgets them.</summary>
    IReadOnlyList<JournalEvent> UnsavedJournal { get; }
    void JournalSaved();
}
