using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PharmacyPos.Checkout.Mobile;
using PharmacyPos.Checkout.Stock;
using PharmacyPos.Data;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Stock;
using PharmacyPos.Sandbox.Model;

namespace PharmacyPos.Checkout.Tests;

/// <summary>
/// Batches at the till, on the real database: stock leaves its batch in the save that marks the
/// order paid, comes back on refund, a failed payment moves nothing, and the last box sold at
/// another till stops this one's payment before anything is charged.
/// </summary>
public sealed class StockAtTillTests(MobileHarness h) : IClassFixture<MobileHarness>
{
    private async Task<Sale> EnterAsync(string code, int quantity, string? lotNo = null)
    {
        await using var db = h.Database.NewContext();
        var sale = new Sale();
        var entered = await h.Stock(db).EnterAsync(sale, await db.Drugs.SingleAsync(d => d.Code == code), quantity, lotNo);
        Assert.True(entered.IsSuccess, entered.Error?.Message);
        return sale;
    }

    private async Task<int> OnHandAsync(StockBatch batch)
    {
        await using var db = h.Database.NewContext();
        return await db.StockMovements.Where(m => m.BatchId == batch.Id).SumAsync(m => m.Quantity);
    }

    private async Task<List<(MovementKind Kind, int Quantity, string? TradeNo)>> MovementsAsync(string tradeNo)
    {
        await using var db = h.Database.NewContext();
        return [.. (await db.StockMovements.Where(m => m.TradeNo == tradeNo).OrderBy(m => m.Id).ToListAsync()).Select(m => (m.Kind, m.Quantity, m.TradeNo))];
    }

    /// <summary>A mobile payment whose buyer has not confirmed yet (the slow buyer's card is bound: the insurance account).</summary>
    private async Task<AttemptView> WaitingPaymentAsync(string code, int quantity)
    {
        var (checkout, db) = h.Checkout();
        await using (db)
            return Assert.IsType<ScanResult.Started>(await checkout.ScanAsync(await EnterAsync(code, quantity), h.Code("slow", Wallet.Alipay), null)).Attempt;
    }

    private async Task<OrderStatus> PollAsync(AttemptView attempt)
    {
        var (checkout, db) = h.Checkout();
        await using (db) return (await checkout.PollAsync(attempt.OrderId)).Status;
    }

    private CashCheckout Cash(PosDbContext db)
    {
        var terminal = Microsoft.Extensions.Options.Options.Create(new TerminalOptions());
        return h.Cash(db, terminal);
    }

    [Fact]
    public async Task A_split_line_is_sold_from_both_batches_and_its_order_lines_name_each_lot()
    {
        var early = await h.ReceiveAsync("YP00010", "S1", 2, expiresInDays: 60);
        var late = await h.ReceiveAsync("YP00010", "S2", 10);
        var sale = await EnterAsync("YP00010", 3);

        Order order;
        await using (var db = h.Database.NewContext()) order = (await Cash(db).PayAsync(sale, "1000")).Value;

        await using var read = h.Database.NewContext();
        var lines = await read.Orders.Where(o => o.Id == order.Id).SelectMany(o => o.Lines).OrderBy(l => l.LineNo).ToListAsync();
        Assert.Equal([("S1", 2, early.ExpiresOn), ("S2", 1, late.ExpiresOn)], lines.Select(l => (l.LotNo!, l.Quantity, l.ExpiresOn!.Value)));
        Assert.All(lines, l => Assert.False(string.IsNullOrEmpty(l.Manufacturer)));
        Assert.Equal((0, 9), (await OnHandAsync(early), await OnHandAsync(late)));
        Assert.Equal([(MovementKind.Sold, -2, order.TradeNo.Value), (MovementKind.Sold, -1, order.TradeNo.Value)], await MovementsAsync(order.TradeNo.Value));
    }

    [Fact]
    public async Task A_mobile_payment_moves_stock_only_once_the_buyer_has_paid_and_a_refund_returns_it_to_the_same_batch()
    {
        var batch = await h.ReceiveAsync("YP00011", "M1", 5);
        var attempt = await WaitingPaymentAsync("YP00011", 2);
        Assert.Equal(OrderStatus.Pending, attempt.Status);
        Assert.Equal(5, await OnHandAsync(batch));

        Assert.True(h.Sandbox.Confirm(Channel.Insurance, attempt.TradeNo.Value));
        Assert.Equal(OrderStatus.Paid, await PollAsync(attempt));
        Assert.Equal(3, await OnHandAsync(batch));

        var (refunds, rdb) = h.Refunds();
        await using (rdb) Assert.True((await refunds.RefundAsync(attempt.OrderId)).IsSuccess);
        Assert.Equal(5, await OnHandAsync(batch));
        Assert.Equal([(MovementKind.Sold, -2, attempt.TradeNo.Value), (MovementKind.Returned, 2, attempt.TradeNo.Value)], await MovementsAsync(attempt.TradeNo.Value));
    }

    [Fact]
    public async Task A_payment_that_fails_moves_no_stock()
    {
        var batch = await h.ReceiveAsync("YP00012", "F1", 5);
        var attempt = await WaitingPaymentAsync("YP00012", 1);
        h.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(OrderStatus.Failed, await PollAsync(attempt));
        Assert.Equal(5, await OnHandAsync(batch));
        Assert.Empty(await MovementsAsync(attempt.TradeNo.Value));
    }

