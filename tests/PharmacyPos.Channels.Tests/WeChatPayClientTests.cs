using System.Net;
using System.Text;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Sandbox;
using PharmacyPos.Sandbox.Model;

namespace PharmacyPos.Channels.Tests;

[Collection(SandboxCollection.Name)]
public sealed class WeChatPayClientTests(SandboxFixture sandbox) : IDisposable
{
    private static ChannelPayment Payment(string tradeNo, string code, decimal yuan) => SandboxFixture.Payment(tradeNo, code, yuan);

    public void Dispose() => sandbox.Faults.Clear();

    [Fact]
    public async Task Micropay_by_a_buyer_who_confirms_at_once_is_paid()
    {
        var tradeNo = SandboxFixture.NewTradeNo();
        var paid = Assert.IsType<ChannelOutcome.Paid>(await sandbox.WeChat.PayAsync(Payment(tradeNo, sandbox.Code("t-auto", Wallet.WeChat), 66.6m)));
        Assert.Equal(6660, paid.Amount.Fen);
        Assert.StartsWith("4200", paid.ChannelTradeId);
        Assert.Single(sandbox.LedgerFor(tradeNo));
    }

    [Fact]
    public async Task A_micropay_answered_return_code_FAIL_that_in_fact_paid_is_unknown_and_the_query_finds_it_paid()
    {
        var tradeNo = SandboxFixture.NewTradeNo();
        sandbox.Faults.Add(new FaultRule("wechat", "pay", FaultKind.CommunicationFailure));

        var unknown = Assert.IsType<ChannelOutcome.Unknown>(await sandbox.WeChat.PayAsync(Payment(tradeNo, sandbox.Code("t-auto", Wallet.WeChat), 12.3m)));
        Assert.Contains("return_code FAIL", unknown.Reason);

        Assert.Equal(1230, Assert.IsType<ChannelOutcome.Paid>(await sandbox.WeChat.QueryAsync(tradeNo)).Amount.Fen);
        Assert.Single(sandbox.LedgerFor(tradeNo));
    }

    [Fact]
    public async Task Userpaying_waits_and_reverse_closes_the_order_without_a_charge()
    {
        var tradeNo = SandboxFixture.NewTradeNo();
        Assert.IsType<ChannelOutcome.WaitingForBuyer>(await sandbox.WeChat.PayAsync(Payment(tradeNo, sandbox.Code("t-manual", Wallet.WeChat), 10m)));
        Assert.IsType<ChannelOutcome.WaitingForBuyer>(await sandbox.WeChat.QueryAsync(tradeNo));

        Assert.IsType<CancelOutcome.Cancelled>(await sandbox.WeChat.CancelAsync(tradeNo));

        Assert.Equal(ChannelFailure.TradeClosed, Assert.IsType<ChannelOutcome.Failed>(await sandbox.WeChat.QueryAsync(tradeNo)).Reason);
        Assert.Empty(sandbox.LedgerFor(tradeNo));
    }

    [Fact]
    public async Task A_buyer_who_cancels_on_the_phone_shows_as_closed()
    {
        var tradeNo = SandboxFixture.NewTradeNo();
        await sandbox.WeChat.PayAsync(Payment(tradeNo, sandbox.Code("t-manual", Wallet.WeChat), 10m));
        await sandbox.Http.PostAsync($"/phone/t-manual/cancel?channel=wechat&outTradeNo={tradeNo}", null);
        Assert.Equal(ChannelFailure.TradeClosed, Assert.IsType<ChannelOutcome.Failed>(await sandbox.WeChat.QueryAsync(tradeNo)).Reason);
    }

    [Fact]
    public async Task Notenough_is_balance_not_enough() =>
        Assert.Equal(ChannelFailure.BalanceNotEnough, Assert.IsType<ChannelOutcome.Failed>(
            await sandbox.WeChat.PayAsync(Payment(SandboxFixture.NewTradeNo(), sandbox.Code("t-poor", Wallet.WeChat), 99m))).Reason);

    [Fact]
    public async Task An_alipay_code_sent_to_wechat_is_invalid() =>
        Assert.Equal(ChannelFailure.CodeInvalid, Assert.IsType<ChannelOutcome.Failed>(
            await sandbox.WeChat.PayAsync(Payment(SandboxFixture.NewTradeNo(), sandbox.Code("t-auto", Wallet.Alipay), 1m))).Reason);

    [Fact]
    public async Task A_refund_twice_under_one_out_refund_no_is_one_refund_and_refundquery_reports_it()
    {
        var tradeNo = SandboxFixture.NewTradeNo();
        await sandbox.WeChat.PayAsync(Payment(tradeNo, sandbox.Code("t-auto", Wallet.WeChat), 30m));
        var refund = new ChannelRefund(tradeNo, tradeNo + "R1", Money.FromYuan(30m), Money.FromYuan(30m), null);
        Assert.IsType<RefundOutcome.NotFound>(await sandbox.WeChat.QueryRefundAsync(refund));

        Assert.IsType<RefundOutcome.Refunded>(await sandbox.WeChat.RefundAsync(refund));
        Assert.IsType<RefundOutcome.Refunded>(await sandbox.WeChat.RefundAsync(refund));

        Assert.Equal(3000, Assert.IsType<RefundOutcome.Refunded>(await sandbox.WeChat.QueryRefundAsync(refund)).Amount.Fen);
        Assert.Single(sandbox.LedgerFor(tradeNo), e => e.Movement == Movement.Refund);
    }

    [Theory]
    [InlineData(FaultKind.BadSignature)]
    [InlineData(FaultKind.LostResponse)]
    [InlineData(FaultKind.ServerError)]
    public async Task A_faulty_micropay_answer_is_unknown_never_paid(FaultKind fault)
    {
        sandbox.Faults.Add(new FaultRule("wechat", "pay", fault));
        Assert.IsType<ChannelOutcome.Unknown>(await sandbox.WeChat.PayAsync(Payment(SandboxFixture.NewTradeNo(), sandbox.Code("t-auto", Wallet.WeChat), 1m)));
    }

    [Fact]
    public async Task The_gateway_answers_malformed_xml_with_return_code_fail()
    {
        var response = await sandbox.Http.PostAsync("/pay/micropay", new StringContent("<xml><broken>", Encoding.UTF8, "text/xml"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<return_code><![CDATA[FAIL]]></return_code>", body);
    }
}
