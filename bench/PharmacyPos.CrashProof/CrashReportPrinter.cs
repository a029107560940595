namespace PharmacyPos.CrashProof;

public static class CrashReportPrinter
{
    public static void Print(CrashReport r, TextWriter o)
    {
        var b = r.Books;
        o.WriteLine($"kills: {r.Kills} in {r.Elapsed:hh\\:mm\\:ss}; where they landed: {string.Join(", ", r.KillPoints.Select(k => $"{k.Key} {k.Value}"))}");
        o.WriteLine($"payments started: {r.PaymentsStarted}, refunds started: {r.RefundsStarted}, faults injected: {r.FaultsInjected}");
        o.WriteLine($"buyer confirmations: {r.Confirmations} (late: {r.LateConfirmations}, duplicate: {r.DuplicateConfirmations})");
        o.WriteLine($"orders: {b.Orders} (paid {b.Paid}, failed {b.Failed}, refunded {b.Refunded}); sandbox ledger entries: {b.LedgerEntries}");
        o.WriteLine($"charges without a paid order: {b.ChargesWithoutPaidOrder}");
        o.WriteLine($"paid orders without a charge: {b.PaidOrdersWithoutCharge}");
        o.WriteLine($"double charges: {b.DoubleCharges}");
        o.WriteLine($"refunds applied twice: {b.RefundsAppliedTwice}");
        o.WriteLine($"orders stuck in a non-final state: {b.StuckOrders}");
        o.WriteLine($"refunds the POS does not show as it happened: {b.RefundsNotRecorded}");
        foreach (var f in b.Findings.Take(50)) o.WriteLine("  " + f);
        o.WriteLine($"orders (or batches) whose stock movements differ from their state: {r.Stock.Mismatches} ({r.Stock.Movements} movements over {r.Stock.OrdersChecked} orders)");
        foreach (var f in r.Stock.Findings.Take(50)) o.WriteLine("  " + f);
        o.WriteLine($"paid orders and refunds outside their cashier's one shift, or shift totals unlike the orders': {r.Shifts.Mismatches} ({r.Shifts.OrdersChecked} paid orders in {r.Shifts.Shifts} shifts)");
        foreach (var f in r.Shifts.Findings.Take(50)) o.WriteLine("  " + f);
        o.WriteLine($"logs and database: {r.Folder}");
        o.WriteLine(b.AllZero && r.Stock.Mismatches == 0 && r.Shifts.Mismatches == 0 ? "RESULT: all zero" : "RESULT: DIFFERENCES FOUND");
    }
}
