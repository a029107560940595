using System.Diagnostics.Metrics;

namespace PharmacyPos.Checkout;

/// <summary>
/// What recovery and reconciliation see: the payments still in doubt and how old the oldest is
/// (as of the last recovery pass), and the differences each reconciliation found. Same meter as
/// <see cref="Data.PosMetrics"/>.
/// </summary>
public static class CheckoutMetrics
{
    private static readonly Meter Meter = new(Data.PosMetrics.Name);
    private static long _inDoubt;
    private static double _oldestSeconds;

    private static readonly ObservableGauge<long> InDoubt = Meter.CreateObservableGauge("pharmacypos.recovery.backlog", () => Interlocked.Read(ref _inDoubt),
        "{payment}", "Payments and refunds whose outcome is not known yet, as of the last recovery pass");
    private static readonly ObservableGauge<double> Oldest = Meter.CreateObservableGauge("pharmacypos.recovery.oldest_age", () => Volatile.Read(ref _oldestSeconds),
        "s", "Age of the oldest payment in doubt, as of the last recovery pass");
    private static readonly Counter<long> Differences = Meter.CreateCounter<long>("pharmacypos.reconciliation.differences", "{difference}",
        "Differences found by reconciliation, by channel and kind");

    /// <summary>Whether anyone reads the backlog: without a listener the recovery pass does not count it.</summary>
    internal static bool BacklogWatched => InDoubt.Enabled || Oldest.Enabled;

    internal static void Backlog(long count, TimeSpan oldest)
    {
        Interlocked.Exchange(ref _inDoubt, count);
        Volatile.Write(ref _oldestSeconds, oldest.TotalSeconds);
    }

    internal static void Reconciled(IEnumerable<Domain.Reconciliation.Difference> differences)
    {
        foreach (var d in differences)
            Differences.Add(1, new("channel", d.Channel.ToString()), new("kind", d.Kind.ToString()));
    }
}
