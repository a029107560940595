using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PharmacyPos.Data.Registrations;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Regulated;

namespace PharmacyPos.Data.Regulated;

/// <summary>A register row with its order's outcome: a sale that was refunded stays in the register, marked.</summary>
public sealed record Registered<T>(T Row, OrderStatus Status);

/// <summary>One 处方登记 row as the register shows it: the photo is only said to be there (it is fetched on its own).</summary>
public sealed record PrescriptionEntry(DateTimeOffset RecordedAt, TradeNo TradeNo, string Hospital, string Number, string Doctor, string PatientName,
    string Drugs, string PharmacistUserName, string PharmacistName, DateTimeOffset ReviewedAt, bool HasPhoto);

/// <summary>One 拆零记录 row and who sold it.</summary>
public sealed record SplitEntry(SplitSale Sale, string Cashier);

/// <summary>
/// 处方登记 and 含麻黄碱药品销售登记: the rows of the sales that were paid (a payment that failed
/// sold nothing; its rows stay in the database with their failed order), on screen and as files.
/// </summary>
public sealed class RegulatedRegisters(PosDbContext db)
{
    private static readonly OrderStatus[] Sold = [OrderStatus.Paid, OrderStatus.Refunding, OrderStatus.Refunded];

    public async Task<IReadOnlyList<Registered<PrescriptionEntry>>> PrescriptionsAsync(RegistrationQuery query, CancellationToken ct = default)
    {
        var (from, to) = query.Span;
        var rows = await db.Prescriptions.AsNoTracking()
            .Where(p => p.StoreId == query.StoreId && p.RecordedAt >= from && p.RecordedAt < to)
            .Join(db.Orders.Where(o => o.StoreId == query.StoreId && Sold.Contains(o.Status)), p => p.TradeNo, o => o.TradeNo,
                (p, o) => new Registered<PrescriptionEntry>(new PrescriptionEntry(p.RecordedAt, p.TradeNo, p.Hospital, p.Number, p.Doctor, p.PatientName,
                    p.Drugs, p.PharmacistUserName, p.PharmacistName, p.ReviewedAt, p.PhotoType != null), o.Status))
            .ToListAsync(ct);
        var text = query.Text?.Trim();
        return [.. rows.OrderBy(r => r.Row.RecordedAt)
            .Where(r => string.IsNullOrEmpty(text) || r.Row.Number.Contains(text, StringComparison.OrdinalIgnoreCase)
                || r.Row.PatientName.Contains(text, StringComparison.Ordinal) || r.Row.TradeNo.Value == text)];
    }

    /// <summary>The days' rows, then the search text (a name in part, an ID number or 交易号 whole) over them.</summary>
    public async Task<IReadOnlyList<Registered<EphedrineSale>>> EphedrineAsync(RegistrationQuery query, CancellationToken ct = default)
    {
        var (from, to) = query.Span;
        var rows = await db.EphedrineSales.AsNoTracking()
            .Where(e => e.StoreId == query.StoreId && e.SoldAt >= from && e.SoldAt < to)
            .Join(db.Orders.Where(o => o.StoreId == query.StoreId && Sold.Contains(o.Status)), e => e.TradeNo, o => o.TradeNo, (e, o) => new { e, o.Status })
            .OrderBy(x => x.e.SoldAt).ThenBy(x => x.e.Id).ToListAsync(ct);
        var text = query.Text?.Trim();
        return [.. rows.Select(x => new Registered<EphedrineSale>(x.e, x.Status))
            .Where(r => string.IsNullOrEmpty(text) || r.Row.BuyerName.Contains(text, StringComparison.Ordinal)
                || r.Row.BuyerId.Equals(text, StringComparison.OrdinalIgnoreCase) || r.Row.TradeNo.Value == text)];
    }

    /// <summary>拆零记录 with the cashier of each order.</summary>
    public async Task<IReadOnlyList<Registered<SplitEntry>>> SplitAsync(RegistrationQuery query, CancellationToken ct = default)
    {
        var (from, to) = query.Span;
        var rows = await db.SplitSales.AsNoTracking()
            .Where(e => e.StoreId == query.StoreId && e.SoldAt >= from && e.SoldAt < to)
            .Join(db.Orders.Where(o => o.StoreId == query.StoreId && Sold.Contains(o.Status)), e => e.TradeNo, o => o.TradeNo,
                (e, o) => new Registered<SplitEntry>(new SplitEntry(e, o.CashierName ?? o.Cashier ?? ""), o.Status))
            .ToListAsync(ct);
        var text = query.Text?.Trim();
        return [.. rows.OrderBy(r => r.Row.Sale.SoldAt).ThenBy(r => r.Row.Sale.Id)
            .Where(r => string.IsNullOrEmpty(text) || r.Row.Sale.DrugName.Contains(text, StringComparison.Ordinal)
                || r.Row.Sale.DrugCode.Equals(text, StringComparison.OrdinalIgnoreCase) || r.Row.Sale.TradeNo.Value == text)];
    }

