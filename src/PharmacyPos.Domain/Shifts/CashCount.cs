using PharmacyPos.Domain.Errors;

namespace PharmacyPos.Domain.Shifts;

/// <summary>
/// 点钞: the drawer counted at 交班, by denomination (张数 of each note and coin) or as one total.
/// A count is whole pieces, none negative, and no drawer holds a million yuan: anything else is a slip.
/// </summary>
public sealed record CashCount(Money Total)
{
    /// <summary>人民币 in circulation, largest first, in fen.</summary>
    public static readonly IReadOnlyList<Money> Denominations =
        [.. new[] { 10000L, 5000, 2000, 1000, 500, 100, 50, 10 }.Select(f => new Money(f))];

    public static readonly Money Most = Money.FromYuan(1_000_000m);
    public const int MostPieces = 100_000;

    public static Result<CashCount> FromTotal(Money total) =>
        total.IsNegative ? new PosError("CASH_COUNT_NEGATIVE", "点钞金额不能为负数。")
        : total > Most ? new PosError("CASH_COUNT_ABSURD", $"点钞金额超过 {Most}，请检查输入。")
        : new CashCount(total);

    /// <summary>张数 per denomination (same order as <see cref="Denominations"/>; a missing one is 0).</summary>
    public static Result<CashCount> FromPieces(IReadOnlyList<int> pieces)
    {
        if (pieces.Count > Denominations.Count) return new PosError("CASH_COUNT_INVALID", "面额数量不对。");
        if (pieces.Any(p => p < 0)) return new PosError("CASH_COUNT_NEGATIVE", "张数不能为负数。");
        if (pieces.Any(p => p > MostPieces)) return new PosError("CASH_COUNT_ABSURD", $"每种面额不超过 {MostPieces} 张，请检查输入。");
        var total = Money.Zero;
        for (var i = 0; i < pieces.Count; i++) total += Denominations[i] * pieces[i];
        return FromTotal(total);
    }
}
