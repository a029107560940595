using PharmacyPos.Checkout.Mobile;
using PharmacyPos.Checkout.Orders;
using PharmacyPos.Checkout.Refunds;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Journal;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Payments;

namespace PharmacyPos.Checkout.Tests;

/// <summary>订单查询 over real payments, on both providers: by person, drug, amount and every status; and one order's whole record.</summary>
public sealed class OrderSearchTests(MobileHarness h) : IClassFixture<MobileHarness>
{
    private async Task<AttemptView> PayAsync(string customer, Wallet wallet, params string[] drugs)
    {
        var (checkout, db) = h.Checkout(h.ContextFor(MobileHarness.Cashier));
        await using (db) return Assert.IsType<ScanResult.Started>(await checkout.ScanAsync(await h.SaleAsync(drugs), h.Code(customer, wallet), null)).Attempt;
    }

    private async Task<OrderPage> FindAsync(RefundQuery query)
    {
        var (search, db) = h.Search();
        await using (db) return (await search.SearchAsync(query with { AnyStatus = true })).Value;
    }

    [Fact]
    public async Task An_order_is_found_by_the_insured_persons_name_by_a_drug_and_by_its_amount_and_failed_attempts_are_listed_too()
    {
        var insured = await PayAsync("rich-bound", Wallet.Alipay, "YP00001");
        var wallet = await PayAsync("unbound", Wallet.Alipay, "YP00004", "YP00004");
        h.Sandbox.Upsert(new PharmacyPos.Sandbox.Model.Customer { Id = "broke2", Name = "己", AlipayBalance = Money.FromYuan(1), AutoConfirm = true });
        var failed = await PayAsync("broke2", Wallet.Alipay, "YP00006");
        Assert.Equal(OrderStatus.Failed, failed.Status);

        var byName = await FindAsync(new RefundQuery(null, null, null, null, Person: "参保人P1"));
        Assert.Contains(byName.Rows, r => r.TradeNo == insured.TradeNo);
        Assert.DoesNotContain(byName.Rows, r => r.TradeNo == wallet.TradeNo);

        var byDrug = await FindAsync(new RefundQuery(null, null, null, null, Drug: "YP00004"));
        Assert.Contains(byDrug.Rows, r => r.TradeNo == wallet.TradeNo);
        Assert.DoesNotContain(byDrug.Rows, r => r.TradeNo == insured.TradeNo);
        var byDrugName = await FindAsync(new RefundQuery(null, null, null, null, Drug: "头孢克肟"));
        Assert.Contains(byDrugName.Rows, r => r.TradeNo == wallet.TradeNo);

        var byAmount = await FindAsync(new RefundQuery(null, null, null, null, Amount: wallet.Total));
        Assert.All(byAmount.Rows, r => Assert.Equal(wallet.Total, r.Total));
        Assert.Contains(byAmount.Rows, r => r.TradeNo == wallet.TradeNo);

        Assert.Contains((await FindAsync(new RefundQuery(null, failed.TradeNo.Value, null, null))).Rows, r => r.Status == OrderStatus.Failed);
    }

    [Fact]
    public async Task An_orders_record_holds_its_lines_journal_and_who_did_what()
    {
        var paid = await PayAsync("unbound", Wallet.WeChat, "YP00202");
        OrderRecord? record;
        await using (var db = h.Database.NewContext())
            record = await new OrderRecords(db, Microsoft.Extensions.Options.Options.Create(new TerminalOptions())).FindAsync(paid.TradeNo);

        Assert.NotNull(record);
        Assert.Equal(("cashier", "收银员乙"), (record.Order.Cashier, record.Order.CashierName));
        Assert.Equal("YP00202", Assert.Single(record.Order.Lines).DrugCode);
        Assert.Equal([JournalEvents.OrderWritten, JournalEvents.OrderPaid], record.Journal.Select(j => j.Event));
        Assert.Contains(record.Audit, a => a.UserName == "cashier");
        Assert.Null(record.Refund);

        await using (var db = h.Database.NewContext())
            Assert.Null(await new OrderRecords(db, Microsoft.Extensions.Options.Options.Create(new TerminalOptions { StoreId = 2 })).FindAsync(paid.TradeNo));
    }
}
