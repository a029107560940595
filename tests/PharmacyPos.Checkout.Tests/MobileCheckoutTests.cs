using Microsoft.EntityFrameworkCore;
using PharmacyPos.Checkout.Mobile;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Domain.Registration;
using PharmacyPos.Sandbox;
using PharmacyPos.Sandbox.Model;

namespace PharmacyPos.Checkout.Tests;

public sealed class MobileCheckoutTests(MobileHarness h) : IClassFixture<MobileHarness>, IDisposable
{
    private static readonly PurchaseRegistration.Form GoodForm = new("王小明", "11010519491231002X", "13800138000", "子女");

    public void Dispose() => h.Faults.Clear();

    private async Task<ScanResult> ScanAsync(PharmacyPos.Domain.Sales.Sale sale, string code, PurchaseRegistration.Form? form = null)
    {
        var (checkout, db) = h.Checkout();
        await using (db) return await checkout.ScanAsync(sale, code, form);
    }

    /// <summary>A 2102 whose answer is lost and a 2601 that meets <paramref name="reversal"/>: the attempt is left pending.</summary>
    private async Task<AttemptView> SettlementLostAsync(FaultKind reversal, string customer)
    {
        h.Faults.Add(new FaultRule("insurance", Channels.Insurance.Infno.Settle, FaultKind.LostResponse));
        h.Faults.Add(new FaultRule("insurance", Channels.Insurance.Infno.Reverse, reversal));
        var attempt = Assert.IsType<ScanResult.Started>(await ScanAsync(await h.SaleAsync("YP00001"), h.Code(customer, Wallet.Alipay))).Attempt;
        Assert.Equal(OrderStatus.Pending, attempt.Status);
        return attempt;
    }

    /// <summary>What the insurance platform kept for the order: settled less reversed, in fen.</summary>
    private long NetSettledFen(AttemptView attempt) =>
        h.Ledger(attempt.TradeNo.Value).Sum(e => e.Movement == Movement.InsuranceSettlement ? e.AmountFen : -e.AmountFen);

    private async Task<AttemptView> PollAsync(long orderId)
    {
        var (checkout, db) = h.Checkout();
        await using (db) return await checkout.PollAsync(orderId);
    }

    [Fact]
    public async Task An_insurance_payment_asks_the_platform_who_the_person_is_once()
    {
        // A zero-delay "fault" that only counts: each 1101 the sandbox answers uses one of the 10.
        h.Faults.Add(new FaultRule("insurance", "1101", FaultKind.Latency, DelayMs: 0, Times: 10));
        var paid = Assert.IsType<ScanResult.Started>(await ScanAsync(await h.SaleAsync("YP00001"), h.Code("rich-bound", Wallet.Alipay))).Attempt;
        Assert.Equal((PaymentMethod.InsuranceAccount, OrderStatus.Paid), (paid.Method, paid.Status));
        Assert.Equal(9, Assert.Single(h.Faults.Rules()).Times);
    }

    [Fact]
    public async Task A_bound_customer_with_enough_balance_pays_from_the_insurance_account()
    {
        var result = await ScanAsync(await h.SaleAsync("YP00001", "YP00004"), h.Code("rich-bound", Wallet.Alipay));

        var attempt = Assert.IsType<ScanResult.Started>(result).Attempt;
        Assert.Equal((PaymentMethod.InsuranceAccount, OrderStatus.Paid), (attempt.Method, attempt.Status));
        Assert.Contains("医保个人账户支付", attempt.RouteExplanation);
        Assert.Equal(Movement.InsuranceSettlement, Assert.Single(h.Ledger(attempt.TradeNo.Value)).Movement);
    }

    [Fact]
    public async Task A_short_personal_account_sends_the_full_amount_to_alipay()
    {
        var sale = await h.SaleAsync("YP00001", "YP00004");
        var attempt = Assert.IsType<ScanResult.Started>(await ScanAsync(sale, h.Code("poor-bound", Wallet.Alipay))).Attempt;

        Assert.Equal((PaymentMethod.Alipay, OrderStatus.Paid), (attempt.Method, attempt.Status));
        var charge = Assert.Single(h.Ledger(attempt.TradeNo.Value));
        Assert.Equal((Channel.Alipay, sale.Total.Fen), (charge.Channel, charge.AmountFen));
        Assert.Contains("不足", attempt.RouteExplanation);
    }

