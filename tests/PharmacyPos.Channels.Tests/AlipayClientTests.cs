using System.Net;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Sandbox;
using PharmacyPos.Sandbox.Model;

namespace PharmacyPos.Channels.Tests;

[Collection(SandboxCollection.Name)]
public sealed class AlipayClientTests(SandboxFixture sandbox) : IDisposable
{
    private static ChannelPayment Payment(string tradeNo, string code, decimal yuan) => SandboxFixture.Payment(tradeNo, code, yuan);

    public void Dispose() => sandbox.Faults.Clear();

    [Fact]
    public async Task A_buyer_who_confirms_at_once_is_paid_and_the_ledger_shows_one_charge()
    {
        var tradeNo = SandboxFixture.NewTradeNo();
        var outcome = await sandbox.Alipay.PayAsync(Payment(tradeNo, sandbox.Code("t-auto", Wallet.Alipay), 38.30m));

        var paid = Assert.IsType<ChannelOutcome.Paid>(outcome);
        Assert.Equal(3830, paid.Amount.Fen);
        Assert.NotEmpty(paid.ChannelTradeId);
        var entry = Assert.Single(sandbox.LedgerFor(tradeNo));
        Assert.Equal((Movement.Charge, 3830L), (entry.Movement, entry.AmountFen));
    }

    [Fact]
    public async Task A_buyer_who_must_confirm_is_waiting_until_the_phone_confirms()
    {
        var tradeNo = SandboxFixture.NewTradeNo();
        Assert.IsType<ChannelOutcome.WaitingForBuyer>(await sandbox.Alipay.PayAsync(Payment(tradeNo, sandbox.Code("t-manual", Wallet.Alipay), 12m)));
        Assert.IsType<ChannelOutcome.WaitingForBuyer>(await sandbox.Alipay.QueryAsync(tradeNo));
        Assert.Empty(sandbox.LedgerFor(tradeNo));

        var confirm = await sandbox.Http.PostAsync($"/phone/t-manual/confirm?channel=alipay&outTradeNo={tradeNo}", null);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);

