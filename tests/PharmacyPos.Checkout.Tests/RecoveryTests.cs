using Microsoft.EntityFrameworkCore;
using PharmacyPos.Checkout.Mobile;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Sandbox;
using PharmacyPos.Sandbox.Model;
using RefundStatus = PharmacyPos.Domain.Refunds.RefundStatus;

namespace PharmacyPos.Checkout.Tests;

/// <summary>Payments nobody is watching any more — the till was closed, the answer was lost — still end final.</summary>
public sealed class RecoveryTests(MobileHarness h) : IClassFixture<MobileHarness>, IDisposable
{
    public void Dispose() => h.Faults.Clear();

    private async Task<AttemptView> StartAsync(string customer, Wallet wallet, string drug)
    {
        var (checkout, db) = h.Checkout();
        await using (db) return Assert.IsType<ScanResult.Started>(await checkout.ScanAsync(await h.SaleAsync(drug), h.Code(customer, wallet), null)).Attempt;
    }

    private async Task<Order> OrderAsync(long id)
    {
        await using var db = h.Database.NewContext();
        return await db.Orders.AsNoTracking().SingleAsync(o => o.Id == id);
    }

    private async Task<string> JournalAsync(string tradeNo)
    {
        await using var db = h.Database.NewContext();
        return string.Join("\n", await db.Journal.AsNoTracking().Where(e => e.TradeNo == tradeNo).OrderBy(e => e.Id)
            .Select(e => e.At + " " + e.Event + " " + e.Status + " " + e.Detail).ToListAsync());
    }

    [Fact]
    public async Task A_channel_that_keeps_failing_is_asked_less_and_less_often_and_settled_once_it_answers()
    {
        var attempt = await StartAsync("slow", Wallet.Alipay, "YP00202");
        h.Faults.Add(new FaultRule("alipay", "*", FaultKind.ServerError, Times: -1));
        h.Clock.Advance(TimeSpan.FromSeconds(75));

        var asked = 0;
        for (var pass = 0; pass < 10; pass++) // ten passes, 15 s apart
        {
            if ((await h.Recovery.RunOnceAsync()).Worked.Contains(attempt.OrderId)) asked++;
            h.Clock.Advance(TimeSpan.FromSeconds(15));
        }
        Assert.Equal(4, asked); // at 0, 15, 30 and 75 s; then it rests until 180 s
        Assert.Equal(OrderStatus.Pending, (await OrderAsync(attempt.OrderId)).Status);

        h.Faults.Clear();
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.Recovery.RunOnceAsync();
        Assert.Equal(OrderStatus.Failed, (await OrderAsync(attempt.OrderId)).Status);
        Assert.Empty(h.Ledger(attempt.TradeNo.Value));
    }

    [Fact]
    public async Task An_abandoned_wait_is_cancelled_by_recovery_so_a_late_confirmation_cannot_charge()
    {
        var attempt = await StartAsync("slow", Wallet.Alipay, "YP00202");

        // Inside the window plus grace the till still owns it.
        h.Clock.Advance(TimeSpan.FromSeconds(65));
        await h.Recovery.RunOnceAsync();
        Assert.Equal(OrderStatus.Pending, (await OrderAsync(attempt.OrderId)).Status);

        h.Clock.Advance(TimeSpan.FromSeconds(10));
        var report = await h.Recovery.RunOnceAsync();

        Assert.True(report.OrdersFinished >= 1);
        var order = await OrderAsync(attempt.OrderId);
        Assert.Equal((OrderStatus.Failed, "NOT_CONFIRMED_IN_TIME"), (order.Status, order.FailureCode));
        Assert.True(order.SettledUnattended); // the terminal's next cashier is told
        Assert.False(h.Sandbox.Confirm(Channel.Alipay, attempt.TradeNo.Value));
        Assert.Empty(h.Ledger(attempt.TradeNo.Value));
    }

    [Fact]
    public async Task A_payment_the_buyer_confirmed_after_the_till_went_away_is_recorded_as_paid()
    {
        var attempt = await StartAsync("slow", Wallet.WeChat, "YP00202");
        Assert.True(h.Sandbox.Confirm(Channel.WeChat, attempt.TradeNo.Value));
        h.Clock.Advance(TimeSpan.FromSeconds(75));

        var report = await h.Recovery.RunOnceAsync();

        var order = await OrderAsync(attempt.OrderId);
        Assert.True(order.Status == OrderStatus.Paid, $"order {order.Id} is {order.Status}; recovery {report}, worked [{string.Join(",", report.Worked)}]; journal:\n{await JournalAsync(attempt.TradeNo.Value)}");
        Assert.True(order.SettledUnattended);
        Assert.Equal(Movement.Charge, Assert.Single(h.Ledger(attempt.TradeNo.Value)).Movement);
    }

    [Fact]
    public async Task A_refund_whose_answer_was_lost_is_finished_by_recovery()
    {
        var paid = await StartAsync("unbound", Wallet.Alipay, "YP00001");
        h.Faults.Add(new FaultRule("alipay", "refund", FaultKind.LostResponse));
        var (refunds, db) = h.Refunds();
        await using (db) Assert.Equal(RefundStatus.Requested, (await refunds.RefundAsync(paid.OrderId)).Value.Status);

        h.Clock.Advance(TimeSpan.FromSeconds(11));
        await h.Recovery.RunOnceAsync();

        Assert.Equal(OrderStatus.Refunded, (await OrderAsync(paid.OrderId)).Status);
        Assert.Single(h.Ledger(paid.TradeNo.Value), e => e.Movement == Movement.Refund);
    }

    [Fact]
    public async Task The_till_and_recovery_acting_on_one_order_at_once_leave_one_consistent_outcome()
    {
        var attempt = await StartAsync("slow", Wallet.Alipay, "YP00202");
        h.Clock.Advance(TimeSpan.FromSeconds(80));

        var tills = Enumerable.Range(0, 3).Select(async _ =>
        {
            var (checkout, db) = h.Checkout();
            await using (db) await checkout.PollAsync(attempt.OrderId);
        });
        await Task.WhenAll([.. tills, h.Recovery.RunOnceAsync()]);

        Assert.Equal(OrderStatus.Failed, (await OrderAsync(attempt.OrderId)).Status);
        Assert.Empty(h.Ledger(attempt.TradeNo.Value));
    }
}