    [Fact]
    public async Task An_unmapped_drug_sends_everything_to_wechat_even_for_a_rich_bound_customer()
    {
        var sale = await h.SaleAsync("YP00001", "YP00202");
        var attempt = Assert.IsType<ScanResult.Started>(await ScanAsync(sale, h.Code("rich-bound", Wallet.WeChat))).Attempt;

        Assert.Equal(PaymentMethod.WeChatPay, attempt.Method);
        Assert.Contains("金银花露（未对码）", attempt.RouteExplanation);
        Assert.Equal((Channel.WeChat, sale.Total.Fen), (h.Ledger(attempt.TradeNo.Value).Single().Channel, h.Ledger(attempt.TradeNo.Value).Single().AmountFen));
    }

    [Fact]
    public async Task A_code_without_a_bound_card_pays_by_wallet_and_calls_for_script_A()
    {
        var attempt = Assert.IsType<ScanResult.Started>(await ScanAsync(await h.SaleAsync("YP00001"), h.Code("unbound", Wallet.Alipay))).Attempt;
        Assert.Equal(PaymentMethod.Alipay, attempt.Method);
        Assert.True(attempt.ScriptA);
    }

    [Theory]
    [InlineData("28123", "CODE_INCOMPLETE")]
    [InlineData("2812345678901234AB", "CODE_INCOMPLETE")]
    [InlineData("", "NOTHING_SCANNED")]
    [InlineData("6222021234567890123", "CODE_OF_NO_WALLET")]
    public async Task A_scan_that_is_no_payment_code_is_refused_for_what_it_is_and_no_order_is_written(string scanned, string code)
    {
        await using var db = h.Database.NewContext();
        var before = await db.Orders.CountAsync();
        var refused = Assert.IsType<ScanResult.Refused>(await ScanAsync(await h.SaleAsync("YP00001"), scanned));
        Assert.Equal(code, refused.Error.Code);
        Assert.Equal(before, await db.Orders.CountAsync());
    }

    [Fact]
    public async Task At_the_threshold_an_insurance_payment_waits_for_a_complete_registration()
    {
        var sale = await h.SaleOfAsync(200m);
        var code = h.Code("rich-bound", Wallet.Alipay);

        var needs = Assert.IsType<ScanResult.NeedsRegistration>(await ScanAsync(sale, code));
        Assert.Equal("参保人P1", needs.Route.Insured!.InsuredName);
        Assert.DoesNotContain(h.Sandbox.Ledger(), e => e.CustomerId == "rich-bound" && e.AmountFen == 20000);

        var incomplete = Assert.IsType<ScanResult.NeedsRegistration>(await ScanAsync(sale, code, GoodForm with { PurchaserId = "110105194912310021" }));
        Assert.Contains("PurchaserId", incomplete.Errors.Keys);

        var attempt = Assert.IsType<ScanResult.Started>(await ScanAsync(sale, code, GoodForm)).Attempt;
        Assert.Equal(OrderStatus.Paid, attempt.Status);
        await using var db = h.Database.NewContext();
        var registration = await db.Registrations.SingleAsync(r => r.TradeNo == attempt.TradeNo);
        Assert.Equal(("王小明", "子女", "参保人P1"), (registration.PurchaserName, registration.Relation, registration.InsuredName));
    }

    [Fact]
    public async Task One_fen_below_the_threshold_needs_no_registration() =>
        Assert.IsType<ScanResult.Started>(await ScanAsync(await h.SaleOfAsync(199.99m), h.Code("rich-bound", Wallet.Alipay)));

    [Fact]
    public async Task A_wallet_payment_above_the_threshold_needs_no_registration()
    {
        var attempt = Assert.IsType<ScanResult.Started>(await ScanAsync(await h.SaleOfAsync(500m), h.Code("unbound", Wallet.Alipay))).Attempt;
        Assert.Equal(PaymentMethod.Alipay, attempt.Method);
    }

    [Fact]
    public async Task A_buyer_who_has_not_confirmed_after_60_seconds_fails_and_is_never_charged()
    {
        var attempt = Assert.IsType<ScanResult.Started>(await ScanAsync(await h.SaleAsync("YP00001"), h.Code("slow", Wallet.Alipay))).Attempt;
        Assert.Equal(OrderStatus.Pending, attempt.Status);
        Assert.Equal(h.Clock.GetUtcNow().AddSeconds(60), attempt.Deadline);

        h.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(OrderStatus.Pending, (await PollAsync(attempt.OrderId)).Status);

        h.Clock.Advance(TimeSpan.FromSeconds(1));
        var failed = await PollAsync(attempt.OrderId);

        Assert.Equal(OrderStatus.Failed, failed.Status);
        Assert.Equal("NOT_CONFIRMED_IN_TIME", failed.Failure!.Code);
        Assert.Contains("60秒内", failed.Failure.Message);
        // The late confirmation cannot charge: the channel order was cancelled.
        Assert.False(h.Sandbox.Confirm(Channel.Insurance, attempt.TradeNo.Value));
        Assert.Empty(h.Ledger(attempt.TradeNo.Value));
    }

