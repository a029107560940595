using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Stock;

namespace PharmacyPos.Data.Stock;

/// <summary>
/// Each batch's stock as a running balance beside the ledger: every movement a save adds is
/// applied as one atomic <c>OnHand = OnHand + n</c> per batch, in the same transaction as the
/// movement (and as the order's paid state when the movement is a sale), so the balance is always
/// the ledger's sum — two tills adding to one batch at once cannot lose an update — and reading
/// stock costs one row per batch however many sales the batch has seen.
/// </summary>
public static class StockBalances
{
    /// <summary>The balance's column, a shadow property: the domain's stock is the ledger's sum and knows no balance.</summary>
    public const string OnHand = "OnHand";

    public static async Task ApplyAsync(PosDbContext db, IEnumerable<StockMovement> added, CancellationToken ct)
    {
        // A receipt of a new lot names a batch whose id the save has just generated: it is in the tracker's entry now,
        // and on the movement itself only once the tracker accepts the changes, after the commit.
        foreach (var batch in added.GroupBy(m => (m.StoreId, BatchId: db.Entry(m).Property(x => x.BatchId).CurrentValue)))
        {
            var change = batch.Sum(m => m.Quantity);
            if (change == 0) continue;
            var (storeId, batchId) = batch.Key;
            await db.Batches.IgnoreQueryFilters().Where(b => b.StoreId == storeId && b.Id == batchId)
                .ExecuteUpdateAsync(set => set.SetProperty(b => EF.Property<int>(b, OnHand), b => EF.Property<int>(b, OnHand) + change), ct);
        }
    }
}
