using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PharmacyPos.Checkout.Mobile;
using PharmacyPos.Checkout.Refunds;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Domain.Refunds;
using RefundStatus = PharmacyPos.Domain.Refunds.RefundStatus;
using PharmacyPos.Sandbox;
using PharmacyPos.Sandbox.Model;

namespace PharmacyPos.Checkout.Tests;

public sealed class RefundTests(MobileHarness h) : IClassFixture<MobileHarness>, IDisposable
{
    public void Dispose() => h.Faults.Clear();

    private async Task<AttemptView> PaidAsync(string customer, Wallet wallet, params string[] drugs)
    {
        var (checkout, db) = h.Checkout();
        await using (db)
        {
            var started = Assert.IsType<ScanResult.Started>(await checkout.ScanAsync(await h.SaleAsync(drugs), h.Code(customer, wallet), null));
            Assert.Equal(OrderStatus.Paid, started.Attempt.Status);
            return started.Attempt;
        }
    }

    private async Task<PharmacyPos.Domain.Errors.Result<RefundView>> RefundAsync(long orderId)
    {
        var (refunds, db) = h.Refunds();
        await using (db) return await refunds.RefundAsync(orderId);
    }

    [Theory]
    [InlineData("rich-bound", Wallet.Alipay, "YP00001", PaymentMethod.InsuranceAccount, Movement.InsuranceCancel)]
    [InlineData("unbound", Wallet.Alipay, "YP00001", PaymentMethod.Alipay, Movement.Refund)]
    [InlineData("rich-bound", Wallet.WeChat, "YP00202", PaymentMethod.WeChatPay, Movement.Refund)]
    public async Task A_refund_goes_back_through_the_route_that_took_the_money_exactly_once(string customer, Wallet wallet, string drug, PaymentMethod method, Movement back)
    {
        var paid = await PaidAsync(customer, wallet, drug);
        Assert.Equal(method, paid.Method);

        var refunded = await RefundAsync(paid.OrderId);

        Assert.Equal(RefundStatus.Refunded, refunded.Value.Status);
        Assert.Single(h.Ledger(paid.TradeNo.Value), e => e.Movement == back);
        await using var db = h.Database.NewContext();
        Assert.Equal(OrderStatus.Refunded, (await db.Orders.SingleAsync(o => o.Id == paid.OrderId)).Status);
    }

    [Fact]
    public async Task A_second_roll_back_of_the_same_order_is_refused_in_chinese()
    {
        var paid = await PaidAsync("unbound", Wallet.WeChat, "YP00001");
        Assert.True((await RefundAsync(paid.OrderId)).IsSuccess);
        var again = await RefundAsync(paid.OrderId);
        Assert.Equal("REFUND_NOT_ALLOWED", again.Error!.Code);
        Assert.Single(h.Ledger(paid.TradeNo.Value), e => e.Movement == Movement.Refund);
    }

