using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PharmacyPos.Data;
using PharmacyPos.Data.Journal;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Refunds;
using PharmacyPos.Domain.Registration;

namespace PharmacyPos.Checkout.Orders;

/// <summary>Everything the POS knows about one 交易号: the order and its lines, its refund, its journal, who did what.</summary>
public sealed record OrderRecord(Order Order, Refund? Refund, IReadOnlyList<JournalEntry> Journal, IReadOnlyList<AuditEntry> Audit,
    PurchaseRegistration? Registration);

/// <summary>订单查询's detail: one store's order under its 交易号, read without tracking.</summary>
public sealed class OrderRecords(PosDbContext db, IOptions<TerminalOptions> terminal)
{
    public async Task<OrderRecord?> FindAsync(TradeNo tradeNo, CancellationToken ct = default)
    {
        var storeId = terminal.Value.StoreId;
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.StoreId == storeId && o.TradeNo == tradeNo, ct);
        if (order is null) return null;
        var refund = await db.Refunds.AsNoTracking().FirstOrDefaultAsync(r => r.OrderId == order.Id, ct);
        var text = tradeNo.Value;
        var journal = await db.Journal.AsNoTracking().Where(j => j.StoreId == storeId && j.TradeNo == text)
            .OrderBy(j => j.At).ThenBy(j => j.Id).ToListAsync(ct);
        var audit = await db.Audit.AsNoTracking().Where(a => a.TradeNo == text).OrderBy(a => a.At).ThenBy(a => a.Id).ToListAsync(ct);
        var registration = await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.StoreId == storeId && r.TradeNo == tradeNo, ct);
        return new OrderRecord(order, refund, journal, audit, registration);
    }
}
