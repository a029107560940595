using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Registration;

namespace PharmacyPos.Data.Registrations;

/// <summary>A stretch of Beijing days and, optionally, a name, an ID number or a 交易号 to look for.</summary>
public sealed record RegistrationQuery(int StoreId, DateOnly From, DateOnly To, string? Text = null)
{
    /// <summary>A year at most: the ledger is searched, not dumped.</summary>
    public const int MaxDays = 366;

    public bool IsValid => From <= To && To.DayNumber - From.DayNumber < MaxDays;

    /// <summary>What the screens and the exports say of a stretch that is not <see cref="IsValid"/>.</summary>
    public static readonly Domain.Errors.PosError RangeInvalid =
        new("RANGE_INVALID", $"日期范围不正确：开始日期不能晚于结束日期，且最多 {MaxDays} 天。");

    /// <summary>The stretch as instants: from the first day's Beijing midnight up to the one after the last day.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Span => (BeijingTime.StartOf(From), BeijingTime.StartOf(To.AddDays(1)));

    public string Describe() => (From == To ? $"{From:yyyy-MM-dd}" : $"{From:yyyy-MM-dd} 至 {To:yyyy-MM-dd}")
        + (string.IsNullOrWhiteSpace(Text) ? "" : "，查找条件已填");
}

/// <summary>登记台账: the registrations of a stretch of days, on screen and as CSV/XLSX files.</summary>
public sealed class RegistrationLedger(PosDbContext db)
{
    /// <summary>
    /// The registrations with ID numbers whole, for the export (the registration record itself).
    /// Whoever takes them out of the POS is in the audit log.
    /// </summary>
    public async Task<IReadOnlyList<PurchaseRegistration>> ExportAsync(RegistrationQuery query, Export.ExportFormat format, CancellationToken ct = default)
    {
        var rows = await SearchAsync(query, ct);
        db.AddAudit(Domain.Audit.AuditActions.RegistrationsExported,
            detail: $"{query.Describe()} 登记台账 {Export.ReportFile.Extension(format).ToUpperInvariant()}，{rows.Count} 条（含完整身份证号）");
        await db.SaveChangesAsync(ct);
        return rows;
    }

    /// <summary>
    /// The days' registrations; a search text matches a purchaser's or insured person's name
    /// (part of it), a whole ID number or a 交易号. Names and ID numbers are sealed in the
    /// database, so the text is matched after the days' rows are read and opened.
    /// </summary>
    public async Task<IReadOnlyList<PurchaseRegistration>> SearchAsync(RegistrationQuery query, CancellationToken ct = default)
    {
        var (from, to) = query.Span;
        var rows = await db.Registrations.AsNoTracking()
            .Where(r => r.StoreId == query.StoreId && r.RegisteredAt >= from && r.RegisteredAt < to)
            .OrderBy(r => r.RegisteredAt).ToListAsync(ct);
        var text = query.Text?.Trim();
        if (string.IsNullOrEmpty(text)) return rows;
        return [.. rows.Where(r => r.PurchaserName.Contains(text, StringComparison.OrdinalIgnoreCase)
            || r.InsuredName.Contains(text, StringComparison.OrdinalIgnoreCase)
            || r.PurchaserId.Equals(text, StringComparison.OrdinalIgnoreCase)
            || r.TradeNo.Value == text)];
    }

    public Task<IReadOnlyList<PurchaseRegistration>> ForDayAsync(int storeId, DateOnly day, CancellationToken ct = default) =>
        SearchAsync(new RegistrationQuery(storeId, day, day), ct);

    /// <summary>The file is the registration record itself, so it carries the purchaser's ID number whole.</summary>
    public static Export.ReportTable Table(IEnumerable<PurchaseRegistration> registrations) =>
        new("登记台账", ["登记时间", "交易号", "支付方式", "金额", "参保人", "人员编号", "购药人", "身份证号", "手机号", "与参保人关系"],
        [
            .. registrations.Select(r => (IReadOnlyList<object?>)
            [
                BeijingTime.From(r.RegisteredAt).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                new Export.CsvExport.Id(r.TradeNo.Value), r.Method.ToChinese(), r.Amount, r.InsuredName, new Export.CsvExport.Id(r.PsnNo),
                r.PurchaserName, new Export.CsvExport.Id(r.PurchaserId), new Export.CsvExport.Id(r.Phone), r.Relation,
            ]),
        ]);
}
