using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PharmacyPos.Data;
using PharmacyPos.Domain.Orders;

namespace PharmacyPos.Checkout.Recovery;

/// <summary>What the terminal's next cashier must know about a payment no till was watching when it ended.</summary>
public sealed record LastPaymentNotice(long OrderId, TradeNo TradeNo, OrderStatus Status, PaymentMethod Method,
    PharmacyPos.Domain.Money Total, string? FailureMessage);

/// <summary>
/// A till closed or crashed during a payment: recovery settled it (or is still asking). When the
/// sale screen opens again it says so — "上一笔支付已成功" / "已撤销" — so the customer is
/// neither charged twice nor sent away unpaid.
/// </summary>
public sealed class UnattendedSettlements(PosDbContext db, IOptions<TerminalOptions> terminal)
{
    public async Task<LastPaymentNotice?> ForThisTerminalAsync(CancellationToken ct = default)
    {
        var id = terminal.Value.TerminalId;
        var order = await db.Orders.AsNoTracking()
            .Where(o => o.TerminalId == id && (o.SettledUnattended || o.Status == OrderStatus.Pending))
            .OrderByDescending(o => o.Id).FirstOrDefaultAsync(ct);
        return order is null ? null : new(order.Id, order.TradeNo, order.Status, order.Method, order.Total, order.FailureMessage);
    }

    public async Task AcknowledgeAsync(long orderId, CancellationToken ct = default)
    {
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null) return;
        order.AcknowledgeSettlement();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear(); // recovery moved it on; the next look shows the newer state
        }
    }
}