    [Fact]
    public async Task The_last_box_sold_at_another_till_stops_this_payment_before_anything_is_charged()
    {
        var batch = await h.ReceiveAsync("YP00013", "LAST1", 1);
        var here = await EnterAsync("YP00013", 1);
        var there = await EnterAsync("YP00013", 1);
        await using (var db = h.Database.NewContext()) Assert.True((await Cash(db).PayAsync(there, "100")).IsSuccess);

        var ledgerBefore = h.Sandbox.Ledger().Count;
        var (checkout, cdb) = h.Checkout();
        await using (cdb)
        {
            var refused = Assert.IsType<ScanResult.Refused>(await checkout.ScanAsync(here, h.Code("unbound", Wallet.Alipay), null));
            Assert.Equal("STOCK_GONE", refused.Error.Code);
            Assert.Contains("批号 LAST1 可售只剩 0 盒", refused.Error.Message);
        }
        await using (var db = h.Database.NewContext()) Assert.Equal("STOCK_GONE", (await Cash(db).PayAsync(here, "100")).Error!.Code);
        Assert.Equal(ledgerBefore, h.Sandbox.Ledger().Count);
        Assert.Equal(0, await OnHandAsync(batch));
    }

    [Fact]
    public async Task A_box_on_a_payment_still_waiting_for_its_buyer_is_not_sold_again_at_another_till()
    {
        var batch = await h.ReceiveAsync("YP00017", "HOLD1", 1);
        var waiting = await WaitingPaymentAsync("YP00017", 1);
        Assert.Equal(OrderStatus.Pending, waiting.Status);

        await using (var cash = h.Database.NewContext())
            Assert.Equal("STOCK_GONE", (await Cash(cash).PayAsync(await EnterAsync("YP00017", 1), "100")).Error!.Code);

        // The buyer never confirms: the 60 s pass, the attempt fails, and the box may be sold again.
        h.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(OrderStatus.Failed, await PollAsync(waiting));
        await using (var cash = h.Database.NewContext())
            Assert.True((await Cash(cash).PayAsync(await EnterAsync("YP00017", 1), "100")).IsSuccess);
        Assert.Equal(0, await OnHandAsync(batch));
    }

    [Fact]
    public async Task Two_tills_paying_for_the_last_box_at_once_are_both_paid_at_most_and_a_shortfall_is_booked_not_undone()
    {
        var batch = await h.ReceiveAsync("YP00016", "RACE1", 1);
        var sales = new[] { await EnterAsync("YP00016", 1), await EnterAsync("YP00016", 1) };
        var paid = await Task.WhenAll(sales.Select(sale => Task.Run(async () =>
        {
            await using var db = h.Database.NewContext();
            return await Cash(db).PayAsync(sale, "100");
        })));

        // Whichever way the race goes, the books agree: each paid order took its box, and a payment taken is never undone for stock.
        var won = paid.Count(p => p.IsSuccess);
        Assert.InRange(won, 1, 2);
        Assert.All(paid.Where(p => !p.IsSuccess), p => Assert.Equal("STOCK_GONE", p.Error!.Code));
        Assert.Equal(1 - won, await OnHandAsync(batch));
    }

    [Fact]
    public async Task A_store_that_only_warns_sells_past_its_stock_and_the_shortfall_shows_as_negative_stock()
    {
        var batch = await h.ReceiveAsync("YP00014", "W1", 1);
        await using (var db = h.ContextFor(MobileHarness.Manager)) Assert.Null(await h.Settings(db).OutOfStockRuleAsync(refuse: false));
        try
        {
            await using var db = h.Database.NewContext();
            var sale = new Sale();
            var entered = await h.Stock(db).EnterAsync(sale, await db.Drugs.SingleAsync(d => d.Code == "YP00014"), 3);
            Assert.Contains("库存不足（可售 1 盒）", entered.Value.Warning);
            Assert.True((await Cash(db).PayAsync(sale, "1000")).IsSuccess);
            Assert.Equal(-2, await OnHandAsync(batch));
            Assert.Contains(await db.Audit.Select(a => a.Detail).ToListAsync(), d => d == "缺货时拒绝录入 → 缺货时仅提示");
            var shortList = await new PharmacyPos.Data.Stock.StockQuery(db, h.Clock).ListAsync(1, "YP00014", PharmacyPos.Data.Stock.StockQuery.Filter.Short, 90);
            Assert.Equal(("W1", -2, "短缺 2"), (Assert.Single(shortList).Batch.LotNo, shortList[0].OnHand, PharmacyPos.Data.Stock.StockQuery.StateText(shortList[0])));
        }
        finally
        {
            await using var db = h.ContextFor(MobileHarness.Manager);
            Assert.Null(await h.Settings(db).OutOfStockRuleAsync(refuse: true));
        }
    }

    [Fact]
    public async Task An_expired_lot_named_by_the_api_is_refused_and_a_near_expiry_one_is_marked()
    {
        await h.ReceiveAsync("YP00015", "N1", 5, expiresInDays: 20);
        await using var db = h.Database.NewContext();
        var drug = await db.Drugs.SingleAsync(d => d.Code == "YP00015");
        var sale = new Sale();
        var entered = await h.Stock(db).EnterAsync(sale, drug, 1, "N1");
        Assert.Contains("近效期", entered.Value.Warning);
        Assert.True(Assert.Single(sale.Lines).Batch!.NearExpiry);

        h.Clock.Advance(TimeSpan.FromDays(21)); // the fake clock only goes forward: the other tests receive relative to it
        var refused = await h.Stock(db).EnterAsync(new Sale(), drug, 1, "N1");
        Assert.Equal("BATCH_EXPIRED", refused.Error!.Code);
        Assert.Equal("BATCH_NOT_FOUND", (await h.Stock(db).EnterAsync(new Sale(), drug, 1, "NOPE")).Error!.Code);
    }
}