        Assert.IsType<ChannelOutcome.Paid>(await sandbox.Alipay.QueryAsync(tradeNo));
        Assert.Single(sandbox.LedgerFor(tradeNo));
    }

    [Fact]
    public async Task Cancelling_a_waiting_trade_closes_it_so_a_late_confirmation_charges_nothing()
    {
        var tradeNo = SandboxFixture.NewTradeNo();
        await sandbox.Alipay.PayAsync(Payment(tradeNo, sandbox.Code("t-manual", Wallet.Alipay), 12m));

        Assert.Equal(new CancelOutcome.Cancelled(MoneyReturned: false), await sandbox.Alipay.CancelAsync(tradeNo));
        var late = await sandbox.Http.PostAsync($"/phone/t-manual/confirm?channel=alipay&outTradeNo={tradeNo}", null);

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(ChannelFailure.TradeClosed, Assert.IsType<ChannelOutcome.Failed>(await sandbox.Alipay.QueryAsync(tradeNo)).Reason);
        Assert.Empty(sandbox.LedgerFor(tradeNo));
    }

    [Fact]
    public async Task Cancelling_a_paid_trade_returns_the_money()
    {
        var tradeNo = SandboxFixture.NewTradeNo();
        await sandbox.Alipay.PayAsync(Payment(tradeNo, sandbox.Code("t-auto", Wallet.Alipay), 5m));
        Assert.Equal(new CancelOutcome.Cancelled(MoneyReturned: true), await sandbox.Alipay.CancelAsync(tradeNo));
        Assert.Equal([Movement.Charge, Movement.Reversal], sandbox.LedgerFor(tradeNo).Select(e => e.Movement));
    }

    [Fact]
    public async Task Cancelling_before_the_payment_arrives_means_the_payment_can_never_be_taken()
    {
        var tradeNo = SandboxFixture.NewTradeNo();
        Assert.IsType<CancelOutcome.Cancelled>(await sandbox.Alipay.CancelAsync(tradeNo));
        var outcome = await sandbox.Alipay.PayAsync(Payment(tradeNo, sandbox.Code("t-auto", Wallet.Alipay), 5m));
        Assert.Equal(ChannelFailure.TradeClosed, Assert.IsType<ChannelOutcome.Failed>(outcome).Reason);
        Assert.Empty(sandbox.LedgerFor(tradeNo));
    }

    [Fact]
    public async Task A_wallet_too_poor_fails_with_balance_not_enough()
    {
        var outcome = await sandbox.Alipay.PayAsync(Payment(SandboxFixture.NewTradeNo(), sandbox.Code("t-poor", Wallet.Alipay), 50m));
        Assert.Equal(ChannelFailure.BalanceNotEnough, Assert.IsType<ChannelOutcome.Failed>(outcome).Reason);
    }

    [Fact]
    public async Task An_unknown_or_already_used_code_fails_as_invalid()
    {
        Assert.Equal(ChannelFailure.CodeInvalid, Assert.IsType<ChannelOutcome.Failed>(
            await sandbox.Alipay.PayAsync(Payment(SandboxFixture.NewTradeNo(), "281234567890123456", 1m))).Reason);

        var code = sandbox.Code("t-auto", Wallet.Alipay);
        await sandbox.Alipay.PayAsync(Payment(SandboxFixture.NewTradeNo(), code, 1m));
        Assert.Equal(ChannelFailure.CodeInvalid, Assert.IsType<ChannelOutcome.Failed>(
            await sandbox.Alipay.PayAsync(Payment(SandboxFixture.NewTradeNo(), code, 1m))).Reason);
    }

    [Fact]
    public async Task A_query_for_a_number_alipay_never_saw_says_trade_not_found() =>
        Assert.Equal(ChannelFailure.TradeNotFound, Assert.IsType<ChannelOutcome.Failed>(await sandbox.Alipay.QueryAsync(SandboxFixture.NewTradeNo())).Reason);

    [Fact]
    public async Task A_refund_sent_twice_under_one_refund_number_moves_money_once()
    {
        var tradeNo = SandboxFixture.NewTradeNo();
        await sandbox.Alipay.PayAsync(Payment(tradeNo, sandbox.Code("t-auto", Wallet.Alipay), 20m));
        var refund = new ChannelRefund(tradeNo, tradeNo + "R1", Money.FromYuan(20m), Money.FromYuan(20m), null);

        Assert.IsType<RefundOutcome.Refunded>(await sandbox.Alipay.RefundAsync(refund));
        Assert.IsType<RefundOutcome.Refunded>(await sandbox.Alipay.RefundAsync(refund));

        Assert.Equal(2000, Assert.IsType<RefundOutcome.Refunded>(await sandbox.Alipay.QueryRefundAsync(refund)).Amount.Fen);
        Assert.Single(sandbox.LedgerFor(tradeNo), e => e.Movement == Movement.Refund);
    }

    [Fact]
    public async Task A_refund_query_for_a_refund_never_made_says_not_found()
    {
        var tradeNo = SandboxFixture.NewTradeNo();
        await sandbox.Alipay.PayAsync(Payment(tradeNo, sandbox.Code("t-auto", Wallet.Alipay), 20m));
        Assert.IsType<RefundOutcome.NotFound>(await sandbox.Alipay.QueryRefundAsync(new ChannelRefund(tradeNo, tradeNo + "R9", Money.FromYuan(20m), Money.FromYuan(20m), null)));
    }

    [Theory]
    [InlineData(FaultKind.ServerError)]
    [InlineData(FaultKind.BadSignature)]
    [InlineData(FaultKind.Garbage)]
    [InlineData(FaultKind.LostResponse)]
    [InlineData(FaultKind.Timeout)]
    public async Task A_faulty_answer_is_an_unknown_outcome_and_the_query_tells_the_truth(FaultKind fault)
    {
        var tradeNo = SandboxFixture.NewTradeNo();
        sandbox.Faults.Add(new FaultRule("alipay", "pay", fault));

        // The timeout fault sits on the request for 5 s; only this client gives up (after 1 s), so no pause of the machine decides the outcome.
        var client = fault == FaultKind.Timeout ? sandbox.ImpatientAlipay : sandbox.Alipay;
        var outcome = await client.PayAsync(Payment(tradeNo, sandbox.Code("t-auto", Wallet.Alipay), 9.9m));

        Assert.IsType<ChannelOutcome.Unknown>(outcome);
        if (fault == FaultKind.Timeout)
        {
            // The gateway finishes what it sat on: wait for its ledger entry, however long a busy machine takes.
            for (var waited = 0; sandbox.LedgerFor(tradeNo).Count == 0 && waited < 600; waited++) await Task.Delay(100);
        }
        var truth = await sandbox.Alipay.QueryAsync(tradeNo);
        if (fault == FaultKind.ServerError)
        {
            Assert.Equal(ChannelFailure.TradeNotFound, Assert.IsType<ChannelOutcome.Failed>(truth).Reason);
            Assert.Empty(sandbox.LedgerFor(tradeNo));
        }
        else
        {
            Assert.IsType<ChannelOutcome.Paid>(truth);
            Assert.Single(sandbox.LedgerFor(tradeNo));
        }
    }

    [Fact]
    public async Task The_gateway_refuses_an_unsigned_request_with_alipays_own_error_code()
    {
        var response = await sandbox.Http.PostAsync("/gateway.do", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["app_id"] = sandbox.Options.AlipayAppId, ["method"] = "alipay.trade.pay", ["biz_content"] = "{}",
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"code\":\"40002\"", body);
        Assert.Contains("isv.invalid-signature", body);
    }
}
