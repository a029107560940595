using Microsoft.EntityFrameworkCore;
using PharmacyPos.Data.Export;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;

namespace PharmacyPos.Data.Stock;

/// <summary>
/// 销售记录 for inspection: every line sold in the date range with what GSP's retail sales record
/// asks for — 药品名称、规格、生产厂家、数量、价格、批号 (and 有效期至) — as the line was frozen
/// when sold, with the order's 交易号, cashier and whether it was refunded since.
/// </summary>
public sealed class SalesRecord(PosDbContext db)
{
    /// <summary>The file an inspector takes away: who took it is in the 审计日志.</summary>
    public async Task<ReportTable> ExportAsync(int storeId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var table = await TableAsync(storeId, from, to, ct);
        db.AddAudit(Domain.Audit.AuditActions.SalesRecordExported, detail: $"{from:yyyy-MM-dd} 至 {to:yyyy-MM-dd}，{table.Rows.Count} 行");
        await db.SaveChangesAsync(ct);
        return table;
    }

    public async Task<ReportTable> TableAsync(int storeId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        // As 销售报表 counts them: a sale on the day it was paid, found among orders written up to a week before.
        var (start, end) = (BeijingTime.StartOf(from), BeijingTime.StartOf(to.AddDays(1)));
        var written = start - Reports.SalesReports.LatestSettlement;
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.StoreId == storeId && o.CreatedAt >= written && o.CreatedAt < end && o.PaidAt >= start && o.PaidAt < end
                        && (o.Status == OrderStatus.Paid || o.Status == OrderStatus.Refunding || o.Status == OrderStatus.Refunded))
            .OrderBy(o => o.PaidAt).ThenBy(o => o.Id)
            .ToListAsync(ct);
        return new ReportTable($"销售记录 {from:yyyy-MM-dd} 至 {to:yyyy-MM-dd}",
            ["销售时间", "交易号", "药品编码", "药品名称", "规格", "生产厂家", "批号", "有效期至", "数量", "单位", "单价", "金额", "支付方式", "收银员", "状态"],
            [
                .. orders.SelectMany(o => o.Lines.OrderBy(l => l.LineNo).Select(l => (IReadOnlyList<object?>)
                [
                    BeijingTime.Text(o.PaidAt!.Value), new CsvExport.Id(o.TradeNo.Value), new CsvExport.Id(l.DrugCode), l.DrugName, l.Specification,
                    l.Manufacturer, l.LotNo is null ? null : new CsvExport.Id(l.LotNo), l.ExpiresOn?.ToString("yyyy-MM-dd"), l.Quantity, l.Unit,
                    l.UnitPrice, l.Amount, o.Method.ToChinese(), o.CashierName ?? o.Cashier, o.Status.ToChinese(),
                ])),
            ]);
    }
}
