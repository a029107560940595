using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Stock;

namespace PharmacyPos.CrashProof;

/// <param name="Quantity">In the stock's units (a box of a drug sold split is its pack size of them).</param>
public sealed record SoldLine(string TradeNo, long BatchId, int Quantity);
public sealed record TradeMovement(string TradeNo, long BatchId, MovementKind Kind, int Quantity);

/// <summary>What the stock ledger should hold for the orders the crashes left, and what it does not.</summary>
public sealed record StockCheck(int OrdersChecked, int Movements, int Mismatches, IReadOnlyList<string> Findings);

/// <summary>A batch's stock as the 库存 page shows it, and the ledger's sum worked out here from every movement of the batch.</summary>
public sealed record BatchFigure(long BatchId, int Shown, int LedgerSum);

/// <summary>
/// The stock ledger against the orders, trade by trade (issue #17: the movement is in the same
/// transaction as the paid state): a paid order has exactly one 销售 per batch line; a refunded one
/// that and one 退货; a failed or pending one none; no movement names a trade the POS does not have; and
/// every batch's stock on the 库存 page is the sum of its movements.
/// </summary>
public static class StockBooks
{
    public static StockCheck Check(IReadOnlyList<PosOrder> orders, IReadOnlyList<SoldLine> lines, IReadOnlyList<TradeMovement> movements,
        IReadOnlyList<BatchFigure>? batches = null)
    {
        var findings = new List<string>();
        foreach (var b in (batches ?? []).Where(b => b.Shown != b.LedgerSum))
            findings.Add($"batch {b.BatchId}: the 库存 page shows {b.Shown}, its movements sum to {b.LedgerSum}");
        var byTrade = movements.GroupBy(m => m.TradeNo).ToDictionary(g => g.Key, g => g.ToList());
        var linesByTrade = lines.GroupBy(l => l.TradeNo).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var o in orders)
        {
            var expected = new List<(long, MovementKind, int)>();
            var sold = linesByTrade.GetValueOrDefault(o.TradeNo) ?? [];
            if (o.Status is OrderStatus.Paid or OrderStatus.Refunding or OrderStatus.Refunded)
                expected.AddRange(sold.Select(l => (l.BatchId, MovementKind.Sold, -l.Quantity)));
            if (o.Status is OrderStatus.Refunded)
                expected.AddRange(sold.Select(l => (l.BatchId, MovementKind.Returned, l.Quantity)));
            var actual = (byTrade.GetValueOrDefault(o.TradeNo) ?? []).Select(m => (m.BatchId, m.Kind, m.Quantity)).ToList();
            if (!expected.Order().SequenceEqual(actual.Order()))
                findings.Add($"{o.TradeNo} ({o.Status}): stock movements {Text(actual)}, expected {Text(expected)}");
        }
        var known = orders.Select(o => o.TradeNo).ToHashSet();
        findings.AddRange(byTrade.Keys.Where(t => !known.Contains(t)).Select(t => $"{t}: stock moved for a trade the POS has no order of"));
        return new StockCheck(orders.Count, movements.Count, findings.Count, findings);
    }

    private static string Text(IEnumerable<(long Batch, MovementKind Kind, int Quantity)> moves) =>
        "[" + string.Join(", ", moves.Select(m => $"{m.Kind} {m.Quantity:+#;-#} batch {m.Batch}")) + "]";
}
