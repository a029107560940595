using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Stock;

namespace PharmacyPos.Data.Stock;

/// <summary>
/// 盘点: the manager counts a batch's boxes on the shelf; the difference from the ledger is one
/// 盘点调整 movement (so the ledger still sums to the stock) and a line in the 审计日志.
/// </summary>
public sealed class StockCount(PosDbContext db, TimeProvider clock)
{
    public const int MaxCounted = 99_999;

    public async Task<Result<int>> CountAsync(int storeId, long batchId, int counted, CancellationToken ct = default)
    {
        if (!db.Actor.May(Domain.Staff.Permission.ManageCatalogue)) return PosErrors.Forbidden("店长或管理员可以盘点");
        if (counted is < 0 or > MaxCounted) return new PosError("COUNT_INVALID", $"实盘数量应为 0 到 {MaxCounted} 的整数。");
        var batch = await db.Batches.SingleOrDefaultAsync(b => b.StoreId == storeId && b.Id == batchId, ct);
        if (batch is null) return new PosError("BATCH_NOT_FOUND", "没有这个批号。", ErrorKind.NotFound);
        var onBooks = await db.Batches.Where(b => b.StoreId == storeId && b.Id == batchId).Select(b => EF.Property<int>(b, StockBalances.OnHand)).SingleAsync(ct);
        var difference = counted - onBooks;
        if (difference == 0) return 0;
        db.StockMovements.Add(StockMovement.Count(batch, difference, clock.GetUtcNow(), db.Actor.UserName));
        db.AddAudit(Domain.Audit.AuditActions.StockCounted,
            detail: $"{batch.DrugCode} 批号 {batch.LotNo}：账面 {onBooks}，实盘 {counted}（{difference:+#;-#}）");
        await db.SaveChangesAsync(ct);
        return difference;
    }
}
