using System.Globalization;

namespace PharmacyPos.Domain;

/// <summary>
/// An amount of renminbi held as whole fen, so that sums never drift. Yuan (decimal) exists only
/// at the edges: what a cashier types and what a channel's wire format carries.
/// </summary>
public readonly record struct Money(long Fen) : IComparable<Money>
{
    public static readonly Money Zero = new(0);

    public decimal Yuan => Fen / 100m;

    /// <summary>Yuan to fen, refusing anything finer than one fen instead of rounding it away.</summary>
    public static bool TryFromYuan(decimal yuan, out Money money)
    {
        var fen = yuan * 100m;
        if (fen != decimal.Truncate(fen) || fen > long.MaxValue || fen < long.MinValue)
        {
            money = Zero;
            return false;
        }
        money = new Money((long)fen);
        return true;
    }

    public static Money FromYuan(decimal yuan) =>
        TryFromYuan(yuan, out var m) ? m : throw new ArgumentException($"{yuan} is not a whole number of fen.", nameof(yuan));

    /// <summary>Parses what a cashier or a file gives: "12.5", "12.50", "¥12.50", "12".</summary>
    public static bool TryParse(string? text, out Money money)
    {
        money = Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim().TrimStart('¥', '￥').Trim();
        return decimal.TryParse(t, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var yuan)
               && TryFromYuan(yuan, out money);
    }

    public static Money operator +(Money a, Money b) => new(checked(a.Fen + b.Fen));
    public static Money operator -(Money a, Money b) => new(checked(a.Fen - b.Fen));
    public static Money operator *(Money a, int times) => new(checked(a.Fen * times));
    public static bool operator <(Money a, Money b) => a.Fen < b.Fen;
    public static bool operator >(Money a, Money b) => a.Fen > b.Fen;
    public static bool operator <=(Money a, Money b) => a.Fen <= b.Fen;
    public static bool operator >=(Money a, Money b) => a.Fen >= b.Fen;

    public bool IsNegative => Fen < 0;

    public int CompareTo(Money other) => Fen.CompareTo(other.Fen);

    /// <summary>Two decimals, as Alipay's total_amount and every receipt want it.</summary>
    public string ToYuanString() => Yuan.ToString("0.00", CultureInfo.InvariantCulture);

    public override string ToString() => "¥" + ToYuanString();
}
