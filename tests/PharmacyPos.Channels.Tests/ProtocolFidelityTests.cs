using PharmacyPos.Domain;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Sandbox.Model;

namespace PharmacyPos.Channels.Tests;

/// <summary>
/// The sandbox answers what the public docs define, field for field, to calls our own clients do not
/// make but the docs allow: a trade named only by the channel's number, queries by refund id, the
/// fields of an unpaid trade.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class ProtocolFidelityTests(SandboxFixture sandbox)
{
    private readonly WireClient _wire = new(sandbox);

    /// <summary>A trade paid through our own client: our 交易号 and the channel's own number for it.</summary>
    private async Task<(string TradeNo, string ChannelTradeNo)> PaidAsync(IPaymentChannel channel, Wallet wallet, decimal yuan)
    {
        var tradeNo = SandboxFixture.NewTradeNo();
        var paid = Assert.IsType<ChannelOutcome.Paid>(await channel.PayAsync(SandboxFixture.Payment(tradeNo, sandbox.Code("t-auto", wallet), yuan)));
        return (tradeNo, paid.ChannelTradeId);
    }

    private Task<(string TradeNo, string ChannelTradeNo)> WeChatPaidAsync(decimal yuan) => PaidAsync(sandbox.WeChat, Wallet.WeChat, yuan);

    private Task<(string TradeNo, string ChannelTradeNo)> AlipayPaidAsync(decimal yuan) => PaidAsync(sandbox.Alipay, Wallet.Alipay, yuan);

    [Fact]
    public async Task WeChat_orderquery_of_a_paid_trade_has_every_field_the_docs_require_and_finds_it_by_transaction_id()
    {
        var (tradeNo, transactionId) = await WeChatPaidAsync(12.34m);

        var r = await _wire.WeChatAsync("/pay/orderquery", new() { ["transaction_id"] = transactionId });

        Assert.Equal("SUCCESS", r["result_code"]);
        Assert.Equal("SUCCESS", r["trade_state"]);
        Assert.Equal(tradeNo, r["out_trade_no"]);
        foreach (var field in new[] { "openid", "is_subscribe", "trade_type", "bank_type", "total_fee", "cash_fee", "transaction_id", "time_end", "trade_state_desc" })
            Assert.True(r.ContainsKey(field), field);
        Assert.Equal("1234", r["total_fee"]);
    }

    [Fact]
    public async Task WeChat_orderquery_of_an_unpaid_trade_answers_its_state_without_the_paid_fields()
    {
        var tradeNo = SandboxFixture.NewTradeNo();
        Assert.IsType<ChannelOutcome.WaitingForBuyer>(await sandbox.WeChat.PayAsync(SandboxFixture.Payment(tradeNo, sandbox.Code("t-manual", Wallet.WeChat), 5m)));

        var waiting = await _wire.WeChatAsync("/pay/orderquery", new() { ["out_trade_no"] = tradeNo });
        Assert.Equal("USERPAYING", waiting["trade_state"]);
        Assert.False(string.IsNullOrEmpty(waiting["trade_state_desc"]));
        Assert.DoesNotContain("transaction_id", waiting.Keys);
        Assert.DoesNotContain("time_end", waiting.Keys);

        // Reversed before it was paid: REVOKED, as the state list names a cancelled 付款码 trade.
        Assert.Equal("N", (await _wire.WeChatAsync("/secapi/pay/reverse", new() { ["out_trade_no"] = tradeNo }))["recall"]);
        var revoked = await _wire.WeChatAsync("/pay/orderquery", new() { ["out_trade_no"] = tradeNo });
        Assert.Equal("REVOKED", revoked["trade_state"]);
        Assert.DoesNotContain("transaction_id", revoked.Keys);
    }

    [Fact]
    public async Task WeChat_micropay_success_carries_is_subscribe()
    {
        var r = await _wire.WeChatAsync("/pay/micropay", new()
        {
            ["body"] = "药品", ["out_trade_no"] = SandboxFixture.NewTradeNo(), ["total_fee"] = "100", ["spbill_create_ip"] = "127.0.0.1",
            ["auth_code"] = sandbox.Code("t-auto", Wallet.WeChat),
        });
        Assert.Equal("SUCCESS", r["result_code"]);
        Assert.Equal("N", r["is_subscribe"]);
    }

    [Fact]
    public async Task WeChat_reverse_by_transaction_id_returns_the_money_of_a_paid_trade()
    {
        var (tradeNo, transactionId) = await WeChatPaidAsync(8m);

        var r = await _wire.WeChatAsync("/secapi/pay/reverse", new() { ["transaction_id"] = transactionId });

        Assert.Equal("SUCCESS", r["result_code"]);
        Assert.Equal("N", r["recall"]);
        Assert.Equal(TradeStatus.Reversed, sandbox.State.Find(Channel.WeChat, tradeNo)!.Status);
        Assert.Contains(sandbox.LedgerFor(tradeNo), e => e.Movement == Movement.Reversal);
    }

    [Fact]
    public async Task WeChat_reverse_of_an_unknown_transaction_id_is_ORDERNOTEXIST_not_a_reversal()
    {
        var r = await _wire.WeChatAsync("/secapi/pay/reverse", new() { ["transaction_id"] = "4200000000000000000000000000" });
        Assert.Equal("FAIL", r["result_code"]);
        Assert.Equal("ORDERNOTEXIST", r["err_code"]);
    }

    [Fact]
    public async Task WeChat_refundquery_by_trade_lists_every_refund_with_its_id_account_and_cash_fee()
    {
        var (tradeNo, transactionId) = await WeChatPaidAsync(10m);
        foreach (var (no, fen) in new[] { ("R1", "300"), ("R2", "200") })
        {
            var refunded = await _wire.WeChatAsync("/secapi/pay/refund", new()
            {
                ["transaction_id"] = transactionId, ["out_refund_no"] = tradeNo + no, ["total_fee"] = "1000", ["refund_fee"] = fen,
            });
            Assert.Equal("SUCCESS", refunded["result_code"]);
            Assert.Equal(fen, refunded["refund_fee"]);
        }

        var byTrade = await _wire.WeChatAsync("/pay/refundquery", new() { ["out_trade_no"] = tradeNo });
        Assert.Equal("2", byTrade["refund_count"]);
        Assert.Equal("1000", byTrade["cash_fee"]);
        Assert.NotEqual(byTrade["refund_id_0"], byTrade["refund_id_1"]);
        Assert.Equal("支付用户的零钱", byTrade["refund_recv_accout_1"]);
        Assert.Equal("200", byTrade["refund_fee_1"]);

        var byId = await _wire.WeChatAsync("/pay/refundquery", new() { ["refund_id"] = byTrade["refund_id_1"] });
        Assert.Equal("1", byId["refund_count"]);
        Assert.Equal(tradeNo + "R2", byId["out_refund_no_0"]);
        Assert.Equal("2", (await _wire.WeChatAsync("/pay/refundquery", new() { ["transaction_id"] = transactionId }))["refund_count"]);
    }

    [Fact]
    public async Task WeChat_secapi_refuses_plain_http_and_https_without_the_merchant_certificate_and_moves_no_money()
    {
        var (tradeNo, transactionId) = await WeChatPaidAsync(4m);
        var reverse = new Dictionary<string, string> { ["transaction_id"] = transactionId };

        var overHttp = await _wire.WeChatAsync(sandbox.Http, "/secapi/pay/reverse", new(reverse));
        using var noCertificate = new HttpClient(Channels.WeChatPay.WeChatPayClient.SecureHandler(WireClient.Options(sandbox, withCertificate: false)))
            { BaseAddress = new Uri(sandbox.SecureUrl) };
        var withoutCertificate = await _wire.WeChatAsync(noCertificate, "/secapi/pay/reverse", new(reverse));

        Assert.Equal(("FAIL", "FAIL"), (overHttp["return_code"], withoutCertificate["return_code"]));
        Assert.Contains("证书", withoutCertificate["return_msg"]);
        Assert.Equal(TradeStatus.Paid, sandbox.State.Find(Channel.WeChat, tradeNo)!.Status);

        // The merchant's own certificate over HTTPS: the same reverse is taken.
        Assert.Equal("SUCCESS", (await _wire.WeChatAsync("/secapi/pay/reverse", new(reverse)))["result_code"]);
        Assert.Equal(TradeStatus.Reversed, sandbox.State.Find(Channel.WeChat, tradeNo)!.Status);
    }

    [Fact]
    public async Task Alipay_query_by_trade_no_alone_answers_the_trade_with_buyer_and_fund_bill_list()
    {
        var (tradeNo, alipayNo) = await AlipayPaidAsync(20m);

        var r = await _wire.AlipayAsync("alipay.trade.query", new { trade_no = alipayNo });

        Assert.Equal("10000", r.GetProperty("code").GetString());
        Assert.Equal(tradeNo, r.GetProperty("out_trade_no").GetString());
        Assert.Equal("TRADE_SUCCESS", r.GetProperty("trade_status").GetString());
        Assert.StartsWith("2088", r.GetProperty("buyer_user_id").GetString());
        Assert.Equal("20.00", r.GetProperty("fund_bill_list")[0].GetProperty("amount").GetString());
    }

    [Fact]
    public async Task Alipay_calls_without_either_number_are_missing_arguments()
    {
        var r = await _wire.AlipayAsync("alipay.trade.query", new { });
        Assert.Equal("40001", r.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Alipay_partial_refunds_answer_refund_fee_as_the_trade_total_refunded_so_far()
    {
        var (tradeNo, alipayNo) = await AlipayPaidAsync(10m);

        var first = await _wire.AlipayAsync("alipay.trade.refund", new { trade_no = alipayNo, refund_amount = "3.00", out_request_no = tradeNo + "R1" });
        var second = await _wire.AlipayAsync("alipay.trade.refund", new { trade_no = alipayNo, refund_amount = "2.00", out_request_no = tradeNo + "R2" });

        Assert.Equal("3.00", first.GetProperty("refund_fee").GetString());
        Assert.Equal("5.00", second.GetProperty("refund_fee").GetString());
        Assert.Equal("2.00", second.GetProperty("send_back_fee").GetString());
        var query = await _wire.AlipayAsync("alipay.trade.fastpay.refund.query", new { trade_no = alipayNo, out_request_no = tradeNo + "R2" });
        Assert.Equal("2.00", query.GetProperty("refund_amount").GetString());
    }

    [Fact]
    public async Task Alipay_cancel_by_trade_no_returns_the_money_of_a_paid_trade()
    {
        var (tradeNo, alipayNo) = await AlipayPaidAsync(6m);

        var r = await _wire.AlipayAsync("alipay.trade.cancel", new { trade_no = alipayNo });

        Assert.Equal("refund", r.GetProperty("action").GetString());
        Assert.Contains(sandbox.LedgerFor(tradeNo), e => e.Movement == Movement.Reversal);
    }
}
