using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Domain.Stores;

namespace PharmacyPos.Data.Configuration;

/// <summary>Accounts are the chain's, like the catalogue: one user name signs in at any till (a reference table when distributed).</summary>
internal sealed class StaffAccountConfiguration : IEntityTypeConfiguration<StaffAccount>
{
    public void Configure(EntityTypeBuilder<StaffAccount> b)
    {
        b.ToTable("staff_accounts");
        b.HasKey(a => a.Id);
        b.HasIndex(a => a.UserName).IsUnique();
        b.Property(a => a.UserName).HasMaxLength(32).IsRequired();
        b.Property(a => a.DisplayName).HasMaxLength(30).IsRequired();
        b.Property(a => a.Role).HasConversion<int>();
        b.Property(a => a.PasswordHash).HasMaxLength(200).IsRequired();
        b.Property(a => a.SecurityStamp).HasMaxLength(32).IsRequired().IsConcurrencyToken();
    }
}

internal sealed class AuditConfiguration(bool distributed) : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_log");
        b.KeyByStore(distributed);
        b.Property(e => e.Terminal).HasMaxLength(32).IsRequired();
        b.Property(e => e.UserName).HasMaxLength(32).IsRequired();
        b.Property(e => e.DisplayName).HasMaxLength(30).IsRequired();
        b.Property(e => e.Role).HasMaxLength(10).IsRequired();
        b.Property(e => e.Action).HasMaxLength(40).IsRequired();
        b.Property(e => e.TradeNo).HasMaxLength(24);
        b.Property(e => e.Approver).HasMaxLength(32);
        b.Property(e => e.Detail).HasMaxLength(300);
        b.Ignore(e => e.ActionText);
        // The 审计日志 page: a day (or range) of one store, newest first; and everything about one 交易号.
        b.HasIndex(e => new { e.StoreId, e.At });
        b.HasIndex(e => new { e.StoreId, e.TradeNo });
    }
}

internal sealed class StoreSettingsConfiguration : IEntityTypeConfiguration<StoreSettings>
{
    public void Configure(EntityTypeBuilder<StoreSettings> b)
    {
        b.ToTable("store_settings");
        b.HasKey(s => s.StoreId);
        b.Property(s => s.StoreId).ValueGeneratedNever();
        b.Property(s => s.UpdatedBy).HasMaxLength(32);
        b.Property(s => s.Name).HasMaxLength(StoreSettings.NameMax).HasDefaultValue("");
        b.Property(s => s.Address).HasMaxLength(StoreSettings.AddressMax).HasDefaultValue("");
        b.Property(s => s.Phone).HasMaxLength(StoreSettings.PhoneMax).HasDefaultValue("");
        b.Property(s => s.PrintReceiptWhenPaid).HasDefaultValue(false);
        b.Property(s => s.NearExpiryDays).HasDefaultValue(StoreSettings.DefaultNearExpiryDays);
    }
}

/// <summary>Sign-ins are the chain's like the accounts they belong to (a reference table when distributed).</summary>
internal sealed class StaffSessionConfiguration : IEntityTypeConfiguration<StaffSession>
{
    public void Configure(EntityTypeBuilder<StaffSession> b)
    {
        b.ToTable("staff_sessions");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).HasMaxLength(32).ValueGeneratedNever();
        b.Ignore(s => s.IsOpen);
        b.HasIndex(s => s.AccountId);
    }
}
