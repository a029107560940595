using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PharmacyPos.Data.Reconciliation;

namespace PharmacyPos.Data.Configuration;

internal sealed class ReconciliationConfiguration(bool distributed) : IEntityTypeConfiguration<ReconciliationRun>
{
    public void Configure(EntityTypeBuilder<ReconciliationRun> b)
    {
        b.ToTable("reconciliation_runs");
        b.KeyByStore(distributed);
        b.Property(r => r.Day).HasMaxLength(10).IsRequired();
        b.Property(r => r.Report).IsRequired();
        b.HasIndex(r => new { r.StoreId, r.Day, r.RanAt });
    }
}
