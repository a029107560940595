using PharmacyPos.Domain.Journal;
using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PharmacyPos.Checkout.Mobile;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Sandbox.Model;

namespace PharmacyPos.Checkout.Tests;

/// <summary>
/// Many terminals and several POS instances on one database (run on SQLite and, in CI, on
/// PostgreSQL). PHARMACYPOS_CONCURRENCY_SECONDS sets how long the terminals run (CI: 60).
/// </summary>
public sealed class ConcurrencyTests(MobileHarness h) : IClassFixture<MobileHarness>
{
    private static TimeSpan Duration =>
        TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("PHARMACYPOS_CONCURRENCY_SECONDS"), out var s) ? s : 10);

    [Fact]
    public async Task Eight_terminals_paying_and_refunding_at_once_lose_no_update_and_repeat_no_trade_no()
    {
        const int terminals = 8;
        for (var t = 1; t <= terminals; t++)
        {
            h.Sandbox.Upsert(new Customer
            {
                Id = $"t{t}", Name = $"顾客{t}", AlipayBalance = Money.FromYuan(10_000_000m), WeChatBalance = Money.FromYuan(10_000_000m),
                AutoConfirm = true, Card = t % 2 == 0 ? MobileHarness.Card($"C{t}", 10_000_000m) : null,
            });
        }
        var sales = new[] { await h.SaleAsync("YP00202"), await h.SaleAsync("YP00001"), await h.SaleAsync("YP00004", "YP00202") };
        var paid = new ConcurrentBag<AttemptView>();
        var refundsAccepted = new ConcurrentBag<long>();
        var started = 0;
        using var stop = new CancellationTokenSource(Duration);
        // Enough payments to mean something, however slow the machine: the terminals run for the duration *and* until
        // they have started that many (bounded, so a hang still ends the test). A speed is measured in bench/, not here.
        const int enough = terminals * 5;
        var hang = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(1, terminals).Select(t => Task.Run(async () =>
        {
            var random = new Random(t);
            while (!(stop.IsCancellationRequested && Volatile.Read(ref started) >= enough) && hang.Elapsed < TimeSpan.FromMinutes(10))
            {
                var (checkout, db) = h.Checkout(h.Database.NewContext(), terminalNo: 10 + t);
                await using (db)
                {
                    var result = await checkout.ScanAsync(sales[random.Next(sales.Length)], h.Code($"t{t}", random.Next(2) == 0 ? Wallet.Alipay : Wallet.WeChat), null);
                    var attempt = Assert.IsType<ScanResult.Started>(result).Attempt;
                    Interlocked.Increment(ref started);
                    Assert.Equal(OrderStatus.Paid, attempt.Status);
                    paid.Add(attempt);
                }
                // Now and then refund someone's order — sometimes one that another terminal is refunding at the same moment.
                if (random.Next(5) < 2 && paid.ElementAtOrDefault(random.Next(Math.Max(1, paid.Count))) is { } victim)
                {
                    var (refunds, rdb) = h.Refunds();
                    await using (rdb)
                    {
                        if ((await refunds.RefundAsync(victim.OrderId)).IsSuccess) refundsAccepted.Add(victim.OrderId);
                    }
                }
            }
        })));

        await using var check = h.Database.NewContext();
        var ours = Enumerable.Range(11, terminals).Select(n => $"T0001-{n:D2}").ToList(); // terminals 11–18: this test's alone
        var orders = await check.Orders.AsNoTracking().IgnoreAutoIncludes().Where(o => ours.Contains(o.TerminalId)).ToListAsync();
        Assert.Equal(started, orders.Count); // no order lost
        Assert.Equal(orders.Count, orders.Select(o => o.TradeNo).Distinct().Count()); // no 交易号 twice
        Assert.True(started >= enough, $"only {started} payments in {hang.Elapsed}: the terminals hung");

        var ledger = h.Sandbox.Ledger().ToLookup(e => e.OutTradeNo);
        Assert.Equal(refundsAccepted.Count, refundsAccepted.Distinct().Count()); // one accepted refund per order
        foreach (var o in orders)
        {
            var moves = ledger[o.TradeNo.Value].ToList();
            Assert.Equal(1, moves.Count(m => m.Movement is Movement.Charge or Movement.InsuranceSettlement));
            var returned = moves.Count(m => m.Movement is Movement.Refund or Movement.InsuranceCancel or Movement.Reversal);
            Assert.Equal(o.Status == OrderStatus.Refunded ? 1 : 0, returned);
            Assert.Equal(refundsAccepted.Contains(o.Id), o.Status == OrderStatus.Refunded);
        }
    }

    [Fact]
    public async Task Two_instances_recovering_the_same_backlog_work_on_each_item_exactly_once()
    {
        var backlog = new List<AttemptView>();
        for (var i = 0; i < 24; i++)
        {
            var (checkout, db) = h.Checkout();
            await using (db)
            {
                var scanned = await checkout.ScanAsync(await h.SaleAsync("YP00202"), h.Code("slow", i % 2 == 0 ? Wallet.Alipay : Wallet.WeChat), null);
                backlog.Add(Assert.IsType<ScanResult.Started>(scanned).Attempt);
            }
        }
        h.Clock.Advance(TimeSpan.FromSeconds(90)); // past the 60 s and the grace: nobody is watching these any more

        var first = h.NewRecoveryInstance();
        var second = h.NewRecoveryInstance();
        var reports = await Task.WhenAll(Task.Run(() => first.RunOnceAsync()), Task.Run(() => second.RunOnceAsync()));

        var worked = reports.SelectMany(r => r.Worked).ToList();
        Assert.Equal(worked.Count, worked.Distinct().Count()); // nothing twice
        var missed = backlog.Select(b => b.OrderId).Except(worked).ToList();
        Assert.True(missed.Count == 0, // and every item of the backlog once
            $"not worked: {string.Join(",", missed)}; worked {string.Join(" | ", reports.Select(r => string.Join(",", r.Worked)))}");
        await using var check = h.Database.NewContext();
        var ids = backlog.Select(b => b.OrderId).ToList();
        Assert.All(await check.Orders.AsNoTracking().Where(o => ids.Contains(o.Id)).ToListAsync(), o => Assert.Equal(OrderStatus.Failed, o.Status));
        var tradeNos = backlog.Select(b => b.TradeNo.Value).ToList();
        var decisions = await check.Journal.Where(e => tradeNos.Contains(e.TradeNo) && e.Event == JournalEvents.CancelDecided).CountAsync();
        Assert.Equal(backlog.Count, decisions);
    }
}
