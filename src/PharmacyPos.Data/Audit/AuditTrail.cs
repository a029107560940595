using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Catalogue;
using PharmacyPos.Domain.Journal;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Refunds;
using PharmacyPos.Domain.Registration;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Data.Audit;

/// <summary>
/// Money actions write their own audit lines, in the same transaction as the change: a sale, a
/// payment attempt and its outcome, a refund, a registration, a price change cannot be saved
/// without the line that says who did it. Use cases need not remember to log them.
/// </summary>
internal static class AuditTrail
{
    /// <summary>Append-only from the app's point of view; the database's triggers refuse the rest.</summary>
    public static void RefuseRewrites(ChangeTracker tracker)
    {
        if (tracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("The audit log is append-only: an entry cannot be changed or deleted.");
    }

    /// <param name="staff">The till this runs at; background work has none and names the order's own terminal.</param>
    public static List<AuditEntry> Collect(ChangeTracker tracker, StaffOnDuty? staff, DateTimeOffset now)
    {
        var actor = staff?.Current ?? Actor.System;
        var terminal = staff?.Terminal;
        var lines = new List<AuditEntry>();
        foreach (var source in tracker.Entries<IJournaled>().Where(e => e.State != EntityState.Detached).Select(e => e.Entity))
        {
            foreach (var e in source.UnsavedJournal)
            {
                if (AuditActions.ForJournal(e.Event) is not { } action) continue;
                var (amount, where, approver) = source switch
                {
                    Order o => (o.Total, terminal ?? o.TerminalId, (string?)null),
                    Refund r => (r.Amount, terminal ?? "", action == AuditActions.RefundRequested || action == AuditActions.RefundRetried ? r.ApprovedBy : null),
                    _ => (Money.Zero, terminal ?? "", null),
                };
                var detail = source is Order order ? $"{order.Method.ToChinese()}{(e.Detail is null ? "" : "；" + e.Detail)}" : e.Detail;
                lines.Add(AuditEntry.Record(source.StoreId, where, actor, e.At, action, source.TradeNo.Value, amount, detail, approver));
            }
        }
        foreach (var r in tracker.Entries<PurchaseRegistration>().Where(e => e.State == EntityState.Added).Select(e => e.Entity))
        {
            lines.Add(AuditEntry.Record(r.StoreId, terminal ?? "", actor, r.RegisteredAt, AuditActions.Registration, r.TradeNo.Value, r.Amount,
                $"购药人 {r.PurchaserName}，身份证 {r.PurchaserIdMasked}，{r.Relation}"));
        }
        foreach (var d in tracker.Entries<Drug>().Where(e => e.State == EntityState.Modified))
        {
            var price = d.Property(x => x.RetailPrice);
            if (!price.IsModified || Equals(price.OriginalValue, price.CurrentValue)) continue;
            lines.Add(AuditEntry.Record(staff?.StoreId ?? 0, terminal ?? "", actor, now, AuditActions.PriceChanged, null, price.CurrentValue,
                $"{d.Entity.Code} {d.Entity.Name}：{price.OriginalValue} → {price.CurrentValue}"));
        }
        return lines;
    }
}
