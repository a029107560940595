using PharmacyPos.Domain.Journal;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Domain.Refunds;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Settlement;

namespace PharmacyPos.Domain.Tests;

public sealed class JournalTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);
    private static readonly PosError Reason = new("X", "x");

    private static Order Pending()
    {
        var sale = new Sale();
        sale.Add(Drugs.Unmapped());
        var route = SettlementRoute.WithoutAskingPlatform(sale, PaymentCode.Classify("280000000000000000").Value)!;
        return Order.StartPayment(TradeNo.New(T0, 1, 1, new Random(1)), 1, "T1", T0, sale, route, TimeSpan.FromSeconds(60));
    }

    /// <summary>An order brought to each status by legal moves only.</summary>
    private static Order In(OrderStatus status)
    {
        var o = Pending();
        switch (status)
        {
            case OrderStatus.Paid: o.MarkPaid("C1", T0); break;
            case OrderStatus.Failed: o.MarkFailed(Reason, T0); break;
            case OrderStatus.Refunding: o.MarkPaid("C1", T0); o.StartRefund(T0); break;
            case OrderStatus.Refunded: o.MarkPaid("C1", T0); o.StartRefund(T0); o.CompleteRefund(T0); break;
        }
        Assert.Equal(status, o.Status);
        return o;
    }

    public static TheoryData<OrderStatus> Statuses() => [.. Enum.GetValues<OrderStatus>()];

    private static readonly (OrderStatus From, OrderStatus To, Action<Order> Do)[] Operations =
    [
        (OrderStatus.Pending, OrderStatus.Paid, o => o.MarkPaid("C2", T0)),
        (OrderStatus.Pending, OrderStatus.Failed, o => o.MarkFailed(Reason, T0)),
        (OrderStatus.Paid, OrderStatus.Refunding, o => o.StartRefund(T0)),
        (OrderStatus.Refunding, OrderStatus.Refunded, o => o.CompleteRefund(T0)),
        (OrderStatus.Refunding, OrderStatus.Paid, o => o.RefundRefused(T0)),
    ];

    [Fact]
    public void The_order_operations_cover_exactly_the_legal_moves()
    {
        var legal = Enum.GetValues<OrderStatus>().SelectMany(f => Enum.GetValues<OrderStatus>().Select(t => (f, t)))
            .Where(p => OrderStatusMachine.CanMove(p.f, p.t));
        Assert.Equal(legal.Order(), Operations.Select(o => (o.From, o.To)).Order());
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Every_order_operation_succeeds_from_its_own_state_and_throws_from_every_other(OrderStatus from)
    {
        foreach (var operation in Operations)
        {
            var order = In(from);
            var before = order.UnsavedJournal.Count;
            var error = Record.Exception(() => operation.Do(order));
            if (from == operation.From)
            {
                Assert.Null(error);
                Assert.Equal(operation.To, order.Status);
                Assert.Equal(before + 1, order.UnsavedJournal.Count);
                Assert.Equal(operation.To.ToString(), order.UnsavedJournal[^1].Status);
            }
            else
            {
                Assert.IsType<InvalidOperationException>(error);
                Assert.Equal(from, order.Status);
                Assert.Equal(before, order.UnsavedJournal.Count);
            }
        }
    }

    [Fact]
    public void Every_refund_status_move_outside_the_machine_is_refused()
    {
        var all = Enum.GetValues<RefundStatus>();
        var legal = all.SelectMany(f => all.Select(t => (f, t))).Where(p => RefundStatusMachine.CanMove(p.f, p.t)).ToList();
        Assert.Equal([(RefundStatus.Requested, RefundStatus.Refunded), (RefundStatus.Requested, RefundStatus.Failed), (RefundStatus.Failed, RefundStatus.Requested)], legal);
    }

    [Fact]
    public void A_completed_refund_can_neither_fail_nor_be_asked_again()
    {
        var refund = Refund.For(In(OrderStatus.Refunding), T0);
        refund.Complete(T0);
        Assert.Throws<InvalidOperationException>(() => refund.Fail("x", T0));
        Assert.Throws<InvalidOperationException>(() => refund.Retry(T0));
        Assert.Equal([JournalEvents.RefundRequested, JournalEvents.RefundCompleted], refund.UnsavedJournal.Select(e => e.Event));
    }

    [Fact]
    public void A_timed_out_payment_journals_written_answered_cancel_decided_and_failed_in_that_order()
    {
        var order = Pending();
        order.RecordAnswer("pay", "WaitingForBuyer", T0);
        order.RequestCancel(Reason, T0.AddSeconds(60));
        order.RequestCancel(Reason, T0.AddSeconds(62)); // deciding twice is one decision
        order.MarkFailed(Reason, T0.AddSeconds(63));
        order.RecordAnswer("query", "late", T0.AddSeconds(64)); // nothing is journalled after the end

        Assert.Equal([JournalEvents.OrderWritten, JournalEvents.PaymentAnswered, JournalEvents.CancelDecided, JournalEvents.OrderFailed], order.UnsavedJournal.Select(e => e.Event));
        Assert.Equal(["Pending", "Pending", "Pending", "Failed"], order.UnsavedJournal.Select(e => e.Status));
        order.JournalSaved();
        Assert.Empty(order.UnsavedJournal);
    }

    /// <summary>The journal is shown to a manager on 订单查询 and copied into the audit log: Chinese, Beijing time, ¥0.00, no error codes.</summary>
    [Fact]
    public void Every_journal_text_a_person_reads_is_chinese_with_beijing_times_and_yuan_amounts()
    {
        var failed = Pending();
        failed.RequestCancel(PaymentErrors.BalanceNotEnough, T0);
        failed.MarkFailed(PaymentErrors.BalanceNotEnough, T0);
        var paid = In(OrderStatus.Paid);
        var sale = new Sale();
        sale.Add(Drugs.Unmapped());
        var cash = Order.PaidInCash(TradeNo.New(T0, 1, 2, new Random(2)), 1, "T1", T0, sale, CashTender.From(sale.Total, "50").Value);
        var refund = Refund.For(paid, T0, approvedBy: "店长甲");
        refund.Sent(T0);
        refund.Fail("余额不足", T0);
        refund.Retry(T0, "店长甲");

        var texts = failed.UnsavedJournal.Concat(paid.UnsavedJournal).Concat(cash.UnsavedJournal).Concat(refund.UnsavedJournal)
            .Select(e => e.Detail).OfType<string>().ToList();
        Assert.Contains(texts, t => t.Contains("须在 2026-11-29 10:01:00 前确认")); // 02:00 UTC + 60 s, in Beijing time
        Assert.Contains(texts, t => t.StartsWith("实收 ¥50.00，找零 ¥", StringComparison.Ordinal));
        Assert.Contains(PaymentErrors.BalanceNotEnough.Message, texts);
        Assert.Contains(texts, t => t.EndsWith("，批准人 店长甲", StringComparison.Ordinal));
        foreach (var text in texts)
        {
            Assert.DoesNotMatch("[A-Za-z]{3,}", text.Replace(paid.TradeNo.Value, "").Replace("R1", ""));
            Assert.DoesNotContain("BALANCE_NOT_ENOUGH", text);
        }
    }
}
