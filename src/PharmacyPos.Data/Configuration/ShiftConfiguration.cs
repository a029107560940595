using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PharmacyPos.Domain.Shifts;

namespace PharmacyPos.Data.Configuration;

internal sealed class ShiftConfiguration(bool distributed) : IEntityTypeConfiguration<Shift>
{
    public void Configure(EntityTypeBuilder<Shift> b)
    {
        b.ToTable("shifts");
        b.KeyByStore(distributed);
        b.Property(x => x.TerminalId).HasMaxLength(16).IsRequired();
        b.Property(x => x.Cashier).HasMaxLength(32).IsRequired();
        b.Property(x => x.CashierName).HasMaxLength(30).IsRequired();
        b.Property(x => x.HandedOverBy).HasMaxLength(32);
        b.Property(x => x.DifferenceApprovedBy).HasMaxLength(32);
        b.Property(x => x.Status).HasConversion<int>();
        b.Property(x => x.Version).IsConcurrencyToken();
        // The figures the count was measured against, read back whole for the 交班单.
        b.Property(x => x.Closing).HasConversion(
            totals => totals == null ? null : JsonSerializer.Serialize(totals, JsonSerializerOptions.Default),
            text => text == null ? null : JsonSerializer.Deserialize<ShiftTotals>(text, JsonSerializerOptions.Default),
            new ValueComparer<ShiftTotals?>((a, c) => ReferenceEquals(a, c), v => v == null ? 0 : 1, v => v));
        // One open shift per cashier per till: two sign-ins at once cannot both open one.
        b.HasIndex(x => new { x.StoreId, x.TerminalId, x.Cashier }).IsUnique().HasFilter($"\"Status\" = {(int)ShiftStatus.Open}");
        b.HasIndex(x => new { x.StoreId, x.Status, x.OpenedAt });
    }
}

internal sealed class CashMovementConfiguration(bool distributed) : IEntityTypeConfiguration<CashMovement>
{
    public void Configure(EntityTypeBuilder<CashMovement> b)
    {
        b.ToTable("cash_movements");
        b.KeyByStore(distributed);
        b.Property(x => x.TerminalId).HasMaxLength(16).IsRequired();
        b.Property(x => x.Kind).HasConversion<int>();
        b.Property(x => x.Reason).HasMaxLength(CashMovement.ReasonMax).IsRequired();
        b.Property(x => x.By).HasMaxLength(32).IsRequired();
        b.Property(x => x.ApprovedBy).HasMaxLength(32);
        b.Ignore(x => x.Signed);
        b.HasIndex(x => new { x.StoreId, x.ShiftId });
    }
}

internal sealed class DayCloseConfiguration(bool distributed) : IEntityTypeConfiguration<DayClose>
{
    public void Configure(EntityTypeBuilder<DayClose> b)
    {
        b.ToTable("day_closes");
        b.KeyByStore(distributed);
        b.Property(x => x.ClosedBy).HasMaxLength(32).IsRequired();
        b.Property(x => x.Report).IsRequired();
        // Once per store and day, whichever terminal asks first: the second is refused by the database itself.
        b.HasIndex(x => new { x.StoreId, x.Day }).IsUnique();
    }
}
