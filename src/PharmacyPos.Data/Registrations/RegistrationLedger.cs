using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Registration;

namespace PharmacyPos.Data.Registrations;

/// <summary>登记台账: the registrations of one day, on screen and as CSV/XLSX files.</summary>
public sealed class RegistrationLedger(PosDbContext db)
{
    /// <summary>
    /// The day's registrations with ID numbers whole, for the export (the registration record
    /// itself). Whoever takes them out of the POS is in the audit log.
    /// </summary>
    public async Task<IReadOnlyList<PurchaseRegistration>> ExportDayAsync(int storeId, DateOnly day, string format, CancellationToken ct = default)
    {
        var rows = await ForDayAsync(storeId, day, ct);
        db.AddAudit(Domain.Audit.AuditActions.RegistrationsExported, detail: $"{day:yyyy-MM-dd} 登记台账 {format.ToUpperInvariant()}，{rows.Count} 条（含完整身份证号）");
        await db.SaveChangesAsync(ct);
        return rows;
    }

    public async Task<IReadOnlyList<PurchaseRegistration>> ForDayAsync(int storeId, DateOnly day, CancellationToken ct = default)
    {
        var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), BeijingTime.Offset);
        var to = from.AddDays(1);
        return await db.Registrations.AsNoTracking()
            .Where(r => r.StoreId == storeId && r.RegisteredAt >= from && r.RegisteredAt < to)
            .OrderBy(r => r.RegisteredAt).ToListAsync(ct);
    }

    public static readonly string[] Header = ["登记时间", "交易号", "支付方式", "金额", "参保人", "人员编号", "购药人", "身份证号", "手机号", "与参保人关系"];

    /// <summary>The file is the registration record itself, so it carries the purchaser's ID number whole.</summary>
    public static IEnumerable<IDictionary<string, object>> Rows(IEnumerable<PurchaseRegistration> registrations) =>
        registrations.Select(r => (IDictionary<string, object>)Header.Zip(new object[]
        {
            BeijingTime.From(r.RegisteredAt).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            r.TradeNo.Value, r.Method.ToChinese(), r.Amount.ToYuanString(), r.InsuredName, r.PsnNo,
            r.PurchaserName, r.PurchaserId, r.Phone, r.Relation,
        }).ToDictionary(p => p.First, p => p.Second));

    /// <summary>交易号, 人员编号 and 身份证号 written as text Excel keeps whole.</summary>
    public static byte[] ToCsv(IEnumerable<PurchaseRegistration> registrations) =>
        Export.CsvExport.Write(Header, Rows(registrations).Select(r => (IReadOnlyList<object?>)r
            .Select(kv => kv.Key is "交易号" or "人员编号" or "身份证号" ? new Export.CsvExport.Id((string)kv.Value) : kv.Value).ToList()));

    public static byte[] ToXlsx(IEnumerable<PurchaseRegistration> registrations)
    {
        using var buffer = new MemoryStream();
        buffer.SaveAs(Rows(registrations).ToList(), excelType: ExcelType.XLSX);
        return buffer.ToArray();
    }
}
