using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PharmacyPos.Channels.Insurance;
using PharmacyPos.Checkout.Printing;
using PharmacyPos.Data;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Stock;
using PharmacyPos.TestSupport;

namespace PharmacyPos.Checkout.Tests;

/// <summary>
/// 打印小票 on a network ESC/POS printer (a fake one on a loopback port that decodes the bytes):
/// the receipt's text in GB18030, the 交易号 as a QR code, the cut, the drawer on a cash sale's
/// first print only, 重打 from the second, and a printer that is off or talks nonsense reported
/// without touching the sale.
/// </summary>
public sealed class ReceiptPrintingTests(MobileHarness h) : IClassFixture<MobileHarness>
{
    private ReceiptPrinter Printer(PosDbContext db, string address, int paper = 58) => new(db, h.Settings(db),
        Microsoft.Extensions.Options.Options.Create(new PrinterOptions { Address = address, PaperWidthMm = paper, TimeoutSeconds = 5 }),
        Microsoft.Extensions.Options.Options.Create(new InsuranceOptions { FixmedinsCode = "H33010000001" }), NullLogger<ReceiptPrinter>.Instance);

    private async Task<Order> CashSaleAsync()
    {
        await using var db = h.Database.NewContext();
        if (!await db.Batches.AnyAsync(b => b.LotNo == "P2601")) await h.ReceiveAsync("YP00001", "P2601", 50, expiresInDays: 700);
        var sale = new Sale();
        Assert.True((await h.Stock(db).EnterAsync(sale, await db.Drugs.SingleAsync(d => d.Code == "YP00001"), 2, "P2601")).IsSuccess);
        var terminal = Microsoft.Extensions.Options.Options.Create(new TerminalOptions());
        return (await h.Cash(db, terminal).PayAsync(sale, "50")).Value;
    }

    [Fact]
    public async Task A_cash_sale_prints_its_lines_lot_and_payment_in_gb18030_with_a_qr_of_its_trade_no_a_cut_and_the_drawer_opened_once()
    {
        await using var printer = new FakePrinter();
        var order = await CashSaleAsync();

        await using (var db = h.Database.NewContext()) Assert.Equal(1, (await Printer(db, printer.Address).PrintAsync(order.TradeNo)).Value);
        var first = await printer.JobAsync(1);
        Assert.Contains("购药小票", first.Text);
        Assert.Contains("阿莫西林胶囊 0.25g*24粒", first.Text);
        Assert.Contains("批号 P2601", first.Text);
        Assert.Contains("医保定点编号：H33010000001", first.Text);
        Assert.Contains("现金 实收", first.Text);
        Assert.Contains("￥50.00", first.Text);
        Assert.Contains("找零", first.Text);
        Assert.DoesNotContain("重打", first.Text);
        Assert.Equal([order.TradeNo.Value], first.QrCodes);
        Assert.True(first.Cut);
        Assert.True(first.DrawerKicked);
        // 58 mm paper: no printed row is wider than its 32 columns.
        Assert.All(first.Text.Split('\n'), row => Assert.InRange(Domain.Receipts.ReceiptText.Width(row), 0, 32));

        await using (var db = h.Database.NewContext()) Assert.Equal(2, (await Printer(db, printer.Address).PrintAsync(order.TradeNo)).Value);
        var again = await printer.JobAsync(2);
        Assert.Contains("重打（第 2 次打印）", again.Text);
        Assert.False(again.DrawerKicked);
    }

    [Fact]
    public async Task A_printer_that_is_off_or_answers_nonsense_is_reported_and_the_print_is_not_counted()
    {
        var order = await CashSaleAsync();
        await using var printer = new FakePrinter { Status = 0xFF };
        await using (var db = h.Database.NewContext())
        {
            var nonsense = await Printer(db, printer.Address).PrintAsync(order.TradeNo);
            Assert.Equal("PRINT_FAILED", nonsense.Error!.Code);
            Assert.Contains("打印机应答异常", nonsense.Error.Message);
            Assert.Contains("收款已完成", nonsense.Error.Message);
        }
        var closedPort = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closedPort.Start();
        var address = $"127.0.0.1:{((System.Net.IPEndPoint)closedPort.LocalEndpoint).Port}";
        closedPort.Stop(); // nothing listens there now: a printer switched off
        await using (var db = h.Database.NewContext())
            Assert.Contains("无法连接打印机", (await Printer(db, address).PrintAsync(order.TradeNo)).Error!.Message);

        await using var read = h.Database.NewContext();
        var saved = await read.Orders.SingleAsync(o => o.Id == order.Id);
        Assert.Equal((OrderStatus.Paid, 0), (saved.Status, saved.ReceiptPrints));
    }
}
