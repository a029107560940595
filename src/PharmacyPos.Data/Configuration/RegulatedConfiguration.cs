using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PharmacyPos.Data.PersonalData;
using PharmacyPos.Domain.Regulated;

namespace PharmacyPos.Data.Configuration;

internal sealed class PrescriptionConfiguration(bool distributed) : IEntityTypeConfiguration<Prescription>
{
    public void Configure(EntityTypeBuilder<Prescription> b)
    {
        b.ToTable("prescriptions");
        b.KeyByStore(distributed);
        b.HasIndex(p => new { p.StoreId, p.TradeNo }).IsUnique();
        b.HasIndex(p => new { p.StoreId, p.RecordedAt });
        b.Property(p => p.Hospital).HasMaxLength(Prescription.HospitalMax);
        b.Property(p => p.Number).HasMaxLength(Prescription.NumberMax);
        b.Property(p => p.Doctor).HasMaxLength(30);
        b.Property(p => p.PatientName).HasMaxLength(30);
        b.Property(p => p.PharmacistUserName).HasMaxLength(32);
        b.Property(p => p.PharmacistName).HasMaxLength(50);
        b.Property(p => p.Drugs).HasMaxLength(2000);
        b.Property(p => p.PhotoType).HasMaxLength(20);
    }
}

internal sealed class EphedrineSaleConfiguration(bool distributed, PersonalDataProtector protector) : IEntityTypeConfiguration<EphedrineSale>
{
    public void Configure(EntityTypeBuilder<EphedrineSale> b)
    {
        b.ToTable("ephedrine_sales");
        b.KeyByStore(distributed);
        b.HasIndex(e => new { e.StoreId, e.SoldAt });
        b.HasIndex(e => new { e.StoreId, e.TradeNo });
        b.Property(e => e.DrugCode).HasMaxLength(32);
        b.Property(e => e.DrugName).HasMaxLength(100);
        b.Property(e => e.Specification).HasMaxLength(100);
        b.Property(e => e.Manufacturer).HasMaxLength(100);
        b.Property(e => e.Unit).HasMaxLength(10);
        b.Property(e => e.LotNo).HasMaxLength(Domain.Stock.StockBatch.LotNoMax);
        b.Property(e => e.BuyerName).HasMaxLength(30);
        b.Property(e => e.BuyerId).HasMaxLength(PersonalDataProtector.SealedLength(18)).HasConversion(new SealedConverter(protector));
        b.Ignore(e => e.BuyerIdMasked);
    }
}

internal sealed class SplitSaleConfiguration(bool distributed) : IEntityTypeConfiguration<SplitSale>
{
    public void Configure(EntityTypeBuilder<SplitSale> b)
    {
        b.ToTable("split_sales");
        b.KeyByStore(distributed);
        b.HasIndex(e => new { e.StoreId, e.SoldAt });
        b.HasIndex(e => new { e.StoreId, e.TradeNo });
        b.Property(e => e.DrugCode).HasMaxLength(32);
        b.Property(e => e.DrugName).HasMaxLength(100);
        b.Property(e => e.Specification).HasMaxLength(100);
        b.Property(e => e.Manufacturer).HasMaxLength(100);
        b.Property(e => e.Unit).HasMaxLength(10);
        b.Property(e => e.LotNo).HasMaxLength(Domain.Stock.StockBatch.LotNoMax);
    }
}