    [Fact]
    public async Task Two_terminals_rolling_back_one_order_at_the_same_moment_make_one_refund()
    {
        var paid = await PaidAsync("unbound", Wallet.Alipay, "YP00001");
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => RefundAsync(paid.OrderId))));

        Assert.Equal(1, results.Count(r => r.IsSuccess));
        Assert.Single(h.Ledger(paid.TradeNo.Value), e => e.Movement == Movement.Refund);
    }

    [Fact]
    public async Task A_lost_refund_answer_is_resolved_by_query_with_the_same_refund_number()
    {
        var paid = await PaidAsync("unbound", Wallet.Alipay, "YP00001");
        h.Faults.Add(new FaultRule("alipay", "refund", FaultKind.LostResponse));

        var pending = await RefundAsync(paid.OrderId);
        Assert.Equal(RefundStatus.Requested, pending.Value.Status);
        Assert.Contains("结果待确认", pending.Value.Message);

        var (refunds, db) = h.Refunds();
        await using (db) Assert.Equal(RefundStatus.Refunded, (await refunds.ResolveAsync(paid.OrderId)).Value.Status);
        var entry = Assert.Single(h.Ledger(paid.TradeNo.Value), e => e.Movement == Movement.Refund);
        Assert.Equal(paid.TradeNo.Value + "R1", entry.RefundNo);
    }

    [Fact]
    public async Task A_refund_that_never_reached_the_channel_is_sent_again_under_the_same_number()
    {
        var paid = await PaidAsync("unbound", Wallet.WeChat, "YP00001");
        h.Faults.Add(new FaultRule("wechat", "refund", FaultKind.ServerError));
        Assert.Equal(RefundStatus.Requested, (await RefundAsync(paid.OrderId)).Value.Status);
        Assert.DoesNotContain(h.Ledger(paid.TradeNo.Value), e => e.Movement == Movement.Refund);

        var (refunds, db) = h.Refunds();
        await using (db) Assert.Equal(RefundStatus.Refunded, (await refunds.ResolveAsync(paid.OrderId)).Value.Status);
        Assert.Equal(paid.TradeNo.Value + "R1", Assert.Single(h.Ledger(paid.TradeNo.Value), e => e.Movement == Movement.Refund).RefundNo);
    }

    [Fact]
    public async Task A_card_order_is_refunded_by_cancelling_its_settlement()
    {
        var (checkout, db) = h.Checkout();
        AttemptView paid;
        await using (db) paid = Assert.IsType<ScanResult.Started>(await checkout.SwipeCardAsync(await h.SaleAsync("YP00001"), "SSN-P1", null)).Attempt;
        Assert.Equal((PaymentMethod.SocialSecurityCard, OrderStatus.Paid), (paid.Method, paid.Status));

        Assert.Equal(RefundStatus.Refunded, (await RefundAsync(paid.OrderId)).Value.Status);
        Assert.Equal([Movement.InsuranceSettlement, Movement.InsuranceCancel], h.Ledger(paid.TradeNo.Value).Select(e => e.Movement));
    }

    [Fact]
    public async Task A_cash_order_is_refunded_from_the_drawer()
    {
        var sale = await h.SaleAsync("YP00001");
        await using var db = h.Database.NewContext();
        var terminal = Options.Create(new TerminalOptions());
        var order = (await h.Cash(db, terminal).PayAsync(sale, "100")).Value;

        var refunded = await RefundAsync(order.Id);
        Assert.Contains("请从钱箱退还现金 ¥13.10", refunded.Value.Message);
    }

    [Fact]
    public async Task The_query_finds_orders_by_each_field_alone_and_together()
    {
        var insured = await PaidAsync("rich-bound", Wallet.Alipay, "YP00001");
        var wallet = await PaidAsync("unbound", Wallet.Alipay, "YP00001");
        var (search, db) = h.Search();
        await using (db)
        {
            var byTradeNo = (await search.SearchAsync(new RefundQuery(null, insured.TradeNo.Value, null, null))).Value;
            Assert.Equal(insured.TradeNo, Assert.Single(byTradeNo.Rows).TradeNo);
            Assert.Equal("*********00P1", byTradeNo.Rows[0].InsuredNoMasked);

            var bySsn = (await search.SearchAsync(new RefundQuery("33010020000P1", null, null, null))).Value;
            Assert.Contains(bySsn.Rows, r => r.TradeNo == insured.TradeNo);
            Assert.DoesNotContain(bySsn.Rows, r => r.TradeNo == wallet.TradeNo);

            var now = h.Clock.GetUtcNow();
            var byTime = (await search.SearchAsync(new RefundQuery(null, null, now.AddSeconds(-1), now.AddSeconds(1)))).Value;
            Assert.Contains(byTime.Rows, r => r.TradeNo == wallet.TradeNo);
            Assert.Equal(byTime.Rows.OrderByDescending(r => r.CreatedAt).Select(r => r.Id), byTime.Rows.Select(r => r.Id));

            var combined = (await search.SearchAsync(new RefundQuery(null, wallet.TradeNo.Value, now.AddSeconds(-1), now.AddSeconds(1)))).Value;
            Assert.Single(combined.Rows);
            var outside = (await search.SearchAsync(new RefundQuery(null, wallet.TradeNo.Value, now.AddSeconds(1), now.AddSeconds(2)))).Value;
            Assert.Empty(outside.Rows);
        }
    }

    [Theory]
    [InlineData(null, "12345", "TRADE_NO_MALFORMED")]
    [InlineData("' OR 1=1 --", null, "SSN_MALFORMED")]
    [InlineData("P1", null, "SSN_MALFORMED")]
    public async Task Bad_query_fields_are_refused_with_a_clear_message(string? ssn, string? tradeNo, string code)
    {
        var (search, db) = h.Search();
        await using (db) Assert.Equal(code, (await search.SearchAsync(new RefundQuery(ssn, tradeNo, null, null))).Error!.Code);
    }

    [Fact]
    public async Task A_card_number_with_the_platform_unreachable_is_matched_as_a_社保编码_and_the_cashier_is_told_why_not_more()
    {
        h.Faults.Add(new FaultRule("insurance", Channels.Insurance.Infno.PersonInfo, FaultKind.ServerError, Times: -1));
        try
        {
            var (search, db) = h.Search();
            await using (db)
            {
                var page = (await search.SearchAsync(new RefundQuery("330100001234567", null, null, null))).Value;
                Assert.Empty(page.Rows);
                Assert.Contains("医保平台暂时无法按社保卡号查询", page.Notice);

                // An ID number can only be matched through the platform: without it the search is refused, by name.
                var byId = await search.SearchAsync(new RefundQuery("11010519491231002X", null, null, null));
                Assert.Equal("INSURANCE_LOOKUP_UNAVAILABLE", byId.Error!.Code);
            }
        }
        finally
        {
            h.Faults.Clear();
        }
    }

    [Fact]
    public async Task An_end_time_before_the_start_time_is_refused()
    {
        var (search, db) = h.Search();
        var now = DateTimeOffset.UtcNow;
        await using (db) Assert.Equal("END_BEFORE_START", (await search.SearchAsync(new RefundQuery(null, null, now, now.AddMinutes(-1)))).Error!.Code);
    }
}
