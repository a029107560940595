using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PharmacyPos.Domain.Refunds;

namespace PharmacyPos.Data.Configuration;

internal sealed class RefundConfiguration(bool distributed) : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> b)
    {
        b.ToTable("refunds");
        b.KeyByStore(distributed);
        // One refund per order and per number: the database refuses a second, whatever the UI does.
        b.HasIndex(r => new { r.StoreId, r.OrderId }).IsUnique();
        b.HasIndex(r => new { r.StoreId, r.RefundNo }).IsUnique();
        b.Property(r => r.ApprovedBy).HasMaxLength(32);
        b.Property(r => r.RefundNo).HasMaxLength(32);
        b.Property(r => r.Method).HasConversion<int>();
        b.Property(r => r.Status).HasConversion<int>();
        b.Property(r => r.FailureMessage).HasMaxLength(200);
        b.HasIndex(r => new { r.StoreId, r.Status, r.RequestedAt });
        b.HasIndex(r => new { r.StoreId, r.ShiftId });
        b.Ignore(r => r.UnsavedJournal);
    }
}
