using PharmacyPos.Domain.Catalogue;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Sales;

namespace PharmacyPos.Domain.Stock;

/// <summary>Where a line's boxes come from, and what the cashier is told about it.</summary>
/// <param name="Warning">Said when the store only warns about missing stock and the line was taken anyway.</param>
public sealed record Placement(IReadOnlyList<(LineBatch? Batch, int Quantity)> Parts, string? Warning);

/// <summary>
/// The till's stock rules for one entry (GSP: an expired drug is never sold; 近效期先出):
/// first-expiry-first-out over what the batches hold less what the sale already took, a chosen
/// batch if the cashier picked one, and the store's rule for missing stock — refuse the line
/// (the default) or take it with a warning, the shortfall then showing on the 库存 page.
/// </summary>
public static class StockAtSale
{
    /// <param name="split">拆零: the quantity counts split units; otherwise boxes, of which a drug sold split holds
    /// only the whole ones its batch's units make (an opened box's rest is for split sales).</param>
    public static Result<Placement> Place(Drug drug, int quantity, IReadOnlyList<BatchStock> stock, Sale sale, long? chosenBatchId,
        DateOnly today, int nearExpiryDays, bool refuseOutOfStock, bool split = false)
    {
        var quantityChecked = Quantity.Check(quantity);
        if (!quantityChecked.IsSuccess) return quantityChecked.Error;
        var per = SaleLine.UnitsPer(drug, split);
        var free = stock.Select(s => s with { OnHand = (int)Math.Floor((s.OnHand - sale.StockUnitsFrom(s.Batch.Id)) / (double)per) }).ToList();
        var unit = split ? drug.SplitUnit! : drug.Unit;
        LineBatch Line(StockBatch b) => LineBatch.Of(b, today, nearExpiryDays);

        if (chosenBatchId is { } id)
        {
            if (free.FirstOrDefault(s => s.Batch.Id == id) is not { } chosen) return BatchNotFound(drug);
            if (chosen.Batch.ExpiresOn < today) return Expired(drug, chosen.Batch);
            if (chosen.OnHand >= quantity) return new Placement([(Line(chosen.Batch), quantity)], null);
            if (refuseOutOfStock) return OutOfStock(drug, chosen.OnHand, chosen.Batch.LotNo, unit);
            return new Placement([(Line(chosen.Batch), quantity)], Shortage(drug, chosen.OnHand, chosen.Batch.LotNo, unit));
        }

        var allocation = Fefo.Allocate(free, quantity, today);
        if (allocation.IsCovered) return new Placement([.. allocation.Takes.Select(t => ((LineBatch?)Line(t.Batch), t.Quantity))], null);

        var available = quantity - allocation.Shortfall;
        if (refuseOutOfStock)
        {
            // Boxes only in expired lots: say so, or the cashier goes looking for boxes that may not be sold.
            var expiredOnly = available == 0 && free.Any(s => s.OnHand > 0 && s.Batch.ExpiresOn < today);
            return expiredOnly ? Expired(drug, free.First(s => s.OnHand > 0 && s.Batch.ExpiresOn < today).Batch) : OutOfStock(drug, available, null, unit);
        }
        // Warned, not refused: the missing boxes go on the batch that expires last (its stock goes below zero and the
        // 库存 page shows the shortfall), or on no batch when the store holds none that may be sold.
        var parts = allocation.Takes.Select(t => ((LineBatch?)Line(t.Batch), t.Quantity)).ToList();
        var last = free.Where(s => s.Batch.ExpiresOn >= today).MaxBy(s => s.Batch.ExpiresOn)?.Batch;
        var lastLine = last is null ? null : Line(last);
        var i = parts.FindIndex(p => p.Item1?.Id == lastLine?.Id);
        if (i >= 0) parts[i] = (parts[i].Item1, parts[i].Item2 + allocation.Shortfall);
        else parts.Add((lastLine, allocation.Shortfall));
        return new Placement(parts, Shortage(drug, available, null, unit));
    }

    /// <summary>At payment: a batch another till sold meanwhile. Only a store that refuses missing stock stops the payment.</summary>
    public static PosError? Gone(Sale sale, IReadOnlyDictionary<long, int> onHand)
    {
        foreach (var group in sale.Lines.Where(l => l.Batch is not null).GroupBy(l => l.Batch!.Id))
        {
            var wanted = group.Sum(l => l.StockUnits);
            var left = onHand.GetValueOrDefault(group.Key);
            if (left < wanted)
            {
                var line = group.First();
                var unit = line.Drug.Split is { } s ? s.Unit : line.Drug.Unit;
                return new PosError("STOCK_GONE",
                    $"{line.Drug.Name} 批号 {line.Batch!.LotNo} 可售只剩 {Math.Max(left, 0)} {unit}（其他收银台已售出或正在收款），未发起扣款。请删除该行后重新录入。",
                    ErrorKind.Conflict);
            }
        }
        return null;
    }

    public static PosError Expired(Drug drug, StockBatch batch) => new("BATCH_EXPIRED",
        $"{drug.Name} 批号 {batch.LotNo} 已于 {batch.ExpiresOn:yyyy-MM-dd} 过期，不能销售。请取下该批药品并报店长处理。", ErrorKind.Conflict);

    public static PosError BatchNotFound(Drug drug) => new("BATCH_NOT_FOUND", $"{drug.Name} 没有这个批号的库存。", ErrorKind.NotFound);

    /// <summary>A quantity its batch cannot cover: the refusal, or in a store that only warns, its text as the warning.</summary>
    public static PosError Short(Drug drug, int available, string lotNo, bool refuse, string? unit = null) =>
        refuse ? OutOfStock(drug, available, lotNo, unit ?? drug.Unit) : new PosError("OUT_OF_STOCK_WARNED", Shortage(drug, available, lotNo, unit ?? drug.Unit));

    private static PosError OutOfStock(Drug drug, int available, string? lotNo, string unit) => new("OUT_OF_STOCK",
        $"{drug.Name} {(lotNo is null ? "" : $"批号 {lotNo} ")}库存不足：可售 {Math.Max(available, 0)} {unit}，未录入。", ErrorKind.Conflict);

    private static string Shortage(Drug drug, int available, string? lotNo, string unit) =>
        $"注意：{drug.Name} {(lotNo is null ? "" : $"批号 {lotNo} ")}库存不足（可售 {Math.Max(available, 0)} {unit}），已按缺货录入，请通知店长补货盘点。";
}
