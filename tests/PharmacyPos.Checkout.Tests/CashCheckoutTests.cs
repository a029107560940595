using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PharmacyPos.Data.Catalogue;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Sales;
using PharmacyPos.TestSupport;

namespace PharmacyPos.Checkout.Tests;

public class CashCheckoutTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero));
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateWithDemoCatalogueAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<Sale> SaleOfAsync(params (string code, int qty)[] lines)
    {
        await using var db = _db.NewContext();
        var sale = new Sale();
        foreach (var (code, qty) in lines) sale.Add(await db.Drugs.SingleAsync(d => d.Code == code), qty);
        return sale;
    }

    private CashCheckout Checkout(PharmacyPos.Data.PosDbContext db)
    {
        var terminal = Options.Create(new TerminalOptions { StoreId = 7, StoreNo = 7, TerminalNo = 2 });
        var settings = new PharmacyPos.Checkout.Settings.StoreSettingsService(db, terminal, Options.Create(new PharmacyPos.Checkout.Mobile.MobilePaymentOptions()),
            Options.Create(new PharmacyPos.Checkout.Settings.RefundOptions()), Options.Create(new PharmacyPos.Checkout.Settings.StoreOptions()), _clock);
        var staff = new PharmacyPos.Checkout.Staff.StaffAccounts(db, new Microsoft.AspNetCore.Identity.PasswordHasher<PharmacyPos.Domain.Staff.StaffAccount>(),
            new PharmacyPos.Domain.Staff.SignInThrottle(), _clock, NullLogger<PharmacyPos.Checkout.Staff.StaffAccounts>.Instance);
        var regulated = new PharmacyPos.Checkout.Regulated.RegulatedChecks(db, settings, staff, terminal, _clock,
            NullLogger<PharmacyPos.Checkout.Regulated.RegulatedChecks>.Instance);
        var gate = new PaymentGate(new TradeNos(db, terminal, _clock), regulated, new PharmacyPos.Checkout.Stock.TillStock(db, settings, terminal, _clock));
        return new CashCheckout(new TradeNos(db, terminal, _clock), gate, terminal, NullLogger<CashCheckout>.Instance);
    }

    [Fact]
    public async Task A_cash_sale_is_saved_as_a_paid_order_with_its_trade_no_lines_and_change()
    {
        var sale = await SaleOfAsync(("YP00001", 2), ("YP00004", 1));
        await using (var db = _db.NewContext())
        {
            var result = await Checkout(db).PayAsync(sale, "100");
            Assert.True(result.IsSuccess);
        }

        await using var read = _db.NewContext();
        var order = await read.Orders.SingleAsync();
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(PaymentMethod.Cash, order.Method);
        Assert.Equal(sale.Total, order.Total);
        Assert.Equal(100_00 - sale.Total.Fen, order.Change!.Value.Fen);
        Assert.StartsWith("20261128100000" + "0007" + "02", order.TradeNo.Value);
        Assert.Equal(["YP00001", "YP00004"], order.Lines.OrderBy(l => l.LineNo).Select(l => l.DrugCode));
        Assert.Equal(2, order.Lines.Single(l => l.DrugCode == "YP00001").Quantity);
    }

    [Fact]
    public async Task Cash_below_the_total_saves_nothing()
    {
        var sale = await SaleOfAsync(("YP00001", 1));
        await using var db = _db.NewContext();
        var result = await Checkout(db).PayAsync(sale, "0.01");
        Assert.Equal("CASH_BELOW_TOTAL", result.Error!.Code);
        Assert.Equal(0, await db.Orders.CountAsync());
    }

    [Fact]
    public async Task An_empty_sale_cannot_be_checked_out()
    {
        await using var db = _db.NewContext();
        var result = await Checkout(db).PayAsync(new Sale(), "100");
        Assert.Equal("SALE_EMPTY", result.Error!.Code);
    }

    [Fact]
    public async Task Many_sales_in_the_same_second_each_get_their_own_trade_no()
    {
        var sale = await SaleOfAsync(("YP00001", 1));
        for (var i = 0; i < 30; i++)
        {
            await using var db = _db.NewContext();
            Assert.True((await Checkout(db).PayAsync(sale, "20")).IsSuccess);
        }
        await using var read = _db.NewContext();
        var tradeNos = await read.Orders.Select(o => o.TradeNo).ToListAsync();
        Assert.Equal(30, tradeNos.Distinct().Count());
    }
}
