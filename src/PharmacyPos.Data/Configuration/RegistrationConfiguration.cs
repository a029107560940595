using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PharmacyPos.Data.PersonalData;
using PharmacyPos.Domain.Registration;

namespace PharmacyPos.Data.Configuration;

internal sealed class RegistrationConfiguration(bool distributed, PersonalDataProtector protector) : IEntityTypeConfiguration<PurchaseRegistration>
{
    public void Configure(EntityTypeBuilder<PurchaseRegistration> b)
    {
        b.ToTable("registrations");
        b.KeyByStore(distributed);
        b.HasIndex(r => new { r.StoreId, r.TradeNo }).IsUnique();
        b.HasIndex(r => new { r.StoreId, r.RegisteredAt });
        // Empty once every ID number and 社保编码 is sealed: the start's sealing check reads it instead of the table.
        b.HasIndex(r => new { r.StoreId, r.Id }, "ix_registrations_unsealed").HasFilter(PersonalDataSealing.Unsealed(PersonalDataSealing.RegistrationColumns));
        b.Property(r => r.Method).HasConversion<int>();
        b.Property(r => r.InsuredName).HasMaxLength(50);
        b.Property(r => r.PsnNo).HasMaxLength(PersonalDataProtector.SealedLength(40)).HasConversion(new SealedConverter(protector));
        b.Property(r => r.PurchaserName).HasMaxLength(30);
        b.Property(r => r.PurchaserId).HasMaxLength(PersonalDataProtector.SealedLength(18)).HasConversion(new SealedConverter(protector));
        b.Property(r => r.Phone).HasMaxLength(11);
        b.Property(r => r.Relation).HasMaxLength(10);
        b.Ignore(r => r.PurchaserIdMasked);
    }
}
