namespace PharmacyPos.Data.Reconciliation;

/// <summary>One reconciliation of a store's day against the channels, kept so the page and the auditors see what was found and when.</summary>
public sealed class ReconciliationRun
{
    public long Id { get; private set; }
    public int StoreId { get; private set; }
    /// <summary>The Beijing business day, yyyy-MM-dd.</summary>
    public string Day { get; private set; } = "";
    public DateTimeOffset RanAt { get; private set; }
    public int TradesCompared { get; private set; }
    public int DifferenceCount { get; private set; }
    /// <summary>The differences and the channels that could not be reconciled, as JSON: read whole, never queried into.</summary>
    public string Report { get; private set; } = "";

    public static ReconciliationRun Record(int storeId, DateOnly day, DateTimeOffset ranAt, int compared, int differences, string report) => new()
    {
        StoreId = storeId,
        Day = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        RanAt = ranAt,
        TradesCompared = compared,
        DifferenceCount = differences,
        Report = report,
    };
}
