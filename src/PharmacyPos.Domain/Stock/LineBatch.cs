namespace PharmacyPos.Domain.Stock;

/// <summary>The batch a sale line's boxes come from, as the till shows it (批号, 有效期至, 近效期).</summary>
public sealed record LineBatch(long Id, string LotNo, DateOnly ExpiresOn, bool NearExpiry)
{
    public static LineBatch Of(StockBatch batch, DateOnly today, int nearExpiryDays) =>
        new(batch.Id, batch.LotNo, batch.ExpiresOn, batch.StateOn(today, nearExpiryDays) == ExpiryState.NearExpiry);
}
