namespace PharmacyPos.Domain.Stock;

/// <summary>A batch with what is left of it.</summary>
public sealed record BatchStock(StockBatch Batch, int OnHand);

/// <summary>How much of a line comes from which batch.</summary>
public sealed record BatchTake(StockBatch Batch, int Quantity);

/// <param name="Shortfall">What no unexpired batch could give (0 when the line is covered).</param>
public sealed record Allocation(IReadOnlyList<BatchTake> Takes, int Shortfall)
{
    public bool IsCovered => Shortfall == 0;
}

/// <summary>
/// First-expiry-first-out (GSP's 近效期先出): a line takes from the unexpired batch that expires
/// first, and spills into the next when that one runs out. Expired batches are never taken.
/// </summary>
public static class Fefo
{
    public static Allocation Allocate(IEnumerable<BatchStock> stock, int quantity, DateOnly today)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        var takes = new List<BatchTake>();
        var left = quantity;
        foreach (var s in stock.Where(s => s.OnHand > 0 && s.Batch.ExpiresOn >= today)
                     .OrderBy(s => s.Batch.ExpiresOn).ThenBy(s => s.Batch.ReceivedAt).ThenBy(s => s.Batch.LotNo, StringComparer.Ordinal))
        {
            if (left == 0) break;
            var take = Math.Min(left, s.OnHand);
            takes.Add(new BatchTake(s.Batch, take));
            left -= take;
        }
        return new Allocation(takes, left);
    }
}
