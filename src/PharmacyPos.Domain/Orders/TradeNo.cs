using System.Globalization;

namespace PharmacyPos.Domain.Orders;

/// <summary>
/// 交易号: our own number for an order, sent to the channels as out_trade_no. 24 digits:
/// Beijing time to the second (14), store (4), terminal (2), a random tail (4). Digits only
/// fits every channel's alphabet and WeChat's 32-character limit; the database's unique index
/// catches the rare collision and the caller draws again.
/// </summary>
public readonly record struct TradeNo
{
    public const int Length = 24;

    private TradeNo(string value) => Value = value;

    public string Value { get; }

    public static TradeNo New(DateTimeOffset now, int storeNo, int terminalNo, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(storeNo);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(storeNo, 9999);
        ArgumentOutOfRangeException.ThrowIfNegative(terminalNo);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(terminalNo, 99);
        var local = BeijingTime.From(now);
        return new TradeNo(string.Create(CultureInfo.InvariantCulture,
            $"{local:yyyyMMddHHmmss}{storeNo:D4}{terminalNo:D2}{random.Next(10000):D4}"));
    }

    public static bool TryParse(string? text, out TradeNo tradeNo)
    {
        tradeNo = default;
        var t = text?.Trim();
        if (t is null || t.Length != Length || !t.All(char.IsAsciiDigit)) return false;
        tradeNo = new TradeNo(t);
        return true;
    }

    public static TradeNo Parse(string text) =>
        TryParse(text, out var t) ? t : throw new FormatException($"'{text}' is not a 交易号.");

    /// <summary>The Beijing second it was drawn: when its order was written.</summary>
    public DateTimeOffset WrittenAt => new(DateTime.ParseExact(Value[..14], "yyyyMMddHHmmss", CultureInfo.InvariantCulture), BeijingTime.Offset);

    public int StoreNo => int.Parse(Value.AsSpan(14, 4), CultureInfo.InvariantCulture);

    public int TerminalNo => int.Parse(Value.AsSpan(18, 2), CultureInfo.InvariantCulture);

    public override string ToString() => Value ?? "";
}
