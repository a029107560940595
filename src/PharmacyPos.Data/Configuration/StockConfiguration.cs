using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PharmacyPos.Data.Stock;
using PharmacyPos.Domain.Stock;

namespace PharmacyPos.Data.Configuration;

internal sealed class StockBatchConfiguration(bool distributed) : IEntityTypeConfiguration<StockBatch>
{
    public void Configure(EntityTypeBuilder<StockBatch> b)
    {
        b.ToTable("stock_batches");
        b.KeyByStore(distributed);
        b.Property(x => x.DrugCode).HasMaxLength(32).IsRequired();
        b.Property(x => x.LotNo).HasMaxLength(StockBatch.LotNoMax).IsRequired();
        b.Property(x => x.Supplier).HasMaxLength(100);
        // One row per lot of a drug in a store: a second delivery of the lot adds to it.
        b.HasIndex(x => new { x.StoreId, x.DrugCode, x.LotNo }).IsUnique();
        // 近效期 and 过期 reports.
        b.HasIndex(x => new { x.StoreId, x.ExpiresOn });
        // The ledger's running sum, kept by a trigger on stock_movements (see StockBalances), so a scan reads one row per
        // batch instead of summing a busy batch's thousands of movements. Never written by EF after the insert.
        b.Property<int>(StockBalances.OnHand);
    }
}

internal sealed class StockMovementConfiguration(bool distributed) : IEntityTypeConfiguration<StockMovement>
{
    public void Configure(EntityTypeBuilder<StockMovement> b)
    {
        b.ToTable("stock_movements");
        b.KeyByStore(distributed);
        b.Property(x => x.Kind).HasConversion<int>();
        b.Property(x => x.TradeNo).HasMaxLength(24);
        b.Property(x => x.By).HasMaxLength(32).IsRequired();
        // Distributed, a movement points at its batch by the whole key (co-located by store), as order lines do.
        if (distributed) b.HasOne(x => x.Batch).WithMany().HasForeignKey("StoreId", "BatchId").OnDelete(DeleteBehavior.Restrict);
        else b.HasOne(x => x.Batch).WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Restrict);
        // Stock of a batch is the sum of its rows; the order's movements are found by 交易号.
        b.HasIndex(x => new { x.BatchId, x.Quantity });
        b.HasIndex(x => new { x.StoreId, x.TradeNo });
    }
}
