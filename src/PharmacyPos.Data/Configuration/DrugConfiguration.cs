using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PharmacyPos.Domain.Catalogue;

namespace PharmacyPos.Data.Configuration;

internal sealed class DrugConfiguration : IEntityTypeConfiguration<Drug>
{
    public void Configure(EntityTypeBuilder<Drug> b)
    {
        b.ToTable("drugs");
        b.HasKey(d => d.Id);
        b.Property(d => d.Code).HasMaxLength(32).IsRequired();
        b.Property(d => d.Barcode).HasMaxLength(32).IsRequired();
        b.Property(d => d.Name).HasMaxLength(100).IsRequired();
        b.Property(d => d.Specification).HasMaxLength(100);
        b.Property(d => d.Manufacturer).HasMaxLength(100);
        b.Property(d => d.Unit).HasMaxLength(10);
        b.Property(d => d.PinyinInitials).HasMaxLength(40);
        b.Property(d => d.NationalCode).HasMaxLength(40);
        b.Property(d => d.Category).HasConversion<int?>();
        b.Property(d => d.Class).HasConversion<int>();
        b.Property(d => d.SplitUnit).HasMaxLength(4);
        b.Ignore(d => d.IsPrescription);
        b.Ignore(d => d.Split);
        b.HasIndex(d => d.Code).IsUnique();
        b.HasIndex(d => d.Barcode).IsUnique();
        // 编码 beside 拼音码: the prefix lookup picks its closest matches from the index alone (CatalogueSearch).
        b.HasIndex(d => new { d.PinyinInitials, d.Code });
        b.Ignore(d => d.IsUnmapped);
        b.Ignore(d => d.IsInsuranceEligible);
        b.Ignore(d => d.InsuranceLabel);
    }
}
