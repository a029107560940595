using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Shifts;

namespace PharmacyPos.CrashProof;

public sealed record ShiftOrder(string TradeNo, OrderStatus Status, PaymentMethod Method, long TotalFen, long? ShiftId, string? Cashier, string Terminal);
public sealed record ShiftRefundRow(string TradeNo, bool Refunded, PaymentMethod Method, long AmountFen, long? ShiftId);
public sealed record ShiftRow(long Id, string Cashier, string Terminal, ShiftStatus Status);

/// <summary>What the shifts should hold for the orders the crashes left, and what they do not.</summary>
public sealed record ShiftCheck(int Shifts, int OrdersChecked, int Mismatches, IReadOnlyList<string> Findings);

/// <summary>
/// The 班次 against the orders (issue #19): every paid order and every refund belongs to exactly one
/// shift of its own cashier and till, no cashier has two open shifts at one till, and the shifts'
/// figures as the 交班单 works them out, added up over all shifts, are the orders' own.
/// </summary>
public static class ShiftBooks
{
    public static ShiftCheck Check(IReadOnlyList<ShiftOrder> orders, IReadOnlyList<ShiftRefundRow> refunds, IReadOnlyList<ShiftRow> shifts)
    {
        var findings = new List<string>();
        var byId = shifts.ToDictionary(s => s.Id);
        var sold = orders.Where(o => ShiftTotals.Counts(o.Status)).ToList();
        foreach (var o in sold)
        {
            if (o.ShiftId is not { } id || !byId.TryGetValue(id, out var shift)) findings.Add($"{o.TradeNo}: paid, in no shift");
            else if (shift.Cashier != o.Cashier || shift.Terminal != o.Terminal) findings.Add($"{o.TradeNo}: in shift {id} of {shift.Cashier} at {shift.Terminal}, written by {o.Cashier} at {o.Terminal}");
        }
        foreach (var r in refunds.Where(r => r.Refunded && (r.ShiftId is null || !byId.ContainsKey(r.ShiftId.Value))))
            findings.Add($"{r.TradeNo}: refunded, in no shift");
        foreach (var twice in shifts.Where(s => s.Status == ShiftStatus.Open).GroupBy(s => (s.Terminal, s.Cashier)).Where(g => g.Count() > 1))
            findings.Add($"{twice.Key.Cashier} at {twice.Key.Terminal}: {twice.Count()} open shifts");

        var totals = shifts.Select(s => ShiftTotals.Of(Money.Zero,
            orders.Where(o => o.ShiftId == s.Id).Select(o => new ShiftPayment(o.TradeNo, o.Method, new Money(o.TotalFen), o.Status, null, null)),
            refunds.Where(r => r.Refunded && r.ShiftId == s.Id).Select(r => new ShiftRefund(r.Method, new Money(r.AmountFen))), [])).ToList();
        foreach (var method in ShiftTotals.SheetOrder)
        {
            var shiftsSay = totals.Sum(t => t.For(method).Payments.Fen);
            var ordersSay = sold.Where(o => o.Method == method).Sum(o => o.TotalFen);
            if (shiftsSay != ordersSay) findings.Add($"{method}: the shifts' payments add up to {shiftsSay} fen, the orders' to {ordersSay}");
            var shiftsRefunded = totals.Sum(t => t.For(method).Refunds.Fen);
            var refunded = refunds.Where(r => r.Refunded && r.Method == method).Sum(r => r.AmountFen);
            if (shiftsRefunded != refunded) findings.Add($"{method}: the shifts' refunds add up to {shiftsRefunded} fen, the refunds' to {refunded}");
        }
        return new ShiftCheck(shifts.Count, sold.Count, findings.Count, findings);
    }
}
