using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PharmacyPos.Domain.Stores;

namespace PharmacyPos.Data.Configuration;

internal sealed class StoreConfiguration : IEntityTypeConfiguration<Store>
{
    public void Configure(EntityTypeBuilder<Store> b)
    {
        b.ToTable("stores");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.HasIndex(s => s.No).IsUnique();
        b.Property(s => s.Name).HasMaxLength(100).IsRequired();
    }
}

internal sealed class TerminalConfiguration(bool distributed) : IEntityTypeConfiguration<Terminal>
{
    public void Configure(EntityTypeBuilder<Terminal> b)
    {
        b.ToTable("terminals");
        b.KeyByStore(distributed);
        b.HasIndex(t => new { t.StoreId, t.No }).IsUnique();
        b.Property(t => t.Name).HasMaxLength(100).IsRequired();
    }
}