    [Fact]
    public async Task A_buyer_who_confirms_within_the_window_is_paid_at_the_next_poll()
    {
        var attempt = Assert.IsType<ScanResult.Started>(await ScanAsync(await h.SaleAsync("YP00202"), h.Code("slow", Wallet.WeChat))).Attempt;
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(h.Sandbox.Confirm(Channel.WeChat, attempt.TradeNo.Value));

        Assert.Equal(OrderStatus.Paid, (await PollAsync(attempt.OrderId)).Status);
    }

    [Fact]
    public async Task A_scan_after_a_failed_attempt_starts_a_new_order_for_the_same_sale()
    {
        var sale = await h.SaleAsync("YP00001");
        var first = Assert.IsType<ScanResult.Started>(await ScanAsync(sale, h.Code("slow", Wallet.Alipay))).Attempt;
        h.Clock.Advance(TimeSpan.FromSeconds(61));
        await PollAsync(first.OrderId);

        var second = Assert.IsType<ScanResult.Started>(await ScanAsync(sale, h.Code("rich-bound", Wallet.Alipay))).Attempt;
        Assert.NotEqual(first.TradeNo, second.TradeNo);
        Assert.Equal(OrderStatus.Paid, second.Status);
    }

    [Fact]
    public async Task The_order_is_written_before_the_channel_call_so_a_lost_answer_is_recovered_by_query()
    {
        h.Faults.Add(new FaultRule("alipay", "pay", FaultKind.LostResponse));
        var attempt = Assert.IsType<ScanResult.Started>(await ScanAsync(await h.SaleAsync("YP00202"), h.Code("rich-bound", Wallet.Alipay))).Attempt;

        Assert.Equal(OrderStatus.Pending, attempt.Status);
        Assert.Equal(OrderStatus.Paid, (await PollAsync(attempt.OrderId)).Status);
        Assert.Single(h.Ledger(attempt.TradeNo.Value));
    }

    [Fact]
    public async Task An_insurance_settlement_whose_answer_is_lost_is_reversed_by_2601_and_the_cashier_is_told_nothing_was_charged()
    {
        h.Faults.Add(new FaultRule("insurance", Channels.Insurance.Infno.Settle, FaultKind.LostResponse));

        var attempt = Assert.IsType<ScanResult.Started>(await ScanAsync(await h.SaleAsync("YP00001"), h.Code("rich-bound", Wallet.Alipay))).Attempt;

        Assert.Equal((PaymentMethod.InsuranceAccount, OrderStatus.Failed), (attempt.Method, attempt.Status));
        Assert.Equal("SETTLEMENT_REVERSED", attempt.Failure!.Code);
        Assert.Contains("未扣款", attempt.Failure.Message);
        Assert.Equal(0, NetSettledFen(attempt));
    }

    [Fact]
    public async Task A_settlement_being_withdrawn_is_never_taken_for_paid_by_a_later_query()
    {
        // The 2102 is settled but its answer lost; the 2601 fails before the platform does anything, so the
        // platform still says "settled". The till decided to withdraw: the next poll withdraws again, it does not ask.
        var attempt = await SettlementLostAsync(reversal: FaultKind.ServerError, "rich-bound");
        Assert.True(attempt.Cancelling);
        h.Faults.Clear();

        var after = await PollAsync(attempt.OrderId);

        Assert.Equal(OrderStatus.Failed, after.Status);
        Assert.Equal("SETTLEMENT_REVERSED", after.Failure!.Code);
        Assert.Equal(0, NetSettledFen(attempt));
    }

