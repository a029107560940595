using PharmacyPos.Domain.Orders;

namespace PharmacyPos.Domain.Reconciliation;

public enum BillLineKind { Payment, Refund }

/// <summary>One line of a channel's day bill: money taken for a trade, or given back (a refund number, or none for a reversal).</summary>
public sealed record BillLine(string OutTradeNo, string? RefundNo, BillLineKind Kind, Money Amount);

/// <summary>What the POS holds for one trade: its order, and the refund if one was completed.</summary>
public sealed record PosTrade(string TradeNo, OrderStatus Status, Money Total, string? RefundNo, bool RefundCompleted);

public enum DifferenceKind
{
    /// <summary>The channel took money the POS does not count as paid.</summary>
    ChargedNotPaid,
    /// <summary>The POS counts as paid what the channel never took.</summary>
    PaidNotCharged,
    AmountMismatch,
    /// <summary>A refund one side has and the other has not (or with another amount).</summary>
    RefundMismatch,
    /// <summary>Totals that disagree where only totals are given (insurance 3201).</summary>
    TotalsMismatch,
}

/// <param name="Note">说明: what the difference is in plain Chinese where the numbers alone do not say it (the 3201 totals).</param>
public sealed record Difference(DifferenceKind Kind, PaymentMethod Channel, string TradeNo, string? RefundNo, Money? PosAmount, Money? ChannelAmount,
    string? Note = null)
{
    public string KindText => Kind switch
    {
        DifferenceKind.ChargedNotPaid => "渠道已扣款，收银系统未记为已付",
        DifferenceKind.PaidNotCharged => "收银系统已付，渠道无扣款",
        DifferenceKind.AmountMismatch => "金额不符",
        DifferenceKind.RefundMismatch => "退款不符",
        _ => "总账不平",
    };
}

/// <summary>
/// Compares the POS's trades with one channel's bill for the same day, trade by trade. A
/// reversal (a refund line without a refund number) cancels the payment it reverses, so a
/// failed attempt that was charged and reversed is not a difference.
/// </summary>
public static class Reconciler
{
    public static IReadOnlyList<Difference> Compare(PaymentMethod channel, IEnumerable<PosTrade> pos, IEnumerable<BillLine> bill)
    {
        var lines = bill.ToList();
        var charged = lines.GroupBy(l => l.OutTradeNo).ToDictionary(g => g.Key,
            g => g.Where(l => l.Kind == BillLineKind.Payment).Aggregate(Money.Zero, (s, l) => s + l.Amount)
                 - g.Where(l => l.Kind == BillLineKind.Refund && string.IsNullOrEmpty(l.RefundNo)).Aggregate(Money.Zero, (s, l) => s + l.Amount));
        var refunds = lines.Where(l => l.Kind == BillLineKind.Refund && !string.IsNullOrEmpty(l.RefundNo))
            .GroupBy(l => l.RefundNo!).ToDictionary(g => g.Key, g => (g.First().OutTradeNo, Amount: g.Aggregate(Money.Zero, (s, l) => s + l.Amount)));

        var differences = new List<Difference>();
        var trades = pos.ToDictionary(t => t.TradeNo);
        foreach (var t in trades.Values)
        {
            var paid = t.Status is OrderStatus.Paid or OrderStatus.Refunding or OrderStatus.Refunded;
            var theirs = charged.GetValueOrDefault(t.TradeNo, Money.Zero);
            if (paid && theirs == Money.Zero) differences.Add(new(DifferenceKind.PaidNotCharged, channel, t.TradeNo, null, t.Total, null));
            else if (!paid && theirs != Money.Zero) differences.Add(new(DifferenceKind.ChargedNotPaid, channel, t.TradeNo, null, null, theirs));
            else if (paid && theirs != t.Total) differences.Add(new(DifferenceKind.AmountMismatch, channel, t.TradeNo, null, t.Total, theirs));

            if (t.RefundCompleted && t.RefundNo is { } no)
            {
                if (!refunds.TryGetValue(no, out var r)) differences.Add(new(DifferenceKind.RefundMismatch, channel, t.TradeNo, no, t.Total, null));
                else if (r.Amount != t.Total) differences.Add(new(DifferenceKind.RefundMismatch, channel, t.TradeNo, no, t.Total, r.Amount));
            }
        }
        foreach (var (tradeNo, amount) in charged.Where(c => c.Value != Money.Zero && !trades.ContainsKey(c.Key)))
            differences.Add(new(DifferenceKind.ChargedNotPaid, channel, tradeNo, null, null, amount));
        foreach (var (refundNo, r) in refunds)
        {
            var ours = trades.GetValueOrDefault(r.OutTradeNo);
            if (ours is null || !ours.RefundCompleted || ours.RefundNo != refundNo)
                differences.Add(new(DifferenceKind.RefundMismatch, channel, r.OutTradeNo, refundNo, null, r.Amount));
        }
        return differences;
    }
}
