using Microsoft.Playwright;
using PharmacyPos.Domain.Staff;
using PharmacyPos.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace PharmacyPos.EndToEnd.Tests;

/// <summary>
/// Receipts: the browser's copy (单价, the payment, the 交易号 as a QR image, 重打 from the second
/// print, 58/80 mm pages) and a till with a network printer (a fake one that decodes the ESC/POS
/// bytes): F8 prints and opens the drawer on a cash sale; a printer answering nonsense is reported
/// and the sale stays done.
/// </summary>
[Collection(PosCollection.Name)]
public class ReceiptTests(PosFixture pos)
{
    [Fact]
    public async Task The_browser_receipt_shows_prices_payment_and_a_qr_and_says_重打_from_its_second_print()
    {
        var page = await pos.SaleAsync("YP00005", 2);
        var tradeNo = await Till.PayCashAsync(page);
        await page.Context.CloseAsync();

        var first = await pos.Http.GetStringAsync($"/receipt/{tradeNo}?print=1&paper=58");
        Assert.Contains("data-paper=\"58\"", first);
        Assert.Contains("size: 58mm auto", first);
        Assert.Contains("现金 实收", first);
        Assert.Contains("data:image/png;base64,", first);
        Assert.DoesNotContain("重打", first);
        var second = await pos.Http.GetStringAsync($"/receipt/{tradeNo}?print=1");
        Assert.Contains("重打（第 2 次打印）", second);
        Assert.Contains("size: 80mm auto", second);
        // Looking at it without printing is not a print.
        Assert.DoesNotContain("重打", await pos.Http.GetStringAsync($"/receipt/{tradeNo}"));
    }

    [Fact]
    public async Task A_till_with_a_network_printer_prints_on_F8_opens_the_drawer_for_cash_and_reports_a_confused_printer()
    {
        await using var printer = new FakePrinter();
        await using var server = await PosServer.StartAsync("--Printer:Address", printer.Address, "--Printer:PaperWidthMm", "58");
        var context = await pos.Browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1366, Height = 800 } });
        var page = await context.NewPageAsync();
        await TillSignIn.SignInAsync(page, server.BaseUrl, StaffRole.Cashier, "/");
        await page.WaitForSelectorAsync("body[data-till-ready]");

        await Till.ScanAsync(page, "YP00003");
        await Expect(Till.Lines(page)).ToHaveCountAsync(1);
        var tradeNo = await Till.PayCashAsync(page);
        await page.Keyboard.PressAsync("F8");
        await Expect(page.GetByTestId("receipt-printed")).ToHaveTextAsync("已打印小票");
        var job = await printer.JobAsync(1);
        Assert.Equal([tradeNo], job.QrCodes);
        Assert.True(job.DrawerKicked && job.Cut);
        Assert.Contains("购药小票", job.Text);

        printer.Status = 0xFF;
        await page.GetByTestId("receipt-print").ClickAsync();
        await Expect(page.GetByTestId("receipt-print-error")).ToContainTextAsync("小票打印失败：打印机应答异常");
        await Expect(page.GetByTestId("receipt-print")).ToContainTextAsync("重打小票");
        printer.Status = 0x12;
        await page.GetByTestId("receipt-print").ClickAsync();
        await Expect(page.GetByTestId("receipt-printed")).ToHaveTextAsync("已重打小票（第 2 次）");
        Assert.False((await printer.JobAsync(2)).DrawerKicked);
        await context.CloseAsync();
    }
}