    [Fact]
    public async Task When_the_2601_is_lost_too_the_wait_withdraws_the_settlement_by_2601_at_60_seconds()
    {
        var attempt = await SettlementLostAsync(reversal: FaultKind.LostResponse, "slow");

        h.Clock.Advance(TimeSpan.FromSeconds(60));
        var failed = await PollAsync(attempt.OrderId);

        Assert.Equal(OrderStatus.Failed, failed.Status);
        Assert.Equal(TradeStatus.Revoked, h.Sandbox.Find(Channel.Insurance, attempt.TradeNo.Value)!.Status);
        Assert.False(h.Sandbox.Confirm(Channel.Insurance, attempt.TradeNo.Value));
        Assert.Empty(h.Ledger(attempt.TradeNo.Value));
    }

    [Fact]
    public async Task Abandoning_an_attempt_cancels_it_at_the_channel()
    {
        var attempt = Assert.IsType<ScanResult.Started>(await ScanAsync(await h.SaleAsync("YP00202"), h.Code("slow", Wallet.Alipay))).Attempt;
        var (checkout, db) = h.Checkout();
        await using (db)
        {
            var abandoned = await checkout.AbandonAsync(attempt.OrderId);
            Assert.Equal("CASHIER_ABANDONED", abandoned.Failure!.Code);
        }
        Assert.False(h.Sandbox.Confirm(Channel.Alipay, attempt.TradeNo.Value));
        Assert.Empty(h.Ledger(attempt.TradeNo.Value));
    }

    [Fact]
    public async Task A_cancel_that_is_not_answered_is_sent_again_with_the_same_trade_no()
    {
        var attempt = Assert.IsType<ScanResult.Started>(await ScanAsync(await h.SaleAsync("YP00202"), h.Code("slow", Wallet.WeChat))).Attempt;
        h.Faults.Add(new FaultRule("wechat", "cancel", FaultKind.ServerError));
        h.Clock.Advance(TimeSpan.FromSeconds(60));

        var first = await PollAsync(attempt.OrderId);
        Assert.Equal(OrderStatus.Pending, first.Status);
        Assert.True(first.Cancelling);

        Assert.Equal(OrderStatus.Failed, (await PollAsync(attempt.OrderId)).Status);
        Assert.Empty(h.Ledger(attempt.TradeNo.Value));
    }

    [Fact]
    public async Task A_channel_that_never_answers_is_shown_as_silent_and_the_failure_names_the_channel_not_the_customer()
    {
        h.Faults.Add(new FaultRule("alipay", "*", FaultKind.ServerError, Times: -1));
        var attempt = Assert.IsType<ScanResult.Started>(await ScanAsync(await h.SaleAsync("YP00202"), h.Code("slow", Wallet.Alipay))).Attempt;
        Assert.True(attempt.ChannelSilent);
        Assert.True((await PollAsync(attempt.OrderId)).ChannelSilent);

        h.Clock.Advance(TimeSpan.FromSeconds(60));
        var cancelling = await PollAsync(attempt.OrderId);
        Assert.True(cancelling.Cancelling);
        Assert.True(cancelling.ChannelSilent);

        h.Faults.Clear();
        var failed = await PollAsync(attempt.OrderId);
        Assert.Equal(OrderStatus.Failed, failed.Status);
        Assert.False(failed.ChannelSilent);
        Assert.Equal("CHANNEL_NO_ANSWER", failed.Failure!.Code);
        Assert.Contains("未扣款", failed.Failure.Message);
        Assert.Empty(h.Ledger(attempt.TradeNo.Value));
    }

    [Fact]
    public async Task A_channel_that_answers_is_not_shown_as_silent()
    {
        var attempt = Assert.IsType<ScanResult.Started>(await ScanAsync(await h.SaleAsync("YP00202"), h.Code("slow", Wallet.Alipay))).Attempt;
        Assert.False(attempt.ChannelSilent);
        Assert.False((await PollAsync(attempt.OrderId)).ChannelSilent);
    }

    [Fact]
    public async Task A_wechat_micropay_whose_answer_says_only_that_the_call_failed_ends_paid_when_the_trade_was_paid()
    {
        h.Faults.Add(new FaultRule("wechat", "pay", FaultKind.CommunicationFailure));
        var attempt = Assert.IsType<ScanResult.Started>(await ScanAsync(await h.SaleAsync("YP00202"), h.Code("rich-bound", Wallet.WeChat))).Attempt;
        Assert.Equal(OrderStatus.Pending, attempt.Status); // not failed: return_code=FAIL is not the trade's result

        Assert.Equal(OrderStatus.Paid, (await PollAsync(attempt.OrderId)).Status);
        Assert.Equal(Movement.Charge, Assert.Single(h.Ledger(attempt.TradeNo.Value)).Movement);
    }
}
