namespace PharmacyPos.Bench;

/// <summary>One measured figure, its target, and the limit it is compared with (measured in the same run).</summary>
public sealed record Result(string Section, string Measure, string Value, string Target, string Limit, bool? Met);

public static class Stats
{
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static (double P50, double P95, double P99) Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return (Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99));
    }

    public static string Ms(double ms) => ms.ToString(ms < 10 ? "0.00" : "0.0", System.Globalization.CultureInfo.InvariantCulture) + " ms";
}
