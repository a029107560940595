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
}
