using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PharmacyPos.Checkout.Mobile;
using PharmacyPos.Data.Export;
using PharmacyPos.Data.Reports;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Checkout.Tests;

/// <summary>销售报表 over a morning of real payments: every method, a refund, a failed card swipe, two cashiers.</summary>
public sealed class SalesReportTests(MobileHarness h) : IClassFixture<MobileHarness>
{
    private static readonly Actor Second = new("cashier2", "收银员丙", StaffRole.Cashier);

    private async Task<AttemptView> PayAsync(Actor actor, Func<MobileCheckout, Task<ScanResult>> pay)
    {
        var (checkout, db) = h.Checkout(h.ContextFor(actor));
        await using (db) return Assert.IsType<ScanResult.Started>(await pay(checkout)).Attempt;
    }

    private DateOnly Today => DateOnly.FromDateTime(BeijingTime.Now(h.Clock).DateTime);

    [Fact]
    public async Task The_report_splits_a_day_by_method_cashier_terminal_and_drug_and_books_refunds_on_their_own_day()
    {
        var insured = await PayAsync(MobileHarness.Cashier, async c => await c.ScanAsync(await h.SaleAsync("YP00001"), h.Code("rich-bound", Wallet.Alipay), null));
        var alipay = await PayAsync(MobileHarness.Cashier, async c => await c.ScanAsync(await h.SaleAsync("YP00001", "YP00001"), h.Code("unbound", Wallet.Alipay), null));
        var card = await PayAsync(Second, async c => await c.SwipeCardAsync(await h.SaleAsync("YP00001"), "SSN-P1", null));
        h.Sandbox.Upsert(new PharmacyPos.Sandbox.Model.Customer { Id = "broke", Name = "戊", AlipayBalance = Money.FromYuan(1), AutoConfirm = true });
        var failed = await PayAsync(Second, async c => await c.ScanAsync(await h.SaleAsync("YP00001"), h.Code("broke", Wallet.Alipay), null));
        Assert.Equal(OrderStatus.Failed, failed.Status);
        await using (var db = h.ContextFor(Second))
        {
            var terminal = Options.Create(new TerminalOptions { TerminalNo = 2 });
            Assert.True((await h.Cash(db, terminal).PayAsync(await h.SaleAsync("YP00001"), "20")).IsSuccess);
        }
        var (refunds, rdb) = h.Refunds();
        await using (rdb) Assert.True((await refunds.RefundAsync(alipay.OrderId)).IsSuccess);

        SalesReport report;
        await using (var db = h.Database.NewContext()) report = await new SalesReports(db).BuildAsync(1, Today, Today);

        var one = Money.FromYuan(13.10m);
        SalesFigures Method(PaymentMethod m) => report.ByMethod.Single(f => f.Name == m.ToChinese());
        Assert.Equal((1, one, 0), (Method(PaymentMethod.InsuranceAccount).Count, Method(PaymentMethod.InsuranceAccount).Gross, Method(PaymentMethod.InsuranceAccount).RefundCount));
        Assert.Equal((1, one * 2, 1, one * 2, Money.Zero), (Method(PaymentMethod.Alipay).Count, Method(PaymentMethod.Alipay).Gross,
            Method(PaymentMethod.Alipay).RefundCount, Method(PaymentMethod.Alipay).Refunds, Method(PaymentMethod.Alipay).Net));
        Assert.Equal((1, one), (Method(PaymentMethod.SocialSecurityCard).Count, Method(PaymentMethod.SocialSecurityCard).Net));
        Assert.Equal((1, one), (Method(PaymentMethod.Cash).Count, Method(PaymentMethod.Cash).Net));
        Assert.Equal((4, one * 5, one * 3), (report.Total.Count, report.Total.Gross, report.Total.Net));
        Assert.Equal(1, report.FailedAttempts);
        // Both 医保 routes are in the insurance summary (the platform settled both).
        Assert.Equal(one * 2, report.Insurance.Aggregate(Money.Zero, (sum, f) => sum + f.Net));

        Assert.Equal(one * 3, report.ByCashier.Single(c => c.Name == "收银员乙（cashier）").Gross);
        Assert.Equal(one * 2, report.ByCashier.Single(c => c.Name == "收银员丙（cashier2）").Gross);
        Assert.Equal(2, report.ByTerminal.Count);
        // The refunded order's boxes are not best sellers: three boxes stayed sold.
        var drug = Assert.Single(report.BestSellers);
        Assert.Equal(("YP00001", 3, one * 3), (drug.Code, drug.Quantity, drug.Amount));
        Assert.Equal(3, report.ByCategory.Sum(c => c.Count));

        // Yesterday's report knows nothing of today.
        await using (var db = h.Database.NewContext())
            Assert.Equal(0, (await new SalesReports(db).BuildAsync(1, Today.AddDays(-1), Today.AddDays(-1))).Total.Count);

        var file = ReportFile.Write(SalesReports.Table(report), ExportFormat.Xlsx);
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(file), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var total = rows.Single(r => (string?)r["分类"] == "合计");
        Assert.Equal(39.30m, Convert.ToDecimal(total["净额"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_range_is_at_most_a_year_and_never_backwards()
    {
        Assert.True(SalesReports.IsValidRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
        Assert.False(SalesReports.IsValidRange(new DateOnly(2026, 1, 2), new DateOnly(2026, 1, 1)));
        Assert.False(SalesReports.IsValidRange(new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 2)));
    }
}
