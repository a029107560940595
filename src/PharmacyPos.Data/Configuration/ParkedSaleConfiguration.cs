using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PharmacyPos.Domain.Sales;

namespace PharmacyPos.Data.Configuration;

internal sealed class ParkedSaleConfiguration(bool distributed) : IEntityTypeConfiguration<ParkedSale>
{
    public void Configure(EntityTypeBuilder<ParkedSale> b)
    {
        b.ToTable("parked_sales");
        b.KeyByStore(distributed);
        b.Property(x => x.TerminalId).HasMaxLength(16).IsRequired();
        b.Property(x => x.Cashier).HasMaxLength(32);
        b.Property(x => x.Summary).HasMaxLength(120);
        // The lines as one JSON text: they are only ever read back whole, to re-enter them.
        b.Property(x => x.Items).HasConversion(
                items => JsonSerializer.Serialize(items, JsonSerializerOptions.Default),
                text => JsonSerializer.Deserialize<List<ParkedItem>>(text, JsonSerializerOptions.Default) ?? new List<ParkedItem>(),
                new ValueComparer<IReadOnlyList<ParkedItem>>((a, c) => a!.SequenceEqual(c!), v => v.Count, v => v.ToList()))
            .IsRequired();
        b.HasIndex(x => new { x.StoreId, x.TerminalId, x.ParkedAt });
    }
}
