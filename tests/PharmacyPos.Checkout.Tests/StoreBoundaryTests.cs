using Microsoft.EntityFrameworkCore;
using PharmacyPos.Checkout.Mobile;
using PharmacyPos.Checkout.Refunds;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Sandbox.Model;

namespace PharmacyPos.Checkout.Tests;

/// <summary>
/// Two stores of a chain on one database: a till sees and acts on its own store's orders only.
/// Runs on SQLite and, in CI, on PostgreSQL (the chain's database).
/// </summary>
public sealed class StoreBoundaryTests(MobileHarness h) : IClassFixture<MobileHarness>
{
    private const int OtherStore = 2;

    private async Task<AttemptView> PaidInStoreOneAsync()
    {
        var (checkout, db) = h.Checkout(h.ContextFor(MobileHarness.Manager));
        await using (db)
        {
            var started = Assert.IsType<ScanResult.Started>(await checkout.ScanAsync(await h.SaleAsync("YP00001"), h.Code("unbound", Wallet.Alipay), null));
            Assert.Equal(OrderStatus.Paid, started.Attempt.Status);
            return started.Attempt;
        }
    }

    [Fact]
    public async Task Another_stores_till_cannot_find_read_or_refund_an_order()
    {
        var paid = await PaidInStoreOneAsync();

        await using (var other = h.Database.NewContextFor(MobileHarness.Manager, h.Clock, OtherStore))
        {
            Assert.False(await other.Orders.AnyAsync(o => o.TradeNo == paid.TradeNo));
            Assert.False(await other.Journal.AnyAsync(e => e.TradeNo == paid.TradeNo.Value));
            Assert.False(await other.Audit.AnyAsync(e => e.TradeNo == paid.TradeNo.Value));
        }
        var (refunds, db) = h.Refunds(h.Database.NewContextFor(MobileHarness.Manager, h.Clock, OtherStore));
        await using (db)
        {
            var refused = await refunds.RefundAsync(paid.OrderId);
            Assert.False(refused.IsSuccess);
        }
        Assert.DoesNotContain(h.Ledger(paid.TradeNo.Value), e => e.Movement == Movement.Refund);

        // The order's own store still finds it and may refund it.
        await using var own = h.Database.NewContextFor(MobileHarness.Manager, h.Clock);
        Assert.True(await own.Orders.AnyAsync(o => o.TradeNo == paid.TradeNo));
        Assert.True(await own.Journal.AnyAsync(e => e.TradeNo == paid.TradeNo.Value));
        var (ownRefunds, ownDb) = h.Refunds(h.Database.NewContextFor(MobileHarness.Manager, h.Clock));
        await using (ownDb) Assert.True((await ownRefunds.RefundAsync(paid.OrderId)).IsSuccess);
    }
}
