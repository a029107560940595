using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Refunds;
using PharmacyPos.Sandbox.Model;
using RefundStatus = PharmacyPos.Domain.Refunds.RefundStatus;

namespace PharmacyPos.CrashProof;

/// <summary>The five numbers issue #6 requires to be zero, and what they were counted over.</summary>
public sealed record BooksCheck(int Orders, int Paid, int Failed, int Refunded, int LedgerEntries,
    int ChargesWithoutPaidOrder, int PaidOrdersWithoutCharge, int DoubleCharges, int RefundsAppliedTwice, int StuckOrders,
    int RefundsNotRecorded, IReadOnlyList<string> Findings)
{
    public bool AllZero => ChargesWithoutPaidOrder + PaidOrdersWithoutCharge + DoubleCharges + RefundsAppliedTwice + StuckOrders + RefundsNotRecorded == 0;
}

public sealed record PosOrder(string TradeNo, OrderStatus Status, long TotalFen, PaymentMethod Method);
public sealed record PosRefund(string TradeNo, RefundStatus Status);

/// <summary>
/// The POS's orders against the sandbox's ledger — the channels' own books — trade by trade.
/// A wallet trade's money: charges − reversals − refunds; an insurance settlement's:
/// settlements − cancels (its refund is a cancel).
/// </summary>
public static class Books
{
    public static BooksCheck Check(IReadOnlyList<PosOrder> orders, IReadOnlyList<PosRefund> refunds, IReadOnlyList<LedgerEntry> ledger)
    {
        var findings = new List<string>();
        var byTrade = ledger.GroupBy(e => e.OutTradeNo).ToDictionary(g => g.Key, g => g.ToList());
        var known = orders.ToDictionary(o => o.TradeNo);
        int chargedNotPaid = 0, paidNotCharged = 0, doubleCharged = 0, refundedTwice = 0, refundNotRecorded = 0;

        foreach (var (tradeNo, entries) in byTrade)
        {
            var charges = entries.Count(e => e.Movement is Movement.Charge or Movement.InsuranceSettlement);
            var backs = entries.Count(e => e.Movement is Movement.Reversal or Movement.InsuranceCancel);
            var refundsApplied = entries.Count(e => e.Movement == Movement.Refund);
            var kept = charges - backs - refundsApplied;
            if (charges > 1) { doubleCharged++; findings.Add($"{tradeNo}: charged {charges} times"); }
            if (refundsApplied > 1 || backs > 1) { refundedTwice++; findings.Add($"{tradeNo}: money returned {refundsApplied + backs} times"); }
            if (!known.TryGetValue(tradeNo, out var order))
            {
                if (kept > 0) { chargedNotPaid++; findings.Add($"{tradeNo}: charged, and the POS has no order"); }
                continue;
            }
            switch (order.Status)
            {
                case OrderStatus.Failed when kept > 0:
                    chargedNotPaid++; findings.Add($"{tradeNo}: charged, the POS says failed"); break;
                case OrderStatus.Paid when kept == 0 && charges > 0:
                    refundNotRecorded++; findings.Add($"{tradeNo}: money returned, the POS says paid"); break;
                case OrderStatus.Refunded when kept > 0:
                    refundNotRecorded++; findings.Add($"{tradeNo}: the POS says refunded, the money was kept"); break;
            }
            if (charges == 1 && entries.First(e => e.Movement is Movement.Charge or Movement.InsuranceSettlement).AmountFen != order.TotalFen)
            {
                doubleCharged++; findings.Add($"{tradeNo}: charged another amount than the order's");
            }
        }
        foreach (var o in orders.Where(o => o.Status is OrderStatus.Paid or OrderStatus.Refunded && o.Method != PaymentMethod.Cash))
        {
            if (!byTrade.TryGetValue(o.TradeNo, out var entries) || !entries.Any(e => e.Movement is Movement.Charge or Movement.InsuranceSettlement))
            {
                paidNotCharged++; findings.Add($"{o.TradeNo}: the POS says {o.Status}, the channel never charged");
            }
        }
        var stuck = orders.Count(o => o.Status is OrderStatus.Pending or OrderStatus.Refunding) + refunds.Count(r => r.Status == RefundStatus.Requested);
        foreach (var o in orders.Where(o => o.Status is OrderStatus.Pending or OrderStatus.Refunding)) findings.Add($"{o.TradeNo}: stuck in {o.Status}");

        return new BooksCheck(orders.Count, orders.Count(o => o.Status == OrderStatus.Paid), orders.Count(o => o.Status == OrderStatus.Failed),
            orders.Count(o => o.Status == OrderStatus.Refunded), ledger.Count, chargedNotPaid, paidNotCharged, doubleCharged, refundedTwice, stuck,
            refundNotRecorded, findings);
    }
}
