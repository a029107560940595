using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmacyPos.Channels.Insurance;
using PharmacyPos.Data;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Receipts;

namespace PharmacyPos.Checkout.Printing;

/// <summary>
/// 打印小票: a paid order's receipt, numbered by print (重打 from the second), sent to the till's
/// network printer in ESC/POS — or, without one, counted for the browser's print of the same copy.
/// A printer that is off, slow or answering nonsense is reported and never touches the sale.
/// </summary>
public sealed class ReceiptPrinter(PosDbContext db, Settings.StoreSettingsService settings, IOptions<PrinterOptions> printer,
    IOptions<InsuranceOptions> insurance, ILogger<ReceiptPrinter> log)
{
    public bool HasPrinter => printer.Value.IsConfigured;

    public int PaperWidthMm => printer.Value.PaperWidthMm;

    /// <summary>The copy a print of this order would give now (its number is the prints so far plus one).</summary>
    public async Task<ReceiptCopy?> NextCopyAsync(TradeNo tradeNo, CancellationToken ct = default)
    {
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.TradeNo == tradeNo, ct);
        if (order is null || order.Status is not (OrderStatus.Paid or OrderStatus.Refunding or OrderStatus.Refunded)) return null;
        var (name, address, phone) = await settings.HeadingAsync(ct);
        return ReceiptCopy.Of(order, new ReceiptHeading(name, address, phone, insurance.Value.FixmedinsCode), order.ReceiptPrints + 1);
    }

    /// <summary>Counts a print that happened (the browser's, or the printer's once it took the bytes).</summary>
    public Task CountAsync(TradeNo tradeNo, CancellationToken ct = default) =>
        db.Orders.Where(o => o.TradeNo == tradeNo).ExecuteUpdateAsync(set => set.SetProperty(o => o.ReceiptPrints, o => o.ReceiptPrints + 1), ct);

    /// <summary>Prints on the till's printer; the number of this print, or why it did not print.</summary>
    public async Task<Result<int>> PrintAsync(TradeNo tradeNo, CancellationToken ct = default)
    {
        if (!HasPrinter) return NotConfigured;
        if (await NextCopyAsync(tradeNo, ct) is not { } copy) return PosErrors.OrderNotFound(tradeNo.Value);
        var bytes = EscPos.Receipt(ReceiptText.Layout(copy, ReceiptText.ColumnsFor(printer.Value.PaperWidthMm)), copy.OpensDrawer);
        var (host, port) = printer.Value.Endpoint;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(printer.Value.TimeoutSeconds));
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(EscPos.StatusRequest, timeout.Token);
            var status = new byte[1];
            if (await stream.ReadAsync(status, timeout.Token) != 1 || !EscPos.IsOnline(status[0]))
            {
                log.LogWarning("Receipt {TradeNo}: printer {Host}:{Port} answered status {Status:X2}, not online", tradeNo, host, port, status[0]);
                return Failed($"打印机应答异常（状态 {status[0]:X2}），可能缺纸、开盖或离线");
            }
            await stream.WriteAsync(bytes, timeout.Token);
            await stream.FlushAsync(timeout.Token);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            log.LogWarning("Receipt {TradeNo}: printer {Host}:{Port} not reached: {Error}", tradeNo, host, port, e.Message);
            return Failed(e is OperationCanceledException ? "打印机无响应" : "无法连接打印机");
        }
        await CountAsync(tradeNo, ct);
        log.LogInformation("Receipt {TradeNo} printed on {Host}:{Port}: print {PrintNo}, {Bytes} bytes, drawer {Drawer}", tradeNo, host, port,
            copy.PrintNo, bytes.Length, copy.OpensDrawer);
        return copy.PrintNo;
    }

    public static readonly PosError NotConfigured = new("PRINTER_NOT_CONFIGURED", "本收银台未配置小票打印机（Printer:Address），请用浏览器打印。");

    private PosError Failed(string why) => new("PRINT_FAILED",
        $"小票打印失败：{why}（{printer.Value.Address}）。收款已完成，不受影响；请检查打印机后按“重打小票”。", ErrorKind.Unavailable);
}