    public static Export.ReportTable SplitTable(IEnumerable<Registered<SplitEntry>> rows) =>
        new("拆零记录", ["销售时间", "交易号", "药品编码", "药品名称", "规格", "生产厂家", "批号", "有效期至", "数量", "单位", "收银员", "状态"],
        [
            .. rows.Select(r => (IReadOnlyList<object?>)
            [
                Time(r.Row.Sale.SoldAt), new Export.CsvExport.Id(r.Row.Sale.TradeNo.Value), new Export.CsvExport.Id(r.Row.Sale.DrugCode), r.Row.Sale.DrugName,
                r.Row.Sale.Specification, r.Row.Sale.Manufacturer, r.Row.Sale.LotNo is { } lot ? new Export.CsvExport.Id(lot) : "",
                r.Row.Sale.ExpiresOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", r.Row.Sale.Quantity, r.Row.Sale.Unit, r.Row.Cashier,
                r.Status.ToChinese(),
            ]),
        ]);

    /// <summary>The photo kept with a sold prescription, with its type; null when there is none.</summary>
    public async Task<(byte[] Content, string Type)?> PhotoAsync(int storeId, TradeNo tradeNo, CancellationToken ct = default)
    {
        var photo = await db.Prescriptions.AsNoTracking().Where(p => p.StoreId == storeId && p.TradeNo == tradeNo && p.Photo != null)
            .Select(p => new { p.Photo, p.PhotoType }).FirstOrDefaultAsync(ct);
        return photo is null ? null : (photo.Photo!, photo.PhotoType!);
    }

    /// <summary>The export is in the audit log: who took which register out, with or without whole ID numbers.</summary>
    public async Task AuditExportAsync(string register, RegistrationQuery query, Export.ExportFormat format, int count, bool wholeIds, CancellationToken ct = default)
    {
        db.AddAudit(Domain.Audit.AuditActions.RegulatedRegisterExported,
            detail: $"{query.Describe()} {register} {Export.ReportFile.Extension(format).ToUpperInvariant()}，{count} 条{(wholeIds ? "（含完整身份证号）" : "")}");
        await db.SaveChangesAsync(ct);
    }

    public static Export.ReportTable PrescriptionTable(IEnumerable<Registered<PrescriptionEntry>> rows) =>
        new("处方登记", ["登记时间", "交易号", "处方来源", "处方号", "开方医师", "患者姓名", "处方药品", "审核药师", "审核时间", "处方图片", "状态"],
        [
            .. rows.Select(r => (IReadOnlyList<object?>)
            [
                Time(r.Row.RecordedAt), new Export.CsvExport.Id(r.Row.TradeNo.Value), r.Row.Hospital, new Export.CsvExport.Id(r.Row.Number), r.Row.Doctor,
                r.Row.PatientName, r.Row.Drugs, $"{r.Row.PharmacistName}（{r.Row.PharmacistUserName}）", Time(r.Row.ReviewedAt),
                r.Row.HasPhoto ? "有" : "无", r.Status.ToChinese(),
            ]),
        ]);

    /// <summary>The manager's file carries the ID number whole (it is the register itself); a pharmacist's, masked.</summary>
    public static Export.ReportTable EphedrineTable(IEnumerable<Registered<EphedrineSale>> rows, bool wholeIds) =>
        new("含麻黄碱药品销售登记", ["销售时间", "交易号", "药品编码", "药品名称", "规格", "数量", "单位", "生产厂家", "批号", "购买人", "身份证号", "状态"],
        [
            .. rows.Select(r => (IReadOnlyList<object?>)
            [
                Time(r.Row.SoldAt), new Export.CsvExport.Id(r.Row.TradeNo.Value), new Export.CsvExport.Id(r.Row.DrugCode), r.Row.DrugName,
                r.Row.Specification, r.Row.Quantity, r.Row.Unit, r.Row.Manufacturer, r.Row.LotNo is { } lot ? new Export.CsvExport.Id(lot) : "",
                r.Row.BuyerName, new Export.CsvExport.Id(wholeIds ? r.Row.BuyerId : r.Row.BuyerIdMasked), r.Status.ToChinese(),
            ]),
        ]);


    private static string Time(DateTimeOffset at) => BeijingTime.From(at).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
