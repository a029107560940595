using System.Diagnostics.Metrics;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Journal;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Refunds;

namespace PharmacyPos.Data;

/// <summary>
/// What the money did, counted where it is committed: after a save, from the journal entries and
/// audit lines that save wrote — payments and refunds by method and outcome, the time from scan to
/// paid, journal writes, sign-in failures and lockouts, backups. No use case can forget one, and a
/// save that fails counts nothing. Recorded under the meter <see cref="Name"/>, which the web app
/// exports (Prometheus, OTLP) when metrics are on; with no listener each record is a no-op.
/// </summary>
public static class PosMetrics
{
    public const string Name = "PharmacyPos";

    private static readonly Meter Meter = new(Name);
    private static readonly Counter<long> Payments = Meter.CreateCounter<long>("pharmacypos.payments", "{payment}", "Payments settled, by method and outcome (paid / failed)");
    private static readonly Histogram<double> ScanToPaid = Meter.CreateHistogram<double>("pharmacypos.payment.duration", "s", "From the order being written (the scan) to paid, by method");
    private static readonly Counter<long> Refunds = Meter.CreateCounter<long>("pharmacypos.refunds", "{refund}", "Refunds settled, by method and outcome (refunded / failed)");
    private static readonly Counter<long> JournalWrites = Meter.CreateCounter<long>("pharmacypos.journal.writes", "{entry}", "Payment journal entries committed");
    private static readonly Counter<long> SignIns = Meter.CreateCounter<long>("pharmacypos.signin.failures", "{attempt}", "Sign-ins and approvals refused, by outcome (failed / locked)");
    private static readonly Counter<long> Backups = Meter.CreateCounter<long>("pharmacypos.backups", "{backup}", "Backups taken, by outcome (written / failed)");

    /// <summary>Whether anything listens (an exporter is configured): with metrics off the save does not even gather what it would count.</summary>
    internal static bool Enabled => Payments.Enabled || Refunds.Enabled || JournalWrites.Enabled || SignIns.Enabled || ScanToPaid.Enabled;

    internal static void Saved(IEnumerable<(IJournaled Source, JournalEvent Event)> events, IEnumerable<AuditEntry> audit)
    {
        if (!Enabled) return;
        var written = 0;
        foreach (var (source, e) in events)
        {
            written++;
            switch (source, e.Event)
            {
                case (Order o, JournalEvents.OrderPaid):
                    Count(Payments, o.Method, "paid");
                    if (o.PaidAt is { } paid) ScanToPaid.Record((paid - o.CreatedAt).TotalSeconds, new KeyValuePair<string, object?>("method", o.Method.ToString()));
                    break;
                case (Order o, JournalEvents.PaidInCash):
                    Count(Payments, o.Method, "paid");
                    break;
                case (Order o, JournalEvents.OrderFailed):
                    Count(Payments, o.Method, "failed");
                    break;
                case (Refund r, JournalEvents.RefundCompleted):
                    Count(Refunds, r.Method, "refunded");
                    break;
                case (Refund r, JournalEvents.RefundFailed):
                    Count(Refunds, r.Method, "failed");
                    break;
            }
        }
        if (written > 0) JournalWrites.Add(written);
        foreach (var a in audit)
        {
            if (a.Action is AuditActions.SignInFailed or AuditActions.RefundApprovalRefused or AuditActions.CashApprovalRefused)
                SignIns.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            else if (a.Action == AuditActions.SignInLocked)
                SignIns.Add(1, new KeyValuePair<string, object?>("outcome", "locked"));
        }
    }

    private static void Count(Counter<long> counter, PaymentMethod method, string outcome) =>
        counter.Add(1, new KeyValuePair<string, object?>("method", method.ToString()), new KeyValuePair<string, object?>("outcome", outcome));

    internal static void BackedUp(bool written) => Backups.Add(1, new KeyValuePair<string, object?>("outcome", written ? "written" : "failed"));
}
