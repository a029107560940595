using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PharmacyPos.Data.Journal;

namespace PharmacyPos.Data.Configuration;

internal sealed class JournalConfiguration(bool distributed) : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> b)
    {
        b.ToTable("payment_journal");
        b.KeyByStore(distributed);
        b.Property(e => e.TradeNo).HasMaxLength(32).IsRequired();
        b.Property(e => e.RefundNo).HasMaxLength(32);
        b.Property(e => e.Event).HasMaxLength(40).IsRequired();
        b.Property(e => e.Status).HasMaxLength(20).IsRequired();
        b.Property(e => e.Detail).HasMaxLength(300);
        // An engineer reconstructs a payment by its 交易号.
        b.HasIndex(e => new { e.StoreId, e.TradeNo, e.Id });
    }
}
