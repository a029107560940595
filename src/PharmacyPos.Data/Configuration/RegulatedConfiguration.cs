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
        b.SoldLineRegister("ephedrine_sales", distributed);
        b.Property(e => e.BuyerName).HasMaxLength(30);
        b.Property(e => e.BuyerId).HasMaxLength(PersonalDataProtector.SealedLength(18)).HasConversion(new SealedConverter(protector));
        b.Ignore(e => e.BuyerIdMasked);
    }
}

internal sealed class SplitSaleConfiguration(bool distributed) : IEntityTypeConfiguration<SplitSale>
{
    public void Configure(EntityTypeBuilder<SplitSale> b)
    {
        b.SoldLineRegister("split_sales", distributed);
    }
}

internal static class SoldLineRegisters
{
    /// <summary>
    /// A register of sold lines (含麻黄碱, 拆零): by store, day and 交易号, the drug as sold with its
    /// 规格, 生产厂家 and 批号 — the columns both registers share, sized as the order line's.
    /// </summary>
    public static void SoldLineRegister<T>(this EntityTypeBuilder<T> b, string table, bool distributed) where T : class
    {
        b.ToTable(table);
        b.KeyByStore(distributed);
        b.HasIndex("StoreId", "SoldAt");
        b.HasIndex("StoreId", "TradeNo");
        b.Property<string>("DrugCode").HasMaxLength(32);
        b.Property<string>("DrugName").HasMaxLength(100);
        b.Property<string>("Specification").HasMaxLength(100);
        b.Property<string>("Manufacturer").HasMaxLength(100);
        b.Property<string>("Unit").HasMaxLength(10);
        b.Property<string?>("LotNo").HasMaxLength(Domain.Stock.StockBatch.LotNoMax);
    }
}

