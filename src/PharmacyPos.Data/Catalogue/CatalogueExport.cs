using Microsoft.EntityFrameworkCore;
using PharmacyPos.Data.Export;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Catalogue;

namespace PharmacyPos.Data.Catalogue;

/// <summary>One price a drug had: when, who set it, from what to what (from the audit trail).</summary>
public sealed record PriceChange(DateTimeOffset At, string By, string Change);

/// <summary>
/// 药品目录 out of the POS in the import's own headings, so that export → edit in Excel → import
/// gives back the same catalogue; and a drug's price history from the audit trail.
/// </summary>
public sealed class CatalogueExport(PosDbContext db)
{
    public async Task<ReportTable> TableAsync(CancellationToken ct = default)
    {
        var drugs = await db.Drugs.AsNoTracking().OrderBy(d => d.Code).ToListAsync(ct);
        return new("药品目录", CatalogueColumns.All,
        [
            .. drugs.Select(d => (IReadOnlyList<object?>)
            [
                new CsvExport.Id(d.Code), new CsvExport.Id(d.Barcode), d.Name, d.Specification, d.Manufacturer, d.Unit, d.RetailPrice,
                d.PinyinInitials, d.NationalCode is { } n ? new CsvExport.Id(n) : null, d.WhollySelfPaid ? "是" : "否", d.Category?.ToChinese(),
                d.Class.ToChinese(), d.ContainsEphedrine ? "是" : "否", d.SplitUnit, d.SplitsPerPack, d.SplitPrice,
            ]),
        ]);
    }

    /// <summary>Newest first. A price change's audit line reads "编码 名称：¥old → ¥new".</summary>
    public async Task<IReadOnlyList<PriceChange>> PriceHistoryAsync(string code, CancellationToken ct = default)
    {
        var prefix = code + " ";
        var entries = await db.Audit.AsNoTracking()
            .Where(a => a.Action == AuditActions.PriceChanged && a.Detail != null && a.Detail.StartsWith(prefix))
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(200).ToListAsync(ct);
        return [.. entries.Select(a => new PriceChange(a.At, $"{a.DisplayName}（{a.UserName}）", a.Detail![(a.Detail!.IndexOf('：') + 1)..]))];
    }
}
