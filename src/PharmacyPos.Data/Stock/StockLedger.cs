using PharmacyPos.Domain.Journal;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Stock;

namespace PharmacyPos.Data.Stock;

/// <summary>
/// The stock movements an order's journal calls for: its boxes leave their batches when it is
/// paid (cash at once, a mobile payment when the channel confirms, recovery's late confirmation
/// alike) and come back when its refund completes. Read off the journal events being saved, so
/// the movement is in the same transaction as the state change and its journal entry — a crash
/// leaves both or neither — and a payment that has taken money is never undone for stock.
/// </summary>
internal static class StockLedger
{
    public static List<StockMovement> Collect(IEnumerable<IJournaled> sources, string by)
    {
        var movements = new List<StockMovement>();
        foreach (var order in sources.OfType<Order>())
        {
            foreach (var e in order.UnsavedJournal)
            {
                Func<OrderLine, StockMovement>? move = e.Event switch
                {
                    JournalEvents.OrderPaid or JournalEvents.PaidInCash => l =>
                        StockMovement.Sell(order.StoreId, l.BatchId!.Value, l.StockUnits, order.TradeNo.Value, e.At, by),
                    JournalEvents.OrderRefunded => l =>
                        StockMovement.Return(order.StoreId, l.BatchId!.Value, l.StockUnits, order.TradeNo.Value, e.At, by),
                    _ => null,
                };
                if (move is not null) movements.AddRange(order.Lines.Where(l => l.BatchId is not null).Select(move));
            }
        }
        return movements;
    }
}
