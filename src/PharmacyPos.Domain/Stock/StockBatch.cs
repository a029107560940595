using PharmacyPos.Domain.Errors;

namespace PharmacyPos.Domain.Stock;

/// <summary>Where a batch stands on a given Beijing day.</summary>
public enum ExpiryState
{
    Good,
    /// <summary>近效期: still saleable, marked on the line and in the 近效期 report.</summary>
    NearExpiry,
    /// <summary>过期: past its 有效期至; never sold.</summary>
    Expired,
}

/// <summary>
/// 批号: one manufacturer's lot of one drug as a store holds it (GSP: the sales record and the
/// voucher carry it). Its stock is the sum of its <see cref="StockMovement"/> rows.
/// </summary>
public sealed class StockBatch
{
    public const int LotNoMax = 30;

    private StockBatch() { }

    public long Id { get; private set; }
    public int StoreId { get; private set; }
    public string DrugCode { get; private set; } = "";
    public string LotNo { get; private set; } = "";
    public DateOnly ProducedOn { get; private set; }
    /// <summary>有效期至: the last day the drug may be sold.</summary>
    public DateOnly ExpiresOn { get; private set; }
    public string? Supplier { get; private set; }
    public Money? CostPrice { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>有效期至 is the last good day: from the next Beijing day the batch is expired.</summary>
    public ExpiryState StateOn(DateOnly today, int nearExpiryDays) =>
        ExpiresOn < today ? ExpiryState.Expired
        : ExpiresOn.DayNumber - today.DayNumber <= nearExpiryDays ? ExpiryState.NearExpiry
        : ExpiryState.Good;

    /// <summary>A lot number as printed on the box: letters, digits and - / . only, no spaces or control characters.</summary>
    public static string? LotNoProblem(string? lotNo)
    {
        var text = lotNo ?? "";
        if (text.Length == 0) return "批号不能为空。";
        if (text.Length > LotNoMax) return $"批号过长（最多 {LotNoMax} 个字符）。";
        if (!text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '/' or '.'))
            return $"批号“{Printable(text)}”只能包含字母、数字和 - / . ，不能有空格或控制字符。";
        return null;
    }

    /// <summary>A received batch, checked as the receiving import and page need it.</summary>
    public static Result<StockBatch> Receive(int storeId, string drugCode, string? lotNo, DateOnly producedOn, DateOnly expiresOn,
        string? supplier, Money? costPrice, DateTimeOffset now)
    {
        if (LotNoProblem(lotNo) is { } problem) return new PosError("LOT_NO_INVALID", problem);
        if (expiresOn < producedOn) return new PosError("EXPIRY_BEFORE_PRODUCTION", $"有效期至 {expiresOn:yyyy-MM-dd} 早于生产日期 {producedOn:yyyy-MM-dd}。");
        var today = BeijingTime.DayOf(now);
        if (expiresOn < today) return new PosError("BATCH_EXPIRED", $"批号 {lotNo} 已于 {expiresOn:yyyy-MM-dd} 过期，不能入库。");
        if (producedOn > today) return new PosError("PRODUCED_IN_FUTURE", $"生产日期 {producedOn:yyyy-MM-dd} 晚于今天。");
        return new StockBatch
        {
            StoreId = storeId, DrugCode = drugCode, LotNo = lotNo!, ProducedOn = producedOn, ExpiresOn = expiresOn,
            Supplier = string.IsNullOrWhiteSpace(supplier) ? null : supplier.Trim(), CostPrice = costPrice, ReceivedAt = now,
        };
    }

    /// <summary>A second delivery of a lot the store already holds must name the same dates.</summary>
    public string? MismatchWith(DateOnly producedOn, DateOnly expiresOn) =>
        producedOn == ProducedOn && expiresOn == ExpiresOn ? null
            : $"批号 {LotNo} 已入库，其生产日期 {ProducedOn:yyyy-MM-dd}、有效期至 {ExpiresOn:yyyy-MM-dd} 与本行不同。";

    private static string Printable(string text) => new([.. text.Select(c => char.IsControl(c) ? '�' : c)]);
}
