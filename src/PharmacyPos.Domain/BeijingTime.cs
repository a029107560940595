namespace PharmacyPos.Domain;

/// <summary>
/// China keeps one time zone with no daylight saving; the channels' timestamps and our 交易号
/// are in it whatever the server's own zone is.
/// </summary>
public static class BeijingTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset Now(TimeProvider clock) => clock.GetUtcNow().ToOffset(Offset);

    public static DateTimeOffset From(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>The Beijing calendar day an instant falls on (有效期, report days).</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(From(instant).DateTime);

    public static DateOnly Today(TimeProvider clock) => DayOf(clock.GetUtcNow());

    /// <summary>00:00 of a Beijing day, as an instant: a day runs from its start to the next day's.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>How every screen, receipt, file and audit line shows a time: yyyy-MM-dd HH:mm:ss, Beijing time.</summary>
    public static string Text(DateTimeOffset instant) =>
        From(instant).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The years a till's records can fall in; a typed time outside them is a slip of the keys, not a query.</summary>
    public const int FirstYear = 2000, LastYear = 2099;

    /// <summary>A time the cashier typed (the shop's clock) as an instant, or false for one outside <see cref="FirstYear"/>–<see cref="LastYear"/>.</summary>
    public static bool TryFromTyped(DateTime? typed, out DateTimeOffset? instant)
    {
        instant = null;
        if (typed is not { } t) return true;
        if (t.Year is < FirstYear or > LastYear) return false;
        instant = new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Unspecified), Offset);
        return true;
    }
}
