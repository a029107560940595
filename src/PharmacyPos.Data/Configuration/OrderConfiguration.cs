using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PharmacyPos.Domain.Orders;

namespace PharmacyPos.Data.Configuration;

internal sealed class OrderConfiguration(bool distributed, PharmacyPos.Data.PersonalData.PersonalDataProtector protector) : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.ToTable("orders");
        b.KeyByStore(distributed);
        b.Property(o => o.TradeNo).IsRequired();
        // Unique across the chain: the 交易号 carries the store's number, and each store number has one StoreId.
        b.HasIndex(o => new { o.StoreId, o.TradeNo }).IsUnique();
        // Looked up by 交易号 alone (the API, the journal), so it is indexed alone too.
        b.HasIndex(o => o.TradeNo);
        b.HasIndex(o => new { o.StoreId, o.CreatedAt });
        b.HasIndex(o => new { o.StoreId, o.ShiftId });
        b.Property(o => o.TerminalId).HasMaxLength(32).IsRequired();
        b.Property(o => o.Method).HasConversion<int>();
        b.Property(o => o.Status).HasConversion<int>();
        b.Property(o => o.ChannelTradeId).HasMaxLength(64);
        b.Property(o => o.RouteExplanation).HasMaxLength(500);
        b.Property(o => o.PsnNo).HasMaxLength(PharmacyPos.Data.PersonalData.PersonalDataProtector.SealedLength(40))
            .HasConversion((Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter)new PharmacyPos.Data.PersonalData.SealedConverter(protector));
        b.Property(o => o.InsuredName).HasMaxLength(50);
        b.Property(o => o.Cashier).HasMaxLength(32);
        b.Property(o => o.CashierName).HasMaxLength(30);
        b.Property(o => o.FailureCode).HasMaxLength(40);
        b.Property(o => o.FailureMessage).HasMaxLength(200);
        b.Ignore(o => o.IsFinal);
        b.Ignore(o => o.UnsavedJournal);
        b.Property(o => o.Version).IsConcurrencyToken();
        // Recovery looks for what is not final yet.
        b.HasIndex(o => new { o.StoreId, o.Status, o.CreatedAt });
        // 退单 查询 by 社保编码 and time.
        b.HasIndex(o => new { o.StoreId, o.PsnNo, o.CreatedAt });
        // Empty once every 社保编码 is sealed: the start's sealing check reads it instead of every order.
        // It covers that check's columns, or SQLite would rather scan the whole 社保编码 index above.
        b.HasIndex(o => new { o.StoreId, o.Id, o.PsnNo }, "ix_orders_unsealed")
            .HasFilter(PharmacyPos.Data.PersonalData.PersonalDataSealing.Unsealed(PharmacyPos.Data.PersonalData.PersonalDataSealing.OrderColumns));
        // Distributed, a line must point at its order by the whole key (co-located by store); SQLite keeps the rowid link.
        if (distributed)
            b.HasMany(o => o.Lines).WithOne().HasForeignKey("StoreId", "OrderId").OnDelete(DeleteBehavior.Cascade);
        else
            b.HasMany(o => o.Lines).WithOne().HasForeignKey("OrderId").OnDelete(DeleteBehavior.Cascade);
        b.Navigation(o => o.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
    }
}

internal sealed class OrderLineConfiguration(bool distributed) : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> b)
    {
        b.ToTable("order_lines");
        b.KeyByStore(distributed);
        b.Property(l => l.DrugCode).HasMaxLength(32);
        b.Property(l => l.DrugName).HasMaxLength(100);
        b.Property(l => l.Specification).HasMaxLength(100);
        b.Property(l => l.Unit).HasMaxLength(10);
        b.Property(l => l.NationalCode).HasMaxLength(40);
        b.Property(l => l.Manufacturer).HasMaxLength(100);
        b.Property(l => l.LotNo).HasMaxLength(Domain.Stock.StockBatch.LotNoMax);
        b.Ignore(l => l.Amount);
        b.Ignore(l => l.StockUnits);
    }
}
